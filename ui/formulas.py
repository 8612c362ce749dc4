"""LaTeX (and one small HTML table) for the formula panels, with the current numbers.

Pure functions of engine data (no Streamlit), so they are unit-tested: every number shown
comes from a ConvGeometry or a TraceStep.
"""

from __future__ import annotations

import numpy as np

from conv_engine import ConvGeometry, TraceStep, head_of_channel, zero_insert
from viz import theme
from viz.theme import format_number

MAX_TERMS = 12
MAX_MATRIX_SIDE = 13  # a wider dense kernel no longer fits a column legibly
GAP_ZERO_COLOUR = "#a8a8a8"  # the zeros dilation inserts, lighter than the taps


def kernel_extent_latex(kernel_size: int, dilation: int) -> str:
    """``k_eff = k + (k − 1)(d − 1)`` with numbers."""
    extent = kernel_size + (kernel_size - 1) * (dilation - 1)
    return (
        rf"k_\text{{eff}} = k + (k-1)(d-1) = {kernel_size} + {kernel_size - 1}"
        rf"\cdot{dilation - 1} = {extent}"
    )


def output_size_latex(geometry: ConvGeometry, axis: int, symbol: str = "o") -> str:
    """``o = ⌊(i + p_before + p_after − k_eff)/s⌋ + 1`` for one axis, with numbers."""
    size = geometry.input_size[axis]
    before, after = geometry.padding[axis]
    extent = geometry.kernel_extent[axis]
    stride = geometry.stride[axis]
    result = geometry.output_size[axis]
    return (
        rf"{symbol} = \left\lfloor \frac{{i + p_\text{{before}} + p_\text{{after}} - "
        rf"k_\text{{eff}}}}{{s}} \right\rfloor + 1 = \left\lfloor \frac{{{size} + {before} + "
        rf"{after} - {extent}}}{{{stride}}} \right\rfloor + 1 = {result}"
    )


def matrix_latex(values: np.ndarray) -> str:
    """A 1-D or 2-D array as a bracketed matrix of its (rounded) numbers."""
    rows = [" & ".join(format_number(v) for v in row) for row in np.atleast_2d(values).tolist()]
    return r"\begin{bmatrix}" + r" \\ ".join(rows) + r"\end{bmatrix}"


