"""The one index map every convolution picture and matrix derives from.

A convolution and its transposed twin share one relation between a *small* grid, a *big*
grid and the kernel's taps, per spatial axis::

    big = small·stride + tap·dilation − offset

For a convolution the small grid is the output and the big one the (unpadded) input, with
``offset`` the padding before; for a transposed convolution the small grid is its input and
the big one its output, with ``offset`` the crop ``padding``. The trace's windows (over the
padded grid, offset 0), the conv matrix ``C``, the transposed matrix ``Cᵀ`` and the scatter
view's stamps are all this map, read in one direction or the other.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def index_map(
    small_shape: Sequence[int],
    kernel_shape: Sequence[int],
    stride: Sequence[int],
    dilation: Sequence[int],
    offset: Sequence[int] | int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """Big-grid cell of every (small cell, tap) pair, and the tap indices.

    Returns ``targets`` ``(prod(small_shape), prod(kernel_shape), ndim)`` with
    ``targets[p, t] = small[p]·stride + tap[t]·dilation − offset`` (small cells and taps in
    row-major order), and ``taps`` ``(prod(kernel_shape), ndim)``. Targets may fall outside
    the big grid (in padding, or cropped): see :func:`inside`.
    """
    ndim = len(small_shape)
    small = np.indices(tuple(small_shape)).reshape(ndim, -1).T
    taps = np.indices(tuple(kernel_shape)).reshape(ndim, -1).T
    targets = (
        small[:, None, :] * np.asarray(stride)
        + taps[None, :, :] * np.asarray(dilation)
        - np.asarray(offset)
    )
    return targets, taps


def inside(targets: np.ndarray, big_shape: Sequence[int]) -> np.ndarray:
    """Whether each target of :func:`index_map` lies inside a grid of ``big_shape``."""
    return np.all((targets >= 0) & (targets < np.asarray(big_shape)), axis=-1)


def pair_matrix(
    small_shape: Sequence[int],
    big_shape: Sequence[int],
    weight: np.ndarray,
    stride: Sequence[int],
    dilation: Sequence[int],
    offset: Sequence[int],
) -> np.ndarray:
    """``M[big, small] = Σ weight[tap]`` over the taps that map ``small`` onto ``big``.

    Shape ``(prod(big_shape), prod(small_shape))``: the transposed convolution's matrix
    (small = its input). Its transpose is the convolution's matrix (small = its output).
    """
    targets, _ = index_map(small_shape, weight.shape, stride, dilation, offset)
    valid = inside(targets, big_shape)
    small_index = np.broadcast_to(np.arange(targets.shape[0])[:, None], valid.shape)[valid]
    big_index = np.ravel_multi_index(tuple(targets[valid].T), tuple(big_shape))
    tap_weights = np.broadcast_to(weight.reshape(1, -1), valid.shape)[valid]
    matrix = np.zeros((int(np.prod(big_shape)), int(np.prod(small_shape))), dtype=weight.dtype)
    np.add.at(matrix, (big_index, small_index), tap_weights)
    return matrix
