"""A question of the exercises, the convolution it is about, and what makers share.

Every maker (:mod:`.convolutions`, :mod:`.receptive_fields`, :mod:`.channels`) draws its
numbers from its own random stream and asks the engine for the answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from ..errors import ConvConfigError
from ..sizes import conv_output_size, effective_kernel_size
from ..text import Text
from ..trace import INPUT, conv_trace
from .mistakes import Mistake

MAX_TRANSPOSED = 16  # the Transposed page's largest full output
# the Standard (2-D) and Conv1d (1-D) pages draw an input padded by SAME, FULL or causal
# zeros up to this many cells (n + (k_eff − 1), twice that for FULL), so a reveal opens there
MAX_PADDED = {1: 32, 2: 20}


@dataclass(frozen=True)
class Setting:
    """One convolution a question is about, as a page's link would set it.

    ``ndim`` 1 or 2 (square inputs of side ``size``); ``padding`` a mode or an int; a
    transposed conv has ``transposed`` and ``output_padding``. ``step`` is the animation
    step the reveal opens at (the output the question asks about).
    """

    ndim: int
    size: int
    kernel_size: int
    stride: int = 1
    dilation: int = 1
    padding: str | int = 0
    transposed: bool = False
    output_padding: int = 0
    step: int = 0


@dataclass(frozen=True)
class Question:
    """One question and its engine-computed answer.

    ``kind``: ``"number"`` (a whole number), ``"cells"`` (a set of positions of a 1-D
    input, offered as ``choices``) or ``"grid"`` (a set of ``(row, col)`` cells of an
    input ``grid`` × ``grid``). ``explanation`` is the rule with this question's numbers.
    ``page`` and ``query`` open the page the topic is taught on, at this setting; where
    that page cannot show the question's numbers, ``unlinked`` says why and no link is
    offered. ``mistakes`` are the wrong answers a likely slip gives, each with its hint.
    """

    topic: str
    skill: str  # what it practises: "output_size", "reads", "weights", "future", …
    prompt: Text
    kind: str
    answer: int | frozenset
    explanation: Text
    page: str
    query: dict[str, str] = field(default_factory=dict)
    setting: Setting | None = None
    choices: tuple[int, ...] = ()
    grid: int = 0
    unlinked: Text | None = None
    mistakes: tuple[Mistake, ...] = ()


# ---------------------------------------------------------------- helpers


def pick(rng: np.random.Generator, *options: Sequence[int]) -> tuple[int, ...]:
    """One value from each of ``options``."""
    return tuple(int(rng.choice(choices)) for choices in options)


def pad_text(padding: str | int) -> str:
    return f"padding='{padding}'" if isinstance(padding, str) else f"padding={padding}"


def read_cells(setting: Setting, output: tuple[int, ...]) -> frozenset:
    """The real input cells (no padding) the conv's output ``output`` reads, by its trace."""
    shape = (setting.size,) * setting.ndim
    trace = conv_trace(
        np.ones(shape),
        np.ones((setting.kernel_size,) * setting.ndim),
        setting.stride,
        setting.padding,
        setting.dilation,
        ndim=setting.ndim,
    )
    step = int(np.ravel_multi_index(output, trace.output.shape))
    origin = np.array(trace.input_origin)
    cells = set()
    for cell in trace.windows[step]:
        if trace.cell_kind[tuple(cell)] == INPUT:
            position = tuple(int(v) for v in np.asarray(cell) - origin)
            cells.add(position[0] if setting.ndim == 1 else position)
    return frozenset(cells)


def built_by_a_framework(padding: str | int, stride: int, dilation: int) -> bool:
    """Whether PyTorch or Keras builds a conv with this padding, stride and dilation.

    PyTorch takes an int (and 'full' is the int d·(k − 1)) at any stride and dilation, and
    'same' only at stride 1; Keras takes 'valid', 'same' and 'causal' (and an int through
    ZeroPadding) but refuses strides > 1 together with dilation > 1. So only 'same' or
    'causal' with both strides > 1 and dilation > 1 is built by neither.
    """
    return not (padding in ("same", "causal") and stride > 1 and dilation > 1)


def fitting(
    rng: np.random.Generator,
    sizes: Sequence[int],
    kernels: Sequence[int],
    strides: Sequence[int],
    dilations: Sequence[int],
    paddings: Sequence[str | int],
    ndim: int,
) -> tuple[int, int, int, int, str | int, int]:
    """A random conv setting whose kernel fits its padded input, that a framework builds
    (:func:`built_by_a_framework`) and that its page draws (:data:`MAX_PADDED`), and its
    output length."""
    while True:
        n, k, s, d = (int(rng.choice(v)) for v in (sizes, kernels, strides, dilations))
        padding = paddings[int(rng.integers(len(paddings)))]
        growth = {"same": 1, "causal": 1, "full": 2}.get(str(padding), 0)
        too_wide = n + growth * (effective_kernel_size(k, d) - 1) > MAX_PADDED[ndim]
        if too_wide or not built_by_a_framework(padding, s, d):
            continue
        try:
            return n, k, s, d, padding, conv_output_size(n, k, s, padding, d)
        except ConvConfigError:
            continue


def page_padding(padding: str | int) -> dict[str, str]:
    if isinstance(padding, str):
        return {"p": padding}
    return {"p": "explicit", **{key: str(padding) for key in ("pt", "pb", "pl", "pr")}}


# ---------------------------------------------------------------- question makers


def page_padding_1d(padding: str | int) -> dict[str, str]:
    if isinstance(padding, str):
        return {"p": padding}
    return {"p": "explicit", "pl": str(padding), "pr": str(padding)}


def drawable_transposed(n: int, k: int, s: int, d: int, p: int, out: int) -> bool:
    """The Transposed page draws it: its full output fits 16 cells, the crop leaves some."""
    full = (n - 1) * s + effective_kernel_size(k, d)
    return full <= MAX_TRANSPOSED and out >= 1 and 2 * p < full
