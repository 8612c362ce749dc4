"""Causal convolution over time: streaming, dependency trees, and where padding leaks the future.

* :class:`StreamingCausalConv1d` consumes one time step at a time with a buffer of the last
  ``d·(k − 1)`` inputs, exactly as incremental decoding does, and equals
  ``conv1d(..., padding="causal")`` on the whole sequence;
* :func:`causal_dependencies` lists, layer by layer, the time steps one output depends on
  through a stack of dilated causal convs (the WaveNet tree);
* :func:`future_leaks` tells, for any padding, which outputs read an input from their future.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence

import numpy as np

from .errors import ConvConfigError, as_real_array, check_int
from .geometry import conv_geometry
from .sizes import Padding


class StreamingCausalConv1d:
    """A causal Conv1d (stride 1) run one time step at a time.

    Parameters
    ----------
    weight : array ``(C_out, C_in, k)``
    bias : array ``(C_out,)`` or None
    dilation : int >= 1

    ``step(x_t)`` takes the ``(C_in,)`` input of the newest time step and returns the
    ``(C_out,)`` output for that step; the buffer starts as zeros (the causal padding).
    """

    def __init__(self, weight: object, bias: object = None, dilation: int = 1) -> None:
        self.weight = as_real_array("weight", weight)
        if self.weight.ndim != 3:
            raise ConvConfigError(
                f"weight must have shape (C_out, C_in, k), got {self.weight.shape}"
            )
        self.dilation = check_int("dilation", dilation, 1)
        out_channels, in_channels, taps = self.weight.shape
        self.bias = np.zeros(out_channels) if bias is None else as_real_array("bias", bias)
        if self.bias.shape != (out_channels,):
            raise ConvConfigError(f"bias must have shape ({out_channels},), got {self.bias.shape}")
        self.history = self.dilation * (taps - 1) + 1  # the buffer plus the newest input
        self.buffer: deque[np.ndarray] = deque(
            [np.zeros(in_channels)] * self.history, maxlen=self.history
        )

    @property
    def buffer_size(self) -> int:
        """How many past inputs are kept: ``d·(k − 1)``."""
        return self.history - 1

    def step(self, x_t: object) -> np.ndarray:
        x_t = as_real_array("input", x_t)
        if x_t.shape != (self.weight.shape[1],):
            raise ConvConfigError(
                f"each step's input must have shape ({self.weight.shape[1]},), got {x_t.shape}"
            )
        self.buffer.append(x_t)
        # tap j reads the input (k − 1 − j)·d steps back: buffer[j·d] (oldest first)
        taps = np.stack([self.buffer[j * self.dilation] for j in range(self.weight.shape[2])])
        return np.einsum("oij,ji->o", self.weight, taps) + self.bias


def stream(layers: Sequence[StreamingCausalConv1d], x: object) -> np.ndarray:
    """Run a stack of streaming layers over ``x`` ``(C, T)`` one step at a time: ``(C_out, T)``."""
    x = as_real_array("input", x)
    outputs = []
    for t in range(x.shape[1]):
        value = x[:, t]
        for layer in layers:
            value = layer.step(value)
        outputs.append(value)
    return np.stack(outputs, axis=1)


def causal_dependencies(
    kernel_size: int, dilations: Sequence[int], length: int, position: int
) -> list[np.ndarray]:
    """Time steps that output ``position`` of a dilated causal stack depends on, per layer.

    Returns one sorted array per level, from the output (``[position]``) down to the input:
    entry ``l`` holds the steps of level ``L − l`` (level 0 is the input) that reach it.
    """
    kernel_size = check_int("kernel_size", kernel_size, 1)
    length = check_int("length", length, 1)
    position = check_int("position", position, 0)
    if position >= length:
        raise ConvConfigError(f"position {position} must be below the length {length}")
    levels = [np.array([position])]
    for dilation in reversed([check_int("dilation", d, 1) for d in dilations]):
        back = np.arange(kernel_size) * dilation
        steps = np.unique((levels[-1][:, None] - back[None, :]).ravel())
        levels.append(steps[steps >= 0])
    return levels


def future_leaks(
    input_size: int,
    kernel_size: int,
    stride: int = 1,
    padding: Padding = "causal",
    dilation: int = 1,
) -> np.ndarray:
    """For each output, whether its window reads a *real* input later than its own time.

    Output ``t`` belongs to time ``t·s``. Causal padding never leaks; centred (``"same"``)
    padding leaks for every output whose window still has real inputs ahead of it.
    """
    geometry = conv_geometry((input_size,), (kernel_size,), stride, padding, dilation)
    ((before, _),) = geometry.padding
    times = np.arange(geometry.output_size[0]) * geometry.stride[0]
    last_read = np.minimum(times - before + geometry.kernel_extent[0] - 1, input_size - 1)
    return last_read > times
