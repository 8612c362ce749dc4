"""LaTeX for the formulas several pages show, with the current numbers substituted.

Pure functions of engine data (no Streamlit), so they are unit-tested: every number shown
comes from a ConvGeometry. A topic's own formulas live in its module.
"""

from __future__ import annotations

import numpy as np

from conv_engine import ConvGeometry, effective_kernel_size
from viz.theme import format_number


def kernel_extent_latex(kernel_size: int, dilation: int) -> str:
    """``k_eff = k + (k − 1)(d − 1)`` with numbers."""
    extent = effective_kernel_size(kernel_size, dilation)
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
