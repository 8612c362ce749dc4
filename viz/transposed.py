"""The matrix view of the transposed-convolution page: C, and the row of Cᵀ for one cell."""

from __future__ import annotations

import numpy as np

from . import theme
from .grid import axis_refs, cell_texts, grid_axes, rectangle_path

MAX_WIDTH = 1100


def matrix_figure(
    transposed: np.ndarray, input_shape: tuple[int, ...], pinned_row: int | None = None
) -> dict:
    """The convolution C (input cells of the transposed conv × its output cells), and row
    ``pinned_row`` of Cᵀ (the weights one output cell takes) drawn as the input grid.

    ``transposed`` is Cᵀ, ``(output cells, input cells)``; C is drawn wide (one row per
    input cell of the transposed conv), so even an 81-cell output stays legible; the pinned
    output cell is a column of C, outlined, and the same numbers as a grid on the right.
    """
    conv = transposed.T
    rows, cols = conv.shape
    high = float(np.abs(conv).max()) or 1.0
    grid_rows, grid_cols = (1, input_shape[0]) if len(input_shape) == 1 else input_shape
    cell = min(28, (MAX_WIDTH - 40 - 30 * grid_cols) / cols, 360 / rows)
    left_width = cols * cell
    right_width = grid_cols * max(cell, 30)
    width = left_width + right_width + 120
    height = max(rows * cell, grid_rows * max(cell, 30)) + 80
    split = left_width / width

    def heatmap(values: np.ndarray, index: int) -> dict:
        trace = {
            "type": "heatmap",
            "z": values.tolist(),
            "colorscale": theme.DIVERGING,
            "zmin": -high,
            "zmax": high,
            "showscale": index == 2,
            "xgap": 1,
            "ygap": 1,
            "hovertemplate": "row %{y}, column %{x}: %{z}<extra></extra>",
            **axis_refs(index),
        }
        if index == 2:
            trace["colorbar"] = {"title": {"text": "weight"}, "thickness": 12, "len": 0.7}
        if index == 2 or cell >= 18:
            trace["text"] = [[t if t != "0" else "" for t in row] for row in cell_texts(values)]
            trace["texttemplate"] = "%{text}"
        return trace

    data = [heatmap(conv, 1)]
    layout = grid_axes(
        1,
        (0, split),
        conv.shape,
        "C, the convolution: one row per input cell of the transposed conv, one column "
        "per output cell",
        y_domain=(0, 1 - 60 / height),
        ticks=True,
    )
    if pinned_row is not None:
        hx, hy = rectangle_path(np.array([[0, pinned_row, rows - 1, pinned_row]]))
        data.append(
            {
                "type": "scatter",
                "x": hx,
                "y": hy,
                "mode": "lines",
                "line": {"color": theme.PINNED_OUTLINE, "width": 3},
                "hoverinfo": "skip",
                **axis_refs(1),
            }
        )
        weights = transposed[pinned_row].reshape(grid_rows, grid_cols)
        data.append(heatmap(weights, 2))
        layout.update(
            grid_axes(
                2,
                (split + 40 / width, 1 - 60 / width),
                weights.shape,
                f"row {pinned_row} of Cᵀ: the weight of each input cell",
                y_domain=(0, 1 - 60 / height),
            )
        )
    layout.update(
        theme.figure_layout(
            height=int(height), width=int(width), margin={"l": 40, "r": 40, "t": 10, "b": 10}
        )
    )
    return {"data": data, "layout": layout}
