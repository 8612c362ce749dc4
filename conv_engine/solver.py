"""The size solver: every layer within bounds that maps one length to another.

"I have 224 and want 112" has many answers (k = 3, s = 2, p = 1; k = 2, s = 2; …); so has
"7 → 15" for a transposed conv. Each answer is found by solving the size formula for the
padding (an interval for a conv, one value for a transposed conv), then confirmed by the
size functions of :mod:`.sizes`, so every row is exact by construction. Each row also says
how Keras writes it, or why it cannot.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .errors import ConvConfigError, check_int
from .keras_spelling import (
    KerasTransposeSpelling,
    keras_transpose_spelling,
    keras_transpose_window,
)
from .sizes import (
    conv_output_size,
    conv_transpose_output_size,
    effective_kernel_size,
    resolve_padding,
)
from .text import N_

MAX_LENGTH = 4096


@dataclass(frozen=True)
class SolverBounds:
    """The search space: kernel sizes, strides and dilations from 1 up to these (dilation
    only on kernels of two taps or more: one tap has no gaps to open), paddings from 0 up
    to ``max_padding``, and (transposed) every ``output_padding < max(s, d)``, PyTorch's
    own bound. Nothing else is cut: a padding as wide as the kernel's extent is searched
    too, and flagged (:attr:`ConvSolution.pads_past_kernel`)."""

    max_kernel: int = 7
    max_stride: int = 4
    max_dilation: int = 3
    max_padding: int = 6

    def __post_init__(self) -> None:
        check_int("max_kernel", self.max_kernel, 1, 64)
        check_int("max_stride", self.max_stride, 1, 64)
        check_int("max_dilation", self.max_dilation, 1, 64)
        check_int("max_padding", self.max_padding, 0, 256)

    def kernels(self) -> list[tuple[int, int]]:
        """(k, d) pairs; d > 1 only with k > 1 (a 1-tap kernel has no gaps to open)."""
        return [
            (k, d)
            for k in range(1, self.max_kernel + 1)
            for d in range(1, self.max_dilation + 1)
            if k > 1 or d == 1
        ]


class Reach:
    """What a solution's kernel reaches, for sorting the odd ones last (a mixin of both
    solutions: their fields kernel_size, stride, padding and dilation)."""

    kernel_size: int
    stride: int
    padding: int
    dilation: int
    output_padding: int

    @property
    def skips_inputs(self) -> bool:
        """The kernel's reach is shorter than the stride: a conv never reads some inputs,
        a transposed conv's stamps leave gaps of zeros."""
        return effective_kernel_size(self.kernel_size, self.dilation) < self.stride

    @property
    def pads_past_kernel(self) -> bool:
        """The padding is at least the kernel's extent: a conv's first output sees only
        zeros, a transposed conv's crop cuts away a whole stamp's width."""
        return self.padding >= effective_kernel_size(self.kernel_size, self.dilation)

    def sort_key(self) -> tuple:
        """Simplest first: no skipped inputs or windows of zeros, fewest non-default
        settings (padding, output_padding, dilation), then the smallest k, s, p, op, d."""
        changed = (self.padding > 0) + (self.output_padding > 0) + (self.dilation > 1)
        return (
            self.skips_inputs or self.pads_past_kernel,
            changed,
            self.kernel_size,
            self.stride,
            self.padding,
            self.output_padding,
            self.dilation,
        )


@dataclass(frozen=True)
class ConvSolution(Reach):
    """A conv ``k, s, p, d`` (PyTorch's symmetric integer padding) that gives the output."""

    kernel_size: int
    stride: int
    padding: int
    dilation: int
    keras: str  # the Keras padding that writes it: "valid", "same" or "ZeroPadding + valid"
    keras_refusal: str | None  # why Keras cannot write it at all, or None
    # the (before, after) zeros of Keras padding='same' when it gives this output size too
    # (the same layer only when they are (p, p)), or None
    keras_same_pads: tuple[int, int] | None

    @property
    def output_padding(self) -> int:
        """A conv has none (a transposed conv's field, for :meth:`Reach.sort_key`)."""
        return 0


