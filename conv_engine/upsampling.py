"""Upsampling pieces of the transposed-convolution page.

* :func:`zero_insert`: ``s − 1`` zeros between input cells (the "fractionally strided"
  view: stride 1/s);
* :func:`upsample_nearest`: repeat each cell ``scale`` times (resize-then-convolve);
* :func:`overlap_counts`: how many (input cell, kernel tap) pairs land on each output cell of
  a transposed conv, for one layer or a stack: uneven counts are the checkerboard;
* :func:`overlap_pattern`: the interior counts by position mod s, the rule behind them.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .conv import conv_transpose_nd
from .errors import ConvConfigError, as_real_array, check_int, per_axis


def zero_insert(x: object, stride: int | Sequence[int]) -> np.ndarray:
    """Insert ``stride − 1`` zeros between neighbouring cells along every axis of ``x``."""
    x = as_real_array("input", x)
    strides = per_axis("stride", stride, x.ndim, 1)
    shape = tuple((n - 1) * s + 1 for n, s in zip(x.shape, strides, strict=True))
    out = np.zeros(shape, dtype=x.dtype)
    out[tuple(slice(None, None, s) for s in strides)] = x
    return out


def upsample_nearest(x: object, scale: int | Sequence[int]) -> np.ndarray:
    """Nearest-neighbour upsampling: every cell becomes a ``scale × scale`` block."""
    x = as_real_array("input", x)
    scales = per_axis("scale", scale, x.ndim, 1)
    for axis, factor in enumerate(scales):
        x = np.repeat(x, factor, axis=axis)
    return x


def overlap_counts(
    input_shape: Sequence[int],
    kernel_size: int | Sequence[int],
    stride: int | Sequence[int] = 1,
    padding: int | Sequence[int] = 0,
    output_padding: int | Sequence[int] = 0,
    dilation: int | Sequence[int] = 1,
    layers: int = 1,
) -> np.ndarray:
    """Contributions per output cell of ``layers`` stacked identical transposed convs.

    With one layer, cell ``o`` counts the pairs ``(i, k)`` with ``i·s + k·d − p = o``; with
    more, the counts of all paths through the stack. Computed as transposed convolutions of
    ones with all-ones kernels, so it shares its rules (and errors) with ``conv_transpose``.
    """
    input_shape = tuple(check_int("input_size", n, 1) for n in input_shape)
    layers = check_int("layers", layers, 1)
    if layers > 4:
        raise ConvConfigError("layers must be at most 4 here, got {layers}", layers=layers)
    ndim = len(input_shape)
    if ndim not in (1, 2):
        raise ConvConfigError(
            "input_shape must have 1 or 2 axes, got {input_shape}", input_shape=input_shape
        )
    kernel = per_axis("kernel_size", kernel_size, ndim, 1)
    counts = np.ones((1, 1, *input_shape))
    for _ in range(layers):
        counts = conv_transpose_nd(
            counts,
            np.ones((1, 1, *kernel)),
            None,
            stride,
            padding,
            output_padding,
            1,
            dilation,
            ndim=ndim,
        )
        if counts.size > 4_000_000:
            raise ConvConfigError("the stacked output is too large to count: use fewer layers")
    return counts[0, 0]


def overlap_pattern(kernel_size: int, stride: int = 1, dilation: int = 1) -> np.ndarray:
    """Contributions per interior output cell of one transposed conv, by position mod ``stride``.

    An interior cell ``o`` (away from the borders, in the uncropped output) receives one
    contribution per tap ``t`` with ``t·d ≡ o (mod s)``, so its count depends only on
    ``o mod s``: entry ``r`` of the result (length ``s``) counts the taps with
    ``t·d mod s = r``. The counts are all equal (``k/s``: no checkerboard) exactly when s
    divides k and gcd(s, d) = 1; with gcd(s, d) > 1 some residues get no tap at all, so
    those cells are never written. In 2-D the counts are the outer product per axis.
    """
    kernel_size = check_int("kernel_size", kernel_size, 1)
    stride = check_int("stride", stride, 1)
    dilation = check_int("dilation", dilation, 1)
    residues = (np.arange(kernel_size) * dilation) % stride
    return np.bincount(residues, minlength=stride)
