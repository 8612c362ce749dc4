"""Convolution as a matrix: ``conv(x) = C @ x`` on flattened arrays, and why "transposed".

For a small single-channel input, column ``j`` of ``C`` is the convolution of the ``j``-th
unit input, so ``C`` has one row per output cell and one column per input cell. The
transposed convolution (with the same weights) is exactly ``Cᵀ``: it maps output-shaped
arrays back to input-shaped ones.
"""

from __future__ import annotations

from math import prod

import numpy as np

from .errors import ConvConfigError, as_real_array
from .geometry import conv_geometry
from .sizes import Padding

MAX_MATRIX_CELLS = 250_000


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
    weight = as_real_array("weight", weight)
    input_shape = tuple(int(n) for n in input_shape)
    if weight.ndim != len(input_shape) or weight.ndim not in (1, 2):
        raise ConvConfigError(
            f"weight must have as many axes as the input (1 or 2), got {weight.shape} "
            f"for input shape {input_shape}"
        )
    geometry = conv_geometry(input_shape, weight.shape, stride, padding, dilation)
    rows, cols = prod(geometry.output_size), prod(input_shape)
    if rows * cols > MAX_MATRIX_CELLS:
        raise ConvConfigError(
            f"the conv matrix would be {rows} × {cols}: use an input of at most a few hundred cells"
        )
    matrix = np.zeros((rows, cols), dtype=weight.dtype)
    before = np.array([b for b, _ in geometry.padding])
    outputs = np.indices(geometry.output_size).reshape(weight.ndim, -1).T
    for tap in np.ndindex(*weight.shape):
        positions = outputs * geometry.stride + np.array(tap) * geometry.dilation - before
        inside = np.all((positions >= 0) & (positions < input_shape), axis=1)
        columns = np.ravel_multi_index(positions[inside].T, input_shape)
        matrix[np.flatnonzero(inside), columns] += weight[tap]
    return matrix