@dataclass(frozen=True)
class TransposedSolution(Reach):
    """A transposed conv ``k, s, p, output_padding, d`` (PyTorch) that gives the output."""

    kernel_size: int
    stride: int
    padding: int
    output_padding: int
    dilation: int
    keras: KerasTransposeSpelling | None  # Keras' layers that compute it, value for value
    keras_refusal: str | None  # why Keras cannot write it, or None
    # Keras padding='same' with output_padding=None: (start, length) of its window in the
    # full scatter row when its length is this output's (PyTorch's window: (p, o)), or None
    keras_default_window: tuple[int, int] | None


def _lengths(input_size: int, output_size: int) -> tuple[int, int]:
    return (
        check_int("input_size", input_size, 1, MAX_LENGTH),
        check_int("output_size", output_size, 1, MAX_LENGTH),
    )


def _keras_conv(
    n: int, k: int, s: int, p: int, d: int
) -> tuple[str, str | None, tuple[int, int] | None]:
    if s > 1 and d > 1:
        refusal = N_("Keras refuses strides > 1 together with dilation_rate > 1")
        return "", refusal, None
    same = resolve_padding(n, k, s, d, "same")
    same_fits = conv_output_size(n, k, s, same, d) == conv_output_size(n, k, s, p, d)
    same_pads = same if same_fits else None
    if p == 0:
        return "valid", None, same_pads
    if same == (p, p):
        return "same", None, same_pads
    return "ZeroPadding + valid", None, same_pads


def solve_conv(
    input_size: int, output_size: int, bounds: SolverBounds | None = None
) -> list[ConvSolution]:
    """Every conv within ``bounds`` with ``o = ⌊(n + 2p − d(k − 1) − 1)/s⌋ + 1``, simplest first.

    For each (k, s, d) the padding is solved for: ``n + 2p − k_eff`` must lie in
    ``[s(o − 1), s(o − 1) + s − 1]``.
    """
    n, o = _lengths(input_size, output_size)
    bounds = bounds or SolverBounds()
    found = []
    for k, s, d, extent in _searched(bounds):
        low = max(0, -(-(s * (o - 1) + extent - n) // 2))
        high = min(bounds.max_padding, (s * (o - 1) + s - 1 + extent - n) // 2)
        for p in range(low, high + 1):
            if conv_output_size(n, k, s, p, d) != o:  # confirmed by the size function
                continue
            found.append(ConvSolution(k, s, p, d, *_keras_conv(n, k, s, p, d)))
    return sorted(found, key=ConvSolution.sort_key)


def _searched(bounds: SolverBounds) -> Iterator[tuple[int, int, int, int]]:
    """Every kernel size, stride and dilation within ``bounds``, with the kernel's extent."""
    for k, d in bounds.kernels():
        extent = effective_kernel_size(k, d)
        for s in range(1, bounds.max_stride + 1):
            yield k, s, d, extent


def _keras_transposed(n: int, k: int, s: int, p: int, op: int, d: int, o: int) -> tuple:
    try:
        spelling, refusal = keras_transpose_spelling(k, s, p, op, d), None
    except ConvConfigError as error:
        spelling, refusal = None, str(error)
    try:
        window = keras_transpose_window(n, k, s, "same", None, d)
    except ConvConfigError:
        window = None
    return spelling, refusal, window if window and window[1] == o else None


def solve_transposed(
    input_size: int, output_size: int, bounds: SolverBounds | None = None
) -> list[TransposedSolution]:
    """Every transposed conv within ``bounds`` with
    ``o = (n − 1)s − 2p + d(k − 1) + output_padding + 1``, simplest first.

    For each (k, s, d, output_padding < max(s, d)) the crop is ``p = (full − o)/2``: the
    setting exists when that is a whole number within bounds.
    """
    n, o = _lengths(input_size, output_size)
    bounds = bounds or SolverBounds()
    found = []
    for k, s, d, extent in _searched(bounds):
        for op in range(max(s, d)):
            p, odd = divmod((n - 1) * s + extent + op - o, 2)  # the crop, when it is whole
            if odd or not 0 <= p <= bounds.max_padding:
                continue
            if conv_transpose_output_size(n, k, s, p, op, d) != o:
                continue
            keras = _keras_transposed(n, k, s, p, op, d, o)
            found.append(TransposedSolution(k, s, p, op, d, *keras))
    return sorted(found, key=TransposedSolution.sort_key)
