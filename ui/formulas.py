"""LaTeX (and one small HTML table) for the formula panels, with the current numbers.

Pure functions of engine data (no Streamlit), so they are unit-tested: every number shown
comes from a ConvGeometry or a TraceStep.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

import conv_engine as ce
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


def article(number: int) -> str:
    """ "a" or "an" before a number read aloud: an 8, an 11, an 18, an 80…; a 5, a 100."""
    text = str(number)
    spoken_vowel = text.startswith("8") or (text.startswith(("11", "18")) and len(text) % 3 == 2)
    return "an" if spoken_vowel else "a"


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


def same_padding_latex(geometry: ConvGeometry, axis: int, axis_name: str = "") -> str:
    """TensorFlow's SAME rule with numbers for one axis: output size, total pad, its split.

    ``axis_name`` (e.g. ``"height"``) labels the symbols when a page shows several axes.
    """
    size, stride = geometry.input_size[axis], geometry.stride[axis]
    extent = geometry.kernel_extent[axis]
    output = geometry.output_size[axis]  # SAME: ⌈i/s⌉
    before, after = geometry.padding[axis]
    label = rf"\text{{{axis_name}}}," if axis_name else ""
    symbol = rf"o_{{\text{{{axis_name}}}}}" if axis_name else "o"
    # three short rows (``\\``) rather than one line wider than a projector's column
    return (
        rf"{symbol} = \lceil i / s \rceil = \lceil {size}/{stride} \rceil = {output} \\ "
        rf"p_{{{label}\text{{total}}}} = \max((o-1)s + k_\text{{eff}} - i,\ 0) = "
        rf"\max({output - 1}\cdot{stride} + {extent} - {size},\ 0) = {before + after} \\ "
        rf"p_{{{label}\text{{before}}}} = \lfloor {before + after}/2 \rfloor = {before},\quad "
        rf"p_{{{label}\text{{after}}}} = {before + after} - {before} = {after}"
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
) -> str:
    """The transposed output size in PyTorch's words, with numbers."""
    return (
        rf"o = (i-1)\,s - 2p + d(k-1) + \text{{output\_padding}} + 1 = ({input_size}-1)"
        rf"\cdot{stride} - 2\cdot{padding} + {dilation}\cdot({kernel_size}-1) + "
        rf"{output_padding} + 1 = {output_size}"
    )


@dataclass(frozen=True)
class KerasTransposed:
    """The same layer in Keras: its size formula with numbers, or why Keras cannot say it.

    ``latex`` is None when Keras refuses the setting or has no matching padding; ``notes``
    are sentences (Markdown) about Keras' rule and where it differs from PyTorch's.
    """

    latex: str | None
    notes: tuple[str, ...]


def keras_transposed(
    input_size: int,
    kernel_size: int,
    stride: int,
    padding: int,
    output_padding: int,
    dilation: int,
    output_size: int,
) -> KerasTransposed:
    """Keras' ``Conv2DTranspose`` for the page's PyTorch settings, in Keras' own rule.

    Keras pads ``'valid'``/``'same'`` (no integer crop) and defaults to
    ``output_padding=None``; its sizes come from ``ce.keras_conv_transpose_output_size``.
    """
    extent = dilation * (kernel_size - 1) + 1
    notes = []
    latex = None
    try:
        mode = ce.keras_transpose_padding(kernel_size, stride, padding, output_padding, dilation)
    except ce.ConvConfigError as error:
        notes.append(f"**Keras:** {error}.")
    else:
        size = ce.keras_conv_transpose_output_size(
            input_size, kernel_size, stride, mode, output_padding, dilation
        )
        crop = r" - 2\lfloor F/2 \rfloor" if mode == "same" else ""
        crop_numbers = rf" - 2\cdot{extent // 2}" if mode == "same" else ""
        latex = (
            rf"\text{{Keras }}\texttt{{padding='{mode}', output\_padding={output_padding}}}:\ "
            rf"(W-1)\,S + F{crop} + \text{{output\_padding}} = ({input_size}-1)\cdot{stride}"
            rf" + {extent}{crop_numbers} + {output_padding} = {size}"
        )
    defaults = []
    for mode in ce.KERAS_TRANSPOSE_PADDINGS:
        try:
            size = ce.keras_conv_transpose_output_size(
                input_size, kernel_size, stride, mode, None, dilation
            )
        except ce.ConvConfigError:
            continue
        rule = "W·S + max(F − S, 0)" if mode == "valid" else "W·S"
        differs = f" (PyTorch here: {output_size})" if size != output_size else ""
        defaults.append(f"`padding='{mode}'` gives {rule} = **{size}**{differs}")
    if defaults:
        notes.append(
            "Keras' default is `output_padding=None`, which infers the size: "
            + "; ".join(defaults)
            + "."
        )
    return KerasTransposed(latex, tuple(notes))


def wavenet_latex(kernel_size: int, dilations: list[int], residual: bool, size: int) -> str:
    """``r = 1 + Σ (k − 1)·dᵢ`` with numbers (each dilation listed once per conv)."""
    shown = " + ".join(str(d) for d in dilations[:12]) + (
        r" + \dots" if len(dilations) > 12 else ""
    )
    note = r"\ \text{(two convs per dilation)}" if residual else ""
    return rf"r = 1 + \sum_i (k-1)\,d_i = 1 + ({kernel_size}-1)\cdot({shown}) = {size}{note}"
