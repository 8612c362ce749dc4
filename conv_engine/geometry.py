"""Validated, per-axis geometry of a convolution: the one place shapes and paddings are resolved.

Every operator, trace and widget goes through :func:`conv_geometry` (or
:func:`transpose_geometry`), so a configuration is checked once, before any work, and
the same rules bound the sliders and run the maths.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from math import prod

from .errors import ConvConfigError, check_int, per_axis
from .sizes import (
    Padding,
    conv_output_size,
    conv_transpose_output_size,
    effective_kernel_size,
    padding_rule,
    resolve_padding,
    transpose_padding_amount,
)

AXIS_NAMES = {1: ("length",), 2: ("height", "width")}


@dataclass(frozen=True)
class ConvGeometry:
    """Resolved settings of an N-d convolution, one entry per spatial axis.

    ``padding`` holds explicit ``(before, after)`` zero counts per axis.
    """

    input_size: tuple[int, ...]
    kernel_size: tuple[int, ...]
    stride: tuple[int, ...]
    dilation: tuple[int, ...]
    padding: tuple[tuple[int, int], ...]
    output_size: tuple[int, ...]

    @property
    def ndim(self) -> int:
        return len(self.input_size)

    @property
    def kernel_extent(self) -> tuple[int, ...]:
        """``k_eff = d·(k − 1) + 1`` per axis."""
        return tuple(
            effective_kernel_size(k, d)
            for k, d in zip(self.kernel_size, self.dilation, strict=True)
        )

    @property
    def padded_size(self) -> tuple[int, ...]:
        return tuple(i + b + a for i, (b, a) in zip(self.input_size, self.padding, strict=True))

    @property
    def num_taps(self) -> int:
        return prod(self.kernel_size)

    @property
    def num_outputs(self) -> int:
        return prod(self.output_size)


@dataclass(frozen=True)
class TransposeGeometry:
    """Resolved settings of an N-d transposed convolution (PyTorch semantics)."""

    input_size: tuple[int, ...]
    kernel_size: tuple[int, ...]
    stride: tuple[int, ...]
    dilation: tuple[int, ...]
    padding: tuple[int, ...]
    output_padding: tuple[int, ...]
    output_size: tuple[int, ...]

    @property
    def ndim(self) -> int:
        return len(self.input_size)

    @property
    def full_size(self) -> tuple[int, ...]:
        """Size before cropping ``padding``: ``(i − 1)·s + d·(k − 1) + 1`` per axis."""
        return tuple(
            conv_transpose_output_size(i, k, s, 0, 0, d)
            for i, k, s, d in zip(
                self.input_size, self.kernel_size, self.stride, self.dilation, strict=True
            )
        )


def axis_paddings(padding: Padding, ndim: int) -> tuple[Padding, ...]:
    """Split any padding form into one 1-D padding form per spatial axis.

    1-D: an int, ``(left, right)`` or a mode. 2-D: an int, ``(ph, pw)``,
    ``((top, bottom), (left, right))`` (each axis may mix int and pair) or a mode.
    """
    mode = padding_rule(padding)
    if mode is not None:
        if mode == "causal" and ndim != 1:
            raise ConvConfigError(
                "padding 'causal' applies only to 1-D (sequence) convolutions, not {ndim}-D: "
                "use 'same', 'valid', 'full' or explicit pairs",
                ndim=ndim,
            )
        return (mode,) * ndim
    if isinstance(padding, Sequence):
        if ndim == 1:
            if len(padding) == 1:
                return (padding[0],)
            return (tuple(padding),)
        if len(padding) != ndim:
            raise ConvConfigError(
                "padding {padding!r} must give one entry per spatial axis ({ndim}), each an "
                "int or a (before, after) pair",
                padding=padding,
                ndim=ndim,
            )
        return tuple(padding)
    return (padding,) * ndim


def _hashable(value: object) -> object:
    """Nested lists become tuples so that settings can key the geometry cache."""
    if type(value) is int or type(value) is str:
        return value
    if isinstance(value, list | tuple):
        return tuple(_hashable(v) for v in value)
    return value


def conv_geometry(
    input_size: Sequence[int],
    kernel_size: Sequence[int],
    stride: int | Sequence[int] = 1,
    padding: Padding = 0,
    dilation: int | Sequence[int] = 1,
) -> ConvGeometry:
    """Validate a convolution's settings and resolve padding and output size per axis.

    Results are cached (settings are small and few), so repeated calls cost a dict lookup.
    """
    key = tuple(_hashable(v) for v in (input_size, kernel_size, stride, padding, dilation))
    try:
        return _conv_geometry(*key)
    except TypeError:  # an unhashable form (e.g. a NumPy array): resolve without the cache
        return _conv_geometry.__wrapped__(*key)


@lru_cache(maxsize=4096)
def _conv_geometry(
    input_size: Sequence[int],
    kernel_size: Sequence[int],
    stride: int | Sequence[int],
    padding: Padding,
    dilation: int | Sequence[int],
) -> ConvGeometry:
    ndim = len(input_size)
    input_size = tuple(check_int("input_size", i, 1) for i in input_size)
    kernel_size = tuple(check_int("kernel_size", k, 1) for k in kernel_size)
    stride = per_axis("stride", stride, ndim, 1)
    dilation = per_axis("dilation", dilation, ndim, 1)
    paddings = axis_paddings(padding, ndim)
    resolved = []
    output = []
    for axis in range(ndim):
        args = (input_size[axis], kernel_size[axis], stride[axis])
        resolved.append(resolve_padding(*args, dilation[axis], paddings[axis]))
        name = AXIS_NAMES[ndim][axis] if ndim > 1 else ""
        output.append(conv_output_size(*args, resolved[-1], dilation[axis], axis_name=name))
    return ConvGeometry(input_size, kernel_size, stride, dilation, tuple(resolved), tuple(output))


def transpose_geometry(
    input_size: Sequence[int],
    kernel_size: Sequence[int],
    stride: int | Sequence[int] = 1,
    padding: int | str | Sequence[int] = 0,
    output_padding: int | Sequence[int] = 0,
    dilation: int | Sequence[int] = 1,
) -> TransposeGeometry:
    """Validate a transposed convolution's settings and compute its output size per axis."""
    ndim = len(input_size)
    input_size = tuple(check_int("input_size", i, 1) for i in input_size)
    kernel_size = tuple(check_int("kernel_size", k, 1) for k in kernel_size)
    stride = per_axis("stride", stride, ndim, 1)
    dilation = per_axis("dilation", dilation, ndim, 1)
    output_padding = per_axis("output_padding", output_padding, ndim, 0)
    if isinstance(padding, Sequence) and not isinstance(padding, str):
        padding = per_axis("padding", padding, ndim, 0)
    else:
        padding = (transpose_padding_amount(padding),) * ndim
    output = tuple(
        conv_transpose_output_size(*args)
        for args in zip(
            input_size, kernel_size, stride, padding, output_padding, dilation, strict=True
        )
    )
    return TransposeGeometry(
        input_size, kernel_size, stride, dilation, padding, output_padding, output
    )
