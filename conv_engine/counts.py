"""Parameter and multiply-add counts of convolution layers (one formula each)."""

from __future__ import annotations

from math import prod

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
            f"groups={groups} must divide both in_channels ({in_channels}) and out_channels "
            f"({out_channels})"
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
