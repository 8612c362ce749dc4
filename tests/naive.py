"""Independent naive definitions the engine is checked against.

Written from the textbook formulas with ``np.pad`` and ``np.ndindex``, sharing no code with
``conv_engine`` (not even its padding resolver): padding here is always explicit pairs.
"""

from __future__ import annotations

import numpy as np


def naive_conv(x, weight, bias, stride, pads, dilation, groups):
    """N-d cross-correlation. x (N, C, *S); weight (Co, C/g, *K); pads ((b, a), ...)."""
    x = np.pad(x, [(0, 0), (0, 0), *pads])
    batch = x.shape[0]
    out_channels, group_in = weight.shape[:2]
    kernel = weight.shape[2:]
    out_size = tuple(
        (n - d * (k - 1) - 1) // s + 1
        for n, k, s, d in zip(x.shape[2:], kernel, stride, dilation, strict=True)
    )
    out = np.zeros((batch, out_channels, *out_size))
    group_out = out_channels // groups
    for n in range(batch):
        for co in range(out_channels):
            channel_slice = slice((co // group_out) * group_in, (co // group_out + 1) * group_in)
            for o in np.ndindex(*out_size):
                window = tuple(
                    slice(oi * s, oi * s + d * (k - 1) + 1, d)
                    for oi, s, d, k in zip(o, stride, dilation, kernel, strict=True)
                )
                patch = x[(n, channel_slice, *window)]
                out[(n, co, *o)] = np.sum(patch * weight[co]) + (0 if bias is None else bias[co])
    return out


def naive_conv_transpose(x, weight, bias, stride, padding, output_padding, dilation, groups):
    """N-d transposed conv as the scatter definition: out[i·s + k·d − p] += x[i]·w[k]."""
    batch, in_channels = x.shape[:2]
    group_out = weight.shape[1]
    kernel = weight.shape[2:]
    size = tuple(
        (i - 1) * s - 2 * p + d * (k - 1) + op + 1
        for i, k, s, p, op, d in zip(
            x.shape[2:], kernel, stride, padding, output_padding, dilation, strict=True
        )
    )
    out = np.zeros((batch, group_out * groups, *size))
    group_in = in_channels // groups
    for n in range(batch):
        for ci in range(in_channels):
            first = (ci // group_in) * group_out
            for i in np.ndindex(*x.shape[2:]):
                for k in np.ndindex(*kernel):
                    o = tuple(
                        ii * s + kk * d - p
                        for ii, kk, s, d, p in zip(i, k, stride, dilation, padding, strict=True)
                    )
                    if all(0 <= oo < n_ for oo, n_ in zip(o, size, strict=True)):
                        for co in range(group_out):
                            out[(n, first + co, *o)] += x[(n, ci, *i)] * weight[(ci, co, *k)]
    if bias is not None:
        out += bias.reshape((1, -1) + (1,) * len(size))
    return out


def tf_same_pads(size, kernel, stride, dilation):
    """TensorFlow's SAME rule, as in tensorflow/core/framework/kernel_shape_util.cc."""
    effective = (kernel - 1) * dilation + 1
    out = (size + stride - 1) // stride
    total = max(0, (out - 1) * stride + effective - size)
    return (total // 2, total - total // 2)
