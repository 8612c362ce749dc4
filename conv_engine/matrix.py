"""Convolution as a matrix: ``conv(x) = C @ x`` on flattened arrays, and why "transposed".

For a small single-channel input, column ``j`` of ``C`` is the convolution of the ``j``-th
unit input, so ``C`` has one row per output cell and one column per input cell. The
transposed convolution with the same weights is exactly a transposed matrix: it maps
output-shaped arrays back to input-shaped ones. Both come from the one index map
(:mod:`conv_engine.index_map`), read in opposite directions.
"""

from __future__ import annotations

from math import prod

import numpy as np

from .errors import ConvConfigError, as_real_array
from .geometry import conv_geometry, transpose_geometry
from .index_map import pair_matrix
from .sizes import Padding

MAX_MATRIX_CELLS = 250_000


def _single_channel_weight(weight: object, input_shape: tuple[int, ...]) -> np.ndarray:
    weight = as_real_array("weight", weight)
    if weight.ndim != len(input_shape) or weight.ndim not in (1, 2):
        raise ConvConfigError(
            "weight must have as many axes as the input (1 or 2), got {shape} for input "
            "shape {input_shape}",
            shape=weight.shape,
            input_shape=input_shape,
        )
    return weight


def _check_cells(rows: int, cols: int) -> None:
    if rows * cols > MAX_MATRIX_CELLS:
        raise ConvConfigError(
            "the matrix would be {rows} × {cols}: use an input of at most a few hundred cells",
            rows=rows,
            cols=cols,
        )


def conv_matrix(
    input_shape: tuple[int, ...],
    weight: object,
    stride: int | tuple[int, ...] = 1,
    padding: Padding = 0,
    dilation: int | tuple[int, ...] = 1,
) -> np.ndarray:
    """The matrix ``C`` with ``conv(x).ravel() == C @ x.ravel()`` (one channel, 1-D or 2-D).

    Parameters
    ----------
    input_shape : ``(L,)`` or ``(H, W)``
    weight : ``(k,)`` or ``(kh, kw)``

    Returns
    -------
    array ``(prod(output_shape), prod(input_shape))``; row ``r`` holds the weights that output
    cell ``r`` applies to each input cell (zero where the window does not reach).
    """
    input_shape = tuple(int(n) for n in input_shape)
    weight = _single_channel_weight(weight, input_shape)
    geometry = conv_geometry(input_shape, weight.shape, stride, padding, dilation)
    _check_cells(prod(geometry.output_size), prod(input_shape))
    before = [b for b, _ in geometry.padding]
    return pair_matrix(
        geometry.output_size, input_shape, weight, geometry.stride, geometry.dilation, before
    ).T


def conv_transpose_matrix(
    input_shape: tuple[int, ...],
    weight: object,
    stride: int | tuple[int, ...] = 1,
    padding: int | tuple[int, ...] = 0,
    output_padding: int | tuple[int, ...] = 0,
    dilation: int | tuple[int, ...] = 1,
) -> np.ndarray:
    """The matrix ``T`` with ``conv_transpose(x).ravel() == T @ x.ravel()`` (one channel).

    Row ``o`` holds, for each input cell ``i``, the sum of the weights of the taps ``k`` with
    ``i·s + k·d − p = o`` (PyTorch semantics). ``T`` is ``Cᵀ`` for the convolution ``C`` that
    maps output-shaped arrays to input-shaped ones; cells that ``output_padding`` adds and no
    stamp reaches are zero rows of ``T`` (zero columns of ``C``), whatever s and d are.

    Returns
    -------
    array ``(prod(output_shape), prod(input_shape))``.
    """
    input_shape = tuple(int(n) for n in input_shape)
    weight = _single_channel_weight(weight, input_shape)
    geometry = transpose_geometry(
        input_shape, weight.shape, stride, padding, output_padding, dilation
    )
    _check_cells(prod(geometry.output_size), prod(input_shape))
    return pair_matrix(
        input_shape,
        geometry.output_size,
        weight,
        geometry.stride,
        geometry.dilation,
        geometry.padding,
    )


def output_padding_reach(
    size: int,
    kernel_size: int,
    stride: int = 1,
    padding: int = 0,
    output_padding: int = 0,
    dilation: int = 1,
) -> int:
    """How many of the ``output_padding`` cells a 1-D transposed conv appends at the far end
    any stamp reaches (the rest stay 0): the non-empty rows among the last rows of Cᵀ."""
    if output_padding == 0:
        return 0
    matrix = conv_transpose_matrix(
        (size,), np.ones(kernel_size), stride, padding, output_padding, dilation
    )
    appended = matrix[matrix.shape[0] - output_padding :]
    return int(np.count_nonzero(appended.any(axis=1)))
