"""The definitions, one multiply-add at a time.

These loops are slow on purpose: they are the readable truth the fast operators in
``conv.py`` are tested against, and the code the app shows students. Inputs are batched
``(N, C, …)`` arrays; padding, stride and dilation are resolved by the same geometry as the
fast path, so only the arithmetic differs.
"""

from __future__ import annotations

import numpy as np

from .geometry import conv_geometry, transpose_geometry


def conv2d_reference(x, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    """Cross-correlation exactly as PyTorch defines it, with zero padding.

    ``y[n, co, oy, ox] = b[co] + Σ_ci Σ_ky Σ_kx x_pad[n, ci, oy·sy + ky·dy, ox·sx + kx·dx]
    · w[co, ci, ky, kx]``
    """
    x, weight = np.asarray(x, dtype=float), np.asarray(weight, dtype=float)
    batch, _, height, width = x.shape
    out_channels, group_in, kernel_h, kernel_w = weight.shape
    g = conv_geometry((height, width), (kernel_h, kernel_w), stride, padding, dilation)
    (stride_y, stride_x), (dilation_y, dilation_x) = g.stride, g.dilation
    (top, _), (left, _) = g.padding
    group_out = out_channels // groups
    out = np.zeros((batch, out_channels) + g.output_size)
    for n in range(batch):
        for co in range(out_channels):
            first_in = (co // group_out) * group_in  # the input channels of co's group
            for oy in range(g.output_size[0]):
                for ox in range(g.output_size[1]):
                    total = 0.0 if bias is None else float(bias[co])
                    for ci in range(group_in):
                        for ky in range(kernel_h):
                            for kx in range(kernel_w):
                                iy = oy * stride_y + ky * dilation_y - top
                                ix = ox * stride_x + kx * dilation_x - left
                                if 0 <= iy < height and 0 <= ix < width:  # else: a padding zero
                                    total += x[n, first_in + ci, iy, ix] * weight[co, ci, ky, kx]
                    out[n, co, oy, ox] = total
    return out


def conv1d_reference(x, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    """1-D cross-correlation.

    ``y[n, co, t] = b[co] + Σ_ci Σ_k x_pad[n, ci, t·s + k·d] · w[co, ci, k]``
    """
    x, weight = np.asarray(x, dtype=float), np.asarray(weight, dtype=float)
    batch, _, length = x.shape
    out_channels, group_in, kernel_size = weight.shape
    g = conv_geometry((length,), (kernel_size,), stride, padding, dilation)
    (stride,), (dilation,), ((left, _),) = g.stride, g.dilation, g.padding
    group_out = out_channels // groups
    out = np.zeros((batch, out_channels) + g.output_size)
    for n in range(batch):
        for co in range(out_channels):
            first_in = (co // group_out) * group_in
            for t in range(g.output_size[0]):
                total = 0.0 if bias is None else float(bias[co])
                for ci in range(group_in):
                    for k in range(kernel_size):
                        i = t * stride + k * dilation - left
                        if 0 <= i < length:
                            total += x[n, first_in + ci, i] * weight[co, ci, k]
                out[n, co, t] = total
    return out


def conv_transpose2d_reference(
    x, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1, dilation=1
):
    """Transposed conv as a scatter: each input cell stamps the kernel, scaled, into the output.

    Input ``(iy, ix)`` adds ``x · w[ky, kx]`` at output
    ``(iy·sy + ky·dy − py, ix·sx + kx·dx − px)``; stamps that land in the cropped border
    (``padding``) are dropped.
    """
    x, weight = np.asarray(x, dtype=float), np.asarray(weight, dtype=float)
    batch, in_channels, height, width = x.shape
    _, group_out, kernel_h, kernel_w = weight.shape
    g = transpose_geometry(
        (height, width), (kernel_h, kernel_w), stride, padding, output_padding, dilation
    )
    (stride_y, stride_x), (dilation_y, dilation_x) = g.stride, g.dilation
    pad_y, pad_x = g.padding
    group_in = in_channels // groups
    out = np.zeros((batch, group_out * groups) + g.output_size)
    for n in range(batch):
        for ci in range(in_channels):
            first_out = (ci // group_in) * group_out  # the output channels of ci's group
            for iy in range(height):
                for ix in range(width):
                    for co in range(group_out):
                        for ky in range(kernel_h):
                            for kx in range(kernel_w):
                                oy = iy * stride_y + ky * dilation_y - pad_y
                                ox = ix * stride_x + kx * dilation_x - pad_x
                                if 0 <= oy < g.output_size[0] and 0 <= ox < g.output_size[1]:
                                    out[n, first_out + co, oy, ox] += (
                                        x[n, ci, iy, ix] * weight[ci, co, ky, kx]
                                    )
    if bias is not None:
        out += np.asarray(bias, dtype=float)[:, None, None]
    return out


def conv_transpose1d_reference(
    x, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1, dilation=1
):
    """1-D scatter: input ``i`` adds ``x[i] · w[k]`` at output ``i·s + k·d − p``."""
    out = conv_transpose2d_reference(
        np.asarray(x, dtype=float)[:, :, None, :],
        np.asarray(weight, dtype=float)[:, :, None, :],
        bias,
        (1, stride),
        (0, padding),
        (0, output_padding),
        groups,
        (1, dilation),
    )
    return out[:, :, 0, :]
