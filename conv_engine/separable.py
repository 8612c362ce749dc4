"""Depthwise-separable convolution: a depthwise conv (groups = C_in) then a pointwise 1×1 conv."""

from __future__ import annotations

import numpy as np

from .conv import IntOrPair, conv2d
from .errors import ConvConfigError, as_real_array
from .sizes import Padding


def depthwise_separable_conv2d(
    x: object,
    depthwise_weight: object,
    pointwise_weight: object,
    depthwise_bias: object = None,
    pointwise_bias: object = None,
    stride: IntOrPair = 1,
    padding: Padding = 0,
    dilation: IntOrPair = 1,
) -> np.ndarray:
    """Depthwise conv (each input channel with its own ``m`` kernels) followed by a 1×1 conv.

    Parameters
    ----------
    x : array ``(N, C_in, H, W)`` or ``(C_in, H, W)``
    depthwise_weight : array ``(C_in·m, 1, k, k)`` (``m`` is the depth multiplier)
    pointwise_weight : array ``(C_out, C_in·m, 1, 1)``
    depthwise_bias : array ``(C_in·m,)`` or None; pointwise_bias : array ``(C_out,)`` or None
    stride, padding, dilation : as :func:`conv2d`, applied by the depthwise step

    Returns
    -------
    array ``(N, C_out, H_out, W_out)``; equals ``conv2d(groups=C_in)`` then a 1×1 ``conv2d``.
    """
    x = as_real_array("input", x)
    depthwise_weight = as_real_array("depthwise_weight", depthwise_weight)
    pointwise_weight = as_real_array("pointwise_weight", pointwise_weight)
    if x.ndim not in (3, 4):
        raise ConvConfigError(
            "input must have shape (N, C, H, W) or (C, H, W), got {shape}", shape=x.shape
        )
    in_channels = x.shape[-3]
    if (
        depthwise_weight.ndim != 4
        or depthwise_weight.shape[1] != 1
        or depthwise_weight.shape[0] % in_channels
        or depthwise_weight.shape[0] == 0
    ):
        raise ConvConfigError(
            "depthwise_weight must have shape (C_in·m, 1, k, k) with C_in = "
            "{in_channels}, got {shape}",
            in_channels=in_channels,
            shape=depthwise_weight.shape,
        )
    mid_channels = depthwise_weight.shape[0]
    if pointwise_weight.ndim != 4 or pointwise_weight.shape[1:] != (mid_channels, 1, 1):
        raise ConvConfigError(
            "pointwise_weight must have shape (C_out, {mid_channels}, 1, 1), got {shape}",
            mid_channels=mid_channels,
            shape=pointwise_weight.shape,
        )
    depthwise = conv2d(
        x, depthwise_weight, depthwise_bias, stride, padding, dilation, groups=in_channels
    )
    return conv2d(depthwise, pointwise_weight, pointwise_bias)
