"""A whole convolution layer's steps: ``C_out`` kernels, each ``C_in`` slices deep, and a bias.

Output channel ``o`` is ``y[o] = Σ_c x[c] ⋆ w[o, c] + b[o]``: one kernel (a stack of ``C_in``
slices) slides over the whole input volume and writes one output map. A :class:`LayerTrace`
is one :class:`~conv_engine.trace.ConvTrace` per output channel (each already sums over the
input channels) played one after the other: step ``n`` is output channel ``n // P`` at output
position ``n % P`` (``P`` positions per map, row-major).

Channel by channel, not position by position for all channels: each kernel is one detector
that builds one whole map, which is what ``nn.Conv2d(C_in, C_out, k)`` means and how its
weight ``(C_out, C_in, k, k)`` is laid out; stepping through every channel at one position
is how hardware batches the work, and hides that idea.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import prod

import numpy as np

from .errors import ConvConfigError, as_real_array
from .geometry import ConvGeometry, conv_geometry
from .sizes import Padding
from .trace import MAX_TRACE_ELEMENTS, ConvTrace, TraceStep, conv_trace


@dataclass(frozen=True)
class LayerTrace:
    """Every step of a convolution layer: :attr:`kernels` holds one trace per output channel
    (its bias in the trace's ``bias``: 0 when ``has_bias`` is false)."""

    kernels: tuple[ConvTrace, ...]
    has_bias: bool

    @property
    def first(self) -> ConvTrace:
        return self.kernels[0]

    @property
    def geometry(self) -> ConvGeometry:
        return self.first.geometry

    @property
    def padding_mode(self) -> str:
        return self.first.padding_mode

    @property
    def in_channels(self) -> int:
        return self.first.grid.shape[0]

    @property
    def out_channels(self) -> int:
        return len(self.kernels)

    @property
    def positions(self) -> int:
        """Output positions per map (the steps of one output channel)."""
        return self.first.num_steps

    @property
    def num_steps(self) -> int:
        return self.out_channels * self.positions

    @property
    def weight(self) -> np.ndarray:
        """``(C_out, C_in, *kernel_size)`` as PyTorch lays a layer's weight out."""
        return np.stack([kernel.weight for kernel in self.kernels])

    @property
    def biases(self) -> np.ndarray:
        return np.array([kernel.bias for kernel in self.kernels])

    @property
    def output(self) -> np.ndarray:
        """``(C_out, *output_size)``."""
        return np.stack([kernel.output for kernel in self.kernels])

    def locate(self, step: int) -> tuple[int, int]:
        """``(output channel, position within its map)`` of step ``step``."""
        if not 0 <= step < self.num_steps:
            raise ConvConfigError(
                "step {step} must be in 0 … {last}", step=step, last=self.num_steps - 1
            )
        return divmod(step, self.positions)

    def output_position(self, step: int) -> tuple[int, ...]:
        """``(o, *position)``: the output cell step ``step`` writes."""
        channel, position = self.locate(step)
        return (channel, *self.first.output_position(position))

    def step(self, step: int) -> TraceStep:
        """Frame ``step``: the products of kernel ``o`` (``(C_in, taps)``) and its bias."""
        channel, position = self.locate(step)
        return self.kernels[channel].step(position)


def layer_trace(
    x: object,
    weight: object,
    bias: object = None,
    stride: int | tuple[int, ...] = 1,
    padding: Padding = 0,
    dilation: int | tuple[int, ...] = 1,
    ndim: int = 2,
    padding_mode: str = "zeros",
) -> LayerTrace:
    """Trace a convolution layer (1-D or 2-D) output channel by output channel.

    Parameters
    ----------
    x : ``(C_in, *spatial)``
    weight : ``(C_out, C_in, *kernel_size)`` (PyTorch's layout)
    bias : ``(C_out,)`` or None (no bias)
    stride, padding, dilation, padding_mode : as :func:`conv2d` / :func:`conv1d`
    """
    x = as_real_array("input", x)
    weight = as_real_array("weight", weight)
    if x.ndim != ndim + 1 or weight.ndim != ndim + 2:
        raise ConvConfigError(
            "a layer trace takes an input (C_in, {ndim} spatial axes) and a weight "
            "(C_out, C_in, {ndim} kernel axes), got shapes {shape} and {shape2}",
            ndim=ndim,
            shape=x.shape,
            shape2=weight.shape,
        )
    out_channels = weight.shape[0]
    if out_channels == 0:
        raise ConvConfigError("weight must have at least one output channel")
    biases = np.zeros(out_channels)
    if bias is not None:
        biases = as_real_array("bias", bias).reshape(-1)
        if biases.shape != (out_channels,):
            raise ConvConfigError(
                "bias must hold one number per output channel ({channels}), got shape {shape}",
                channels=out_channels,
                shape=biases.shape,
            )
    geometry = conv_geometry(x.shape[1:], weight.shape[2:], stride, padding, dilation)
    values = prod(geometry.output_size) * weight.size
    if values > MAX_TRACE_ELEMENTS:
        raise ConvConfigError(
            "the animation would need {values:,} values, more than "
            "{MAX_TRACE_ELEMENTS:,}: use fewer channels, a smaller input or kernel",
            values=values,
            MAX_TRACE_ELEMENTS=MAX_TRACE_ELEMENTS,
        )
    kernels = tuple(
        conv_trace(x, weight[o], stride, padding, dilation, biases[o], ndim, padding_mode)
        for o in range(out_channels)
    )
    return LayerTrace(kernels, bias is not None)
