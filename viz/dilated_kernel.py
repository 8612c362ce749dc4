"""A dilated kernel written out: its taps with the d − 1 zeros dilation puts between them."""

from __future__ import annotations

import numpy as np

from conv_engine import zero_insert

from . import theme

MAX_MATRIX_SIDE = 13  # a wider dense kernel no longer fits a column legibly


def dilated_kernel_html(weights: np.ndarray, dilation: int) -> str | None:
    """The k × k kernel spread out with d − 1 zeros between taps, as a small HTML table.

    The taps keep their weights, bold on the tap colours of the animation's kernel panel;
    the inserted zeros are grey. A table, not KaTeX: a table redraws far faster than a KaTeX
    matrix. ``None`` when the dense kernel is wider than :data:`MAX_MATRIX_SIDE`.
    """
    dense = zero_insert(weights, dilation)
    if max(dense.shape) > MAX_MATRIX_SIDE:
        return None
    columns = weights.shape[1]
    colours = theme.tap_colour_indices(*weights.shape)  # as the scene's (by row when large)
    cell = f"padding:0.15em 0.55em;text-align:right;border:1px solid {theme.GRID_LINES};"
    rows = []
    for r, row in enumerate(dense.tolist()):
        cells = []
        for c, value in enumerate(row):
            if r % dilation == 0 and c % dilation == 0:
                tap = (r // dilation) * columns + c // dilation
                fill = theme.with_alpha(theme.TAP_COLOURS[colours[tap]], theme.TAP_ALPHA)
                style = cell + f"font-weight:600;background:{fill};"
            else:
                style = cell + f"color:{theme.GAP_ZERO};"
            cells.append(f'<td style="{style}">{theme.format_number(value)}</td>')
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return (
        '<table style="border-collapse:collapse;font-variant-numeric:tabular-nums;'
        f'margin:0.2em 0 0.6em">{"".join(rows)}</table>'
    )
