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


def keras_transpose_length(length, kernel, stride, padding, output_padding, dilation):
    """Keras 3 Conv*DTranspose output length, or None where Keras refuses the layer.

    From Keras' documented semantics: ``padding`` is ``"valid"`` or ``"same"``; with
    ``output_padding=None`` (the default) the length is inferred as ``length·stride +
    max(F − stride, 0)`` (valid) or ``length·stride`` (same); with an int it is
    ``(length − 1)·stride + F − 2·pad + output_padding``, pad = 0 (valid) or F // 2 (same),
    F the dilated kernel. Keras refuses ``output_padding >= strides`` and strides > 1
    together with dilation_rate > 1.
    """
    dilated = kernel + (kernel - 1) * (dilation - 1)
    if stride > 1 and dilation > 1:
        return None
    if output_padding is None:
        return length * stride + (max(dilated - stride, 0) if padding == "valid" else 0)
    if output_padding >= stride:
        return None
    pad = dilated // 2 if padding == "same" else 0
    return (length - 1) * stride + dilated - 2 * pad + output_padding


def support_interval_and_cells(layers, size, position):
    """(first, last, cells): the closed-form span of one output of a 1-D stack and the set of
    input cells that reach it, by walking the windows layer by layer.

    ``layers``: (kernel, stride, dilation, (pad_before, pad_after)) per layer, input side
    first. ``first``/``last`` may lie in padding (outside 0 … size − 1); ``cells`` does not.
    """
    sizes = [size]
    for kernel, stride, dilation, (before, after) in layers:
        extent = dilation * (kernel - 1) + 1
        sizes.append((sizes[-1] + before + after - extent) // stride + 1)
    low = high = position
    cells = {position}
    for (kernel, stride, dilation, (before, _)), below in zip(
        reversed(layers), reversed(sizes[:-1]), strict=True
    ):
        low = low * stride - before
        high = high * stride - before + dilation * (kernel - 1)
        cells = {o * stride - before + t * dilation for o in cells for t in range(kernel)} & set(
            range(below)
        )
    return low, high, cells
