"""Causal convolution over time: streaming, dependency trees, and where padding leaks the future.

* :class:`StreamingConv1d` consumes one time step at a time with a buffer of the last
  ``d·(k − 1)`` inputs, exactly as incremental decoding does, and equals ``conv1d`` on the
  whole sequence; with causal padding (:class:`StreamingCausalConv1d`) every output is
  emitted the moment its own input arrives, with centred padding it has to wait;
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
from .index_map import index_map
from .sizes import Padding


class StreamingConv1d:
    """A Conv1d run one time step at a time, each output emitted once its window is complete.

    Parameters
    ----------
    weight : array ``(C_out, C_in, k)``
    bias : array ``(C_out,)`` or None
    stride, dilation : int >= 1
    padding : ``(left, right)`` zeros, with ``left ≤ d·(k − 1)`` (e.g. causal: ``(d·(k − 1), 0)``)

    The layer keeps the last ``d·(k − 1)`` cells of the padded input (it starts with the left
    padding's zeros). :meth:`push` takes the ``(C_in,)`` input of the newest time step and
    returns the ``(C_out,)`` outputs that became complete (none, or one); :meth:`finish`
    appends the right padding at the end of the stream and returns the last outputs. Output
    ``j`` reads inputs up to ``j·s + d·(k − 1) − left``: it waits :attr:`latency` steps
    beyond its own time ``j·s`` (0 for causal padding, more when the window reaches ahead).
    """

    def __init__(
        self,
        weight: object,
        bias: object = None,
        stride: int = 1,
        dilation: int = 1,
        padding: tuple[int, int] = (0, 0),
    ) -> None:
        self.weight = as_real_array("weight", weight)
        if self.weight.ndim != 3 or 0 in self.weight.shape:
            raise ConvConfigError(
                "weight must have shape (C_out, C_in, k), got {shape}", shape=self.weight.shape
            )
        self.stride = check_int("stride", stride, 1)
        self.dilation = check_int("dilation", dilation, 1)
        out_channels, in_channels, taps = self.weight.shape
        self.bias = np.zeros(out_channels) if bias is None else as_real_array("bias", bias)
        if self.bias.shape != (out_channels,):
            raise ConvConfigError(
                "bias must have shape ({out_channels},), got {shape}",
                out_channels=out_channels,
                shape=self.bias.shape,
            )
        self.extent = self.dilation * (taps - 1) + 1
        self.left, self.right = (check_int("padding", p, 0) for p in padding)
        if self.left > self.extent - 1:
            raise ConvConfigError(
                "padding {left} on the left must be at most d·(k − 1) = {most} for a streaming "
                "conv: a window may not lie wholly in the padding",
                left=self.left,
                most=self.extent - 1,
            )
        self.window: deque[np.ndarray] = deque(
            [np.zeros(in_channels)] * self.left, maxlen=self.extent
        )
        self.cells = self.left  # padded-input cells received so far
        self.emitted = 0

    @property
    def buffer_size(self) -> int:
        """How many past cells are kept: ``d·(k − 1)``."""
        return self.extent - 1

    @property
    def latency(self) -> int:
        """Steps an output waits past its own time for inputs ahead: ``d·(k − 1) − left``."""
        return self.extent - 1 - self.left

    def _append(self, cell: np.ndarray) -> list[np.ndarray]:
        self.window.append(cell)
        self.cells += 1
        # output j's window is padded cells j·s … j·s + extent − 1: complete at this cell
        if self.cells < self.extent or (self.cells - self.extent) % self.stride:
            return []
        taps = np.stack([self.window[j * self.dilation] for j in range(self.weight.shape[2])])
        self.emitted += 1
        return [np.einsum("oij,ji->o", self.weight, taps) + self.bias]

    def push(self, x_t: object) -> list[np.ndarray]:
        x_t = as_real_array("input", x_t)
        if x_t.shape != (self.weight.shape[1],):
            raise ConvConfigError(
                "each step's input must have shape ({channels},), got {shape}",
                channels=self.weight.shape[1],
                shape=x_t.shape,
            )
        return self._append(x_t)

    def finish(self) -> list[np.ndarray]:
        """End of the stream: the right padding's zeros, and the outputs they complete."""
        zeros = np.zeros(self.weight.shape[1])
        return [out for _ in range(self.right) for out in self._append(zeros)]


class StreamingCausalConv1d(StreamingConv1d):
    """A causal Conv1d run one step at a time: padding ``(d·(k − 1), 0)``, latency 0.

    ``step(x_t)`` returns the output of time ``t`` (``None`` between strided outputs).
    """

    def __init__(
        self, weight: object, bias: object = None, dilation: int = 1, stride: int = 1
    ) -> None:
        weight = as_real_array("weight", weight)
        taps = weight.shape[-1] if weight.ndim == 3 else 1
        left = check_int("dilation", dilation, 1) * (taps - 1)
        super().__init__(weight, bias, stride, dilation, (left, 0))

    def step(self, x_t: object) -> np.ndarray | None:
        outputs = self.push(x_t)
        return outputs[0] if outputs else None


def stream(layers: Sequence[StreamingConv1d], x: object) -> np.ndarray:
    """Run a stack of streaming layers over ``x`` ``(C, T)`` one step at a time.

    Each output a layer emits is pushed into the next layer at once; at the end every layer
    finishes in turn. Returns the last layer's outputs ``(C_out, T_out)``.
    """
    x = as_real_array("input", x)
    outputs: list[np.ndarray] = []

    def feed(values: list[np.ndarray], depth: int) -> None:
        if depth == len(layers):
            outputs.extend(values)
            return
        for value in values:
            feed(layers[depth].push(value), depth + 1)

    for t in range(x.shape[1]):
        feed([x[:, t]], 0)
    for depth, layer in enumerate(layers):
        feed(layer.finish(), depth + 1)
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
    position = check_int("position", position, 0, length - 1)  # an output of the sequence
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
    padding leaks for every output whose window still has real inputs ahead of it (a
    dilated window may step over the last input and read only padding beyond it).
    """
    geometry = conv_geometry((input_size,), (kernel_size,), stride, padding, dilation)
    ((before, _),) = geometry.padding
    reads, _ = index_map(
        geometry.output_size, geometry.kernel_size, geometry.stride, geometry.dilation, before
    )  # (outputs, taps, 1): the input each tap reads (padding outside 0 … n − 1)
    reads = reads[..., 0]
    times = np.arange(geometry.output_size[0])[:, None] * geometry.stride[0]
    return ((reads > times) & (reads < input_size)).any(axis=1)
