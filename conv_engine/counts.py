"""Parameter and multiply-add counts of convolution layers (one formula each)."""

from __future__ import annotations

from math import prod

import numpy as np

from .errors import ConvConfigError, check_int


def conv_parameters(
    in_channels: int,
    out_channels: int,
    kernel_size: int | tuple[int, ...],
    groups: int = 1,
    bias: bool = True,
) -> int:
    """Weights ``C_out · (C_in/groups) · Πk`` plus ``C_out`` biases.

    A Conv1d over ``F`` features with kernel size ``n``: ``C_out·F·n + C_out``.
    """
    in_channels = check_int("in_channels", in_channels, 1)
    out_channels = check_int("out_channels", out_channels, 1)
    groups = check_int("groups", groups, 1)
    if in_channels % groups or out_channels % groups:
        raise ConvConfigError(
            "groups={groups} must divide both in_channels ({in_channels}) and "
            "out_channels ({out_channels})",
            groups=groups,
            in_channels=in_channels,
            out_channels=out_channels,
        )
    taps = kernel_size if isinstance(kernel_size, int) else prod(kernel_size)
    taps = check_int("kernel_size", taps, 1)
    return out_channels * (in_channels // groups) * taps + (out_channels if bias else 0)


def conv_multiply_adds(
    in_channels: int,
    out_channels: int,
    kernel_size: int | tuple[int, ...],
    output_positions: int,
    groups: int = 1,
) -> int:
    """Multiply-adds of one forward pass: weights (no bias) × output positions."""
    output_positions = check_int("output_positions", output_positions, 0)
    weights = conv_parameters(in_channels, out_channels, kernel_size, groups, bias=False)
    return weights * output_positions


def separable_parameters(
    in_channels: int,
    out_channels: int,
    kernel_size: int,
    multiplier: int = 1,
    bias: str = "none",
) -> int:
    """Depthwise (``k²·C_in·m``) plus pointwise (``C_in·m·C_out``) weights, plus biases.

    ``bias``: ``"none"``; ``"keras"`` (``SeparableConv2D``: one bias, ``C_out``); or
    ``"torch"`` (a depthwise ``Conv2d`` and a pointwise ``Conv2d``, each with its own bias:
    ``C_in·m + C_out``).
    """
    in_channels = check_int("in_channels", in_channels, 1)
    multiplier = check_int("multiplier", multiplier, 1)
    mid = in_channels * multiplier
    depthwise = conv_parameters(
        in_channels, mid, (kernel_size, kernel_size), groups=in_channels, bias=False
    )
    pointwise = conv_parameters(mid, out_channels, 1, bias=False)
    extra = {"none": 0, "keras": out_channels, "torch": mid + out_channels}
    if bias not in extra:
        raise ConvConfigError("bias {bias!r} must be 'none', 'keras' or 'torch'", bias=bias)
    return depthwise + pointwise + extra[bias]


def separable_ratio(out_channels: int, kernel_size: int, multiplier: int = 1) -> float:
    """Separable / standard weights (no bias): ``m/C_out + m/k²``.

    The separable layer has ``C_in·m·k² + C_in·m·C_out`` weights, the standard one
    ``C_in·C_out·k²``; with depth multiplier m = 1 this is the article's ``1/C_out + 1/k²``.
    """
    out_channels = check_int("out_channels", out_channels, 1)
    kernel_size = check_int("kernel_size", kernel_size, 1)
    multiplier = check_int("multiplier", multiplier, 1)
    return multiplier / out_channels + multiplier / kernel_size**2


def lightweight_parameters(channels: int, kernel_size: int, num_heads: int) -> int:
    """A lightweight conv's weights: ``H·k`` (shared by heads; independent of the width d)."""
    channels = check_int("channels", channels, 1)
    num_heads = check_int("num_heads", num_heads, 1)
    if channels % num_heads:
        raise ConvConfigError(
            "num_heads={num_heads} must divide the number of channels ({channels})",
            num_heads=num_heads,
            channels=channels,
        )
    return num_heads * check_int("kernel_size", kernel_size, 1)


def dynamic_parameters(channels: int, kernel_size: int, num_heads: int) -> int:
    """A dynamic conv's weights: the ``(H·k) × d`` projection that predicts each step's kernel."""
    return lightweight_parameters(channels, kernel_size, num_heads) * channels


def attention_parameters(channels: int) -> int:
    """Self-attention's four d × d projections (query, key, value, output): ``4·d²``."""
    channels = check_int("channels", channels, 1)
    return 4 * channels * channels


def sequence_multiply_adds(
    kind: str, length: int, channels: int, kernel_size: int = 1, num_heads: int = 1
) -> int:
    """Multiply-adds over a sequence of ``n`` steps and width ``d`` (input/output projections
    excluded).

    ``"conv"`` (depthwise or lightweight): ``n·d·k``, linear in n;
    ``"dynamic"``: the conv plus predicting each step's ``H × k`` kernel from its ``d``
    features, ``n·d·k + n·d·H·k`` (H + 1 times the conv), still linear in n;
    ``"attention"``: scores and weighted sums, ``2·n²·d``, quadratic in n.
    """
    length = check_int("length", length, 1)
    channels = check_int("channels", channels, 1)
    if kind in ("conv", "dynamic"):
        conv = length * channels * check_int("kernel_size", kernel_size, 1)
        if kind == "conv":
            return conv
        return conv + length * dynamic_parameters(channels, kernel_size, num_heads)
    if kind == "attention":
        return 2 * length * length * channels
    raise ConvConfigError("kind {kind!r} must be 'conv', 'dynamic' or 'attention'", kind=kind)


def group_connectivity(in_channels: int, out_channels: int, groups: int) -> np.ndarray:
    """``(C_out, C_in)``: 1 where an output channel reads an input channel.

    With ``groups`` the channels split into contiguous blocks, so the matrix is block
    diagonal: groups = 1 is a full (standard) conv, groups = C_in a depthwise one.
    """
    conv_parameters(in_channels, out_channels, 1, groups)  # validates the divisibility
    rows = np.arange(out_channels)[:, None] // (out_channels // groups)
    cols = np.arange(in_channels)[None, :] // (in_channels // groups)
    return (rows == cols).astype(float)
