"""A question of the exercises, the convolution it is about, and what makers share.

Every maker (:mod:`.convolutions`, :mod:`.receptive_fields`, :mod:`.channels`) draws its
numbers from its own random stream and asks the engine for the answer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

import numpy as np

from ..errors import ConvConfigError
from ..receptive import Layer
from ..sizes import conv_output_size
from ..text import Text
from ..trace import INPUT, conv_trace
from .mistakes import Mistake


@dataclass(frozen=True)
class Setting:
    """One convolution on an input, as a question asks about it.

    ``ndim`` 1 or 2 (square inputs of side ``size``); ``padding`` a mode or an int, its
    cells filled as ``padding_mode`` says; a transposed conv has ``transposed`` and
    ``output_padding``. ``step`` is the animation step the reveal opens at (the output the
    question asks about). ``in_channels``, ``out_channels`` and ``bias`` make it a layer.
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
    padding_mode: str = "zeros"  # what fills the padding (PyTorch's padding_mode)
    in_channels: int = 1  # a layer's channels and bias (a conv with C_in maps in, C_out out)
    out_channels: int = 1
    bias: bool = False


@dataclass(frozen=True)
class Channels:
    """A layer's channels and kernel, for a question that counts its weights.

    ``groups`` splits the channels (``c_in`` for a depthwise conv); ``heads`` > 0 makes it
    a lightweight conv whose heads share their kernels.
    """

    c_in: int
    c_out: int
    kernel_size: int
    ndim: int = 2
    groups: int = 1
    heads: int = 0


# what a question is about: a conv on an input, a lone kernel, a stack, a layer's channels
About = Setting | Layer | tuple[Layer, ...] | Channels
# whether the page that teaches a topic can show a question's subject (the app says; the
# engine knows no page): a maker that draws settings draws again until it can
Drawable = Callable[[str, About], bool]


MAX_DRAWS = 10_000
S = TypeVar("S", Setting, Layer, tuple[Layer, ...])


def drawn(topic: str, drawable: Drawable, draw: Callable[[], S | None]) -> S:
    """The first subject ``draw()`` makes that the engine accepts (neither None nor a
    ConvConfigError) and that is ``drawable`` on the page of ``topic``; a predicate that
    refuses every one is a clear error, never a hang."""
    for _ in range(MAX_DRAWS):
        try:
            subject = draw()
        except ConvConfigError:
            continue
        if subject is not None and drawable(topic, subject):
            return subject
    raise ConvConfigError(
        "no setting for a question on {topic} was drawable in {count} draws",
        topic=topic,
        count=MAX_DRAWS,
    )


def anything(topic: str, about: About) -> bool:
    """Every subject is drawable (the engine alone has no page to fit)."""
    return True


@dataclass(frozen=True)
class Question:
    """One question and its engine-computed answer.

    ``kind``: ``"number"`` (a whole number), ``"cells"`` (a set of positions of a 1-D
    input, offered as ``choices``) or ``"grid"`` (a set of ``(row, col)`` cells of an
    input ``grid`` × ``grid``). ``explanation`` is the rule with this question's numbers.
    ``about`` is what it asks about (the page of ``topic`` may show it: the app decides).
    ``mistakes`` are the wrong answers a likely slip gives, each with its hint.
    """

    topic: str
    skill: str  # what it practises: "output_size", "reads", "weights", "future", …
    prompt: Text
    kind: str
    answer: int | frozenset
    explanation: Text
    about: About | None = None
    choices: tuple[int, ...] = ()
    grid: int = 0
    mistakes: tuple[Mistake, ...] = ()

    @property
    def setting(self) -> Setting | None:
        """The convolution on an input it asks about (its reveal animates it), or None."""
        return self.about if isinstance(self.about, Setting) else None


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
    drawable: Drawable,
    topic: str,
    sizes: Sequence[int],
    kernels: Sequence[int],
    strides: Sequence[int],
    dilations: Sequence[int],
    paddings: Sequence[str | int],
    ndim: int,
) -> tuple[int, int, int, int, str | int, int]:
    """A random conv setting whose kernel fits its padded input, that a framework builds
    (:func:`built_by_a_framework`) and that the page of ``topic`` draws, and its output
    length."""

    def draw() -> Setting | None:
        n, k, s, d = (int(rng.choice(v)) for v in (sizes, kernels, strides, dilations))
        padding = paddings[int(rng.integers(len(paddings)))]
        if not built_by_a_framework(padding, s, d):
            return None
        conv_output_size(n, k, s, padding, d)  # raises where the kernel does not fit
        return Setting(ndim, n, k, s, d, padding)

    setting = drawn(topic, drawable, draw)
    n, k, s, d, padding = (
        setting.size,
        setting.kernel_size,
        setting.stride,
        setting.dilation,
        setting.padding,
    )
    return n, k, s, d, padding, conv_output_size(n, k, s, padding, d)