def dilated_kernel_html(weights: np.ndarray, dilation: int) -> str | None:
    """The k × k kernel spread out with d − 1 zeros between taps, as a small HTML table.

    The taps keep their weights, bold on the tap colours of the animation's kernel panel;
    the inserted zeros are grey. A table, not KaTeX: a 5 × 5 KaTeX matrix costs the browser
    10–20 ms per redraw, a table ~1. ``None`` when the dense kernel is wider than
    :data:`MAX_MATRIX_SIDE`.
    """
    dense = zero_insert(weights, dilation)
    if max(dense.shape) > MAX_MATRIX_SIDE:
        return None
    columns = weights.shape[1]
    cell = "padding:0.15em 0.55em;text-align:right;border:1px solid #e3e6ea;"
    rows = []
    for r, row in enumerate(dense.tolist()):
        cells = []
        for c, value in enumerate(row):
            if r % dilation == 0 and c % dilation == 0:
                tap = (r // dilation) * columns + c // dilation
                fill = theme.with_alpha(theme.tap_colour(tap), theme.TAP_ALPHA)
                style = cell + f"font-weight:600;background:{fill};"
            else:
                style = cell + f"color:{GAP_ZERO_COLOUR};"
            cells.append(f'<td style="{style}">{format_number(value)}</td>')
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return (
        '<table style="border-collapse:collapse;font-variant-numeric:tabular-nums;'
        f'margin:0.2em 0 0.6em">{"".join(rows)}</table>'
    )


def lightweight_weights_latex(
    raw: np.ndarray, normalised: np.ndarray, channels: int, dropped: bool
) -> str:
    """Raw head weights → softmax over k (→ DropConnect), and the head of every channel."""
    heads = raw.shape[0]
    step = r"\text{softmax over } k" + (r"\text{, DropConnect}" if dropped else "")
    owner = head_of_channel(channels, heads)
    return (
        rf"\underbrace{{{matrix_latex(raw)}}}_{{\text{{raw}},\ H \times k\ =\ {heads} \times "
        rf"{raw.shape[1]}}} \xrightarrow{{{step}}} {matrix_latex(normalised)} \\[10pt] "
        rf"\text{{head of channel }} c = \lfloor c / (d/H) \rfloor:\quad "
        rf"{matrix_latex(owner)}_{{c\, =\, 0 \ldots {channels - 1}}}"
    )


def same_padding_latex(geometry: ConvGeometry, axis: int) -> str:
    """TensorFlow's SAME rule with numbers: output size, total pad and its split."""
    size, stride = geometry.input_size[axis], geometry.stride[axis]
    extent = geometry.kernel_extent[axis]
    output = -(-size // stride)
    before, after = geometry.padding[axis]
    # three short rows (``\\``) rather than one line wider than a projector's column
    return (
        rf"o = \lceil i / s \rceil = \lceil {size}/{stride} \rceil = {output} \\ "
        rf"p_\text{{total}} = \max((o-1)s + k_\text{{eff}} - i,\ 0) = "
        rf"\max({output - 1}\cdot{stride} + {extent} - {size},\ 0) = {before + after} \\ "
        rf"p_\text{{before}} = \lfloor {before + after}/2 \rfloor = {before},\quad "
        rf"p_\text{{after}} = {after}"
    )


def _factor(value: float) -> str:
    text = format_number(value)
    return f"({text})" if value < 0 else text


def step_equation_latex(step: TraceStep, output_name: str) -> str:
    """``y[1, 2] = 3·1 + 0·2 + … = 17``: the products of one step, input value · weight."""
    values = step.input_values.ravel().tolist()
    weights = step.weights.ravel().tolist()
    terms = [rf"{_factor(x)}\cdot{_factor(w)}" for x, w in zip(values, weights, strict=True)]
    if len(terms) > MAX_TERMS:
        shown = terms[: MAX_TERMS - 2]
        terms = [*shown, rf"\dots\ (\text{{{len(values)} products}})", terms[-1]]
    bias = f" + {_factor(step.bias)}" if step.bias else ""
    name = output_name.replace("[", "_{").replace("]", "}")
    return rf"{name} = {' + '.join(terms)}{bias} = {format_number(step.value)}"


def same_padding_sentence(geometry: ConvGeometry, axis_names: tuple[str, ...]) -> str:
    """Which side gets the extra zero under SAME (TF rule), in words with numbers."""
    sides = {"height": ("top", "bottom"), "width": ("left", "right"), "length": ("left", "right")}
    parts = []
    for axis, name in enumerate(axis_names):
        before, after = geometry.padding[axis]
        first, last = sides[name]
        if before == after:
            parts.append(f"{name}: {before} zero(s) on each side ({first} = {last})")
        else:
            parts.append(
                f"{name}: {before} on the {first}, **{after} on the {last}** — the odd zero "
                f"goes at the end"
            )
    return "; ".join(parts)


def transposed_size_latex(
    input_size: int,
    kernel_size: int,
    stride: int,
    padding: int,
    output_padding: int,
    dilation: int,
    output_size: int,
) -> tuple[str, str]:
    """The transposed output size in PyTorch's and in Keras' words, with numbers."""
    torch = (
        rf"o = (i-1)\,s - 2p + d(k-1) + \text{{output\_padding}} + 1 = ({input_size}-1)"
        rf"\cdot{stride} - 2\cdot{padding} + {dilation}\cdot({kernel_size}-1) + "
        rf"{output_padding} + 1 = {output_size}"
    )
    extent = dilation * (kernel_size - 1) + 1
    keras = (
        rf"\text{{Keras: }} (W-1)\,S + F - 2\,\text{{padding}} + \text{{output\_padding}} = "
        rf"({input_size}-1)\cdot{stride} + {extent} - 2\cdot{padding} + {output_padding} = "
        rf"{output_size}"
    )
    return torch, keras


def wavenet_latex(kernel_size: int, dilations: list[int], residual: bool, size: int) -> str:
    """``r = 1 + Σ (k − 1)·dᵢ`` with numbers (each dilation listed once per conv)."""
    shown = " + ".join(str(d) for d in dilations[:12]) + (
        r" + \dots" if len(dilations) > 12 else ""
    )
    note = r"\ \text{(two convs per dilation)}" if residual else ""
    return rf"r = 1 + \sum_i (k-1)\,d_i = 1 + ({kernel_size}-1)\cdot({shown}) = {size}{note}"
