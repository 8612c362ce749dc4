"""Animation traces: everything one frame of a sliding-window picture needs, for every step.

The heart is the one index map (:mod:`conv_engine.index_map`), ``(output position, kernel
tap) → padded-input position`` (``o·s + k·d`` per axis). It drives the products, the
highlighted window and the "which inputs feed this output" lookups alike. A trace covers
one output channel: the input is ``(*spatial)`` or ``(C, *spatial)`` and the kernel ``(*k)``
or ``(C, *k)``; channels are summed, as a Conv1d over ``F`` features uses an ``F × n``
window.

Transposed convolutions get two traces: the zero-insertion view (a stride-1 conv with the
flipped kernel over the input with ``s − 1`` zeros between cells) and the scatter view (each
input cell stamps the scaled kernel into the output).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from math import prod

import numpy as np

from .conv import pad_input
from .errors import ConvConfigError, as_real_array
from .geometry import ConvGeometry, TransposeGeometry, conv_geometry, transpose_geometry
from .index_map import index_map
from .index_map import inside as lands_inside
from .padding_modes import pad_with_mode
from .sizes import Padding

INPUT, PADDING, INSERTED_ZERO = 0, 1, 2
"""Cell kinds of a trace grid: a real input cell, a padding zero, a zero inserted between cells."""

MAX_TRACE_ELEMENTS = 2_000_000
"""Upper bound on steps × taps × channels, so a trace never exhausts a shared server."""


def _frozen(array: np.ndarray) -> np.ndarray:
    array = np.ascontiguousarray(array)
    array.flags.writeable = False
    return array


@dataclass(frozen=True)
class TraceStep:
    """One frame: output ``output_position`` is the sum of ``products`` (+ bias).

    ``input_positions[t]`` is the padded-grid cell read by kernel tap ``taps[t]``;
    ``input_values``, ``weights`` and ``products`` are ``(C, num_taps)``.
    """

    step: int
    output_position: tuple[int, ...]
    input_positions: np.ndarray
    taps: np.ndarray
    cell_kinds: np.ndarray
    input_values: np.ndarray
    weights: np.ndarray
    products: np.ndarray
    bias: float
    value: float


@dataclass(frozen=True)
class ConvTrace:
    """All frames of a sliding-window convolution over a padded (or zero-inserted) grid.

    Attributes
    ----------
    geometry : the resolved convolution (over the *grid*, padding included)
    grid : ``(C, *grid_size)`` values the kernel slides over (zeros in padding)
    cell_kind : ``(*grid_size)`` :data:`INPUT`, :data:`PADDING` or :data:`INSERTED_ZERO`
    input_origin : grid coordinates of input cell 0 per axis (negative if cropped)
    weight : ``(C, *kernel_size)`` kernel as applied (flipped in the transposed view)
    windows : ``(num_steps, num_taps, ndim)`` grid cell of each (step, tap) — the index map
    taps : ``(num_taps, ndim)`` kernel index of each tap
    products : ``(num_steps, C, num_taps)``
    output : ``(*output_size)`` the result, ``products`` summed plus ``bias``
    padding_mode : what fills the padding cells (:mod:`conv_engine.padding_modes`); with
        ``"zeros"`` they hold 0, otherwise the input value each copies
    """

    geometry: ConvGeometry
    grid: np.ndarray
    cell_kind: np.ndarray
    input_origin: tuple[int, ...]
    weight: np.ndarray
    windows: np.ndarray
    taps: np.ndarray
    products: np.ndarray
    bias: float
    output: np.ndarray
    padding_mode: str = "zeros"

    @property
    def num_steps(self) -> int:
        return self.windows.shape[0]

    def output_position(self, step: int) -> tuple[int, ...]:
        return tuple(int(i) for i in np.unravel_index(step, self.output.shape))

    def step(self, step: int) -> TraceStep:
        """Everything frame ``step`` (row-major over output positions) needs."""
        if not 0 <= step < self.num_steps:
            raise ConvConfigError(
                "step {step} must be in 0 … {last}", step=step, last=self.num_steps - 1
            )
        window = self.windows[step]
        index = tuple(window.T)
        products = self.products[step]
        return TraceStep(
            step=step,
            output_position=self.output_position(step),
            input_positions=window,
            taps=self.taps,
            cell_kinds=self.cell_kind[index],
            input_values=self.grid[(slice(None), *index)],
            weights=self.weight.reshape(self.weight.shape[0], -1),
            products=products,
            bias=self.bias,
            value=float(products.sum() + self.bias),
        )


def _single_channel(name: str, value: object, ndim: int) -> np.ndarray:
    """Accept ``(*spatial)`` or ``(C, *spatial)`` and return ``(C, *spatial)``."""
    array = as_real_array(name, value)
    if array.ndim == ndim:
        array = array[None]
    if array.ndim != ndim + 1 or 0 in array.shape:
        raise ConvConfigError(
            "{name} must have {ndim} spatial axes (optionally a leading channel axis), "
            "got shape {shape}",
            name=name,
            ndim=ndim,
            shape=array.shape,
        )
    return array


def _channel_pair(x: object, weight: object, ndim: int) -> tuple[np.ndarray, np.ndarray]:
    """Input and kernel as ``(C, *spatial)`` arrays with the same number of channels."""
    x = _single_channel("input", x, ndim)
    weight = _single_channel("weight", weight, ndim)
    if weight.shape[0] != x.shape[0]:
        raise ConvConfigError(
            "weight has {kernel_channels} channels but the input has {channels}: a trace's "
            "kernel must cover every input channel",
            kernel_channels=weight.shape[0],
            channels=x.shape[0],
        )
    return x, weight


def _check_budget(values: int) -> None:
    if values > MAX_TRACE_ELEMENTS:
        raise ConvConfigError(
            "the animation would need {values:,} values, more than "
            "{MAX_TRACE_ELEMENTS:,}: use a smaller input or kernel",
            values=values,
            MAX_TRACE_ELEMENTS=MAX_TRACE_ELEMENTS,
        )


def _trace_grid(
    grid: np.ndarray,
    cell_kind: np.ndarray,
    input_origin: tuple[int, ...],
    weight: np.ndarray,
    geometry: ConvGeometry,
    bias: float,
) -> ConvTrace:
    """Build a trace of a no-padding conv over an already padded grid."""
    # over the padded grid: windows[step, tap] = output·stride + tap·dilation
    windows, taps = index_map(
        geometry.output_size, geometry.kernel_size, geometry.stride, geometry.dilation
    )
    channels = grid.shape[0]
    _check_budget(len(windows) * len(taps) * channels)
    values = grid[(slice(None), *np.moveaxis(windows, -1, 0))]  # (C, steps, taps)
    products = values * weight.reshape(channels, 1, -1)
    products = products.transpose(1, 0, 2)
    output = products.sum(axis=(1, 2)).reshape(geometry.output_size) + bias
    return ConvTrace(
        geometry=geometry,
        grid=_frozen(grid),
        cell_kind=_frozen(cell_kind),
        input_origin=input_origin,
        weight=_frozen(weight),
        windows=_frozen(windows),
        taps=_frozen(taps),
        products=_frozen(products),
        bias=float(bias),
        output=_frozen(output),
    )


def conv_trace(
    x: object,
    weight: object,
    stride: int | tuple[int, ...] = 1,
    padding: Padding = 0,
    dilation: int | tuple[int, ...] = 1,
    bias: float = 0.0,
    ndim: int = 2,
    padding_mode: str = "zeros",
) -> ConvTrace:
    """Trace every step of a single-output-channel convolution (1-D or 2-D).

    Parameters
    ----------
    x : ``(*spatial)`` or ``(C, *spatial)``
    weight : ``(*kernel_size)`` or ``(C, *kernel_size)``
    stride, padding, dilation, padding_mode : as :func:`conv1d` / :func:`conv2d`
    bias : added to every output
    ndim : number of spatial axes, 1 or 2
    """
    x, weight = _channel_pair(x, weight, ndim)
    geometry = conv_geometry(x.shape[1:], weight.shape[1:], stride, padding, dilation)
    if padding_mode == "zeros":
        grid = pad_input(x, geometry.padding)
    else:  # the padding cells hold the input values they copy
        grid = pad_with_mode(x, geometry.padding, padding_mode)
    cell_kind = np.full(geometry.padded_size, PADDING, dtype=np.int8)
    inner = tuple(slice(b, b + i) for (b, _), i in zip(geometry.padding, x.shape[1:], strict=True))
    cell_kind[inner] = INPUT
    unpadded = conv_geometry(
        geometry.padded_size, geometry.kernel_size, geometry.stride, 0, geometry.dilation
    )
    trace = _trace_grid(
        grid, cell_kind, tuple(b for b, _ in geometry.padding), weight, unpadded, float(bias)
    )
    # Keep the user's geometry (with its padding) for labels and formulas.
    return replace(trace, geometry=geometry, padding_mode=padding_mode)


def conv_trace_step(
    x: object,
    weight: object,
    step: int,
    stride: int | tuple[int, ...] = 1,
    padding: Padding = 0,
    dilation: int | tuple[int, ...] = 1,
    bias: float = 0.0,
    ndim: int = 2,
) -> TraceStep:
    """Frame ``step`` of :func:`conv_trace`: a pure function of input, weight, settings, step."""
    return conv_trace(x, weight, stride, padding, dilation, bias, ndim).step(step)


def zero_inserted_grid(
    x: np.ndarray, geometry: TransposeGeometry
) -> tuple[np.ndarray, np.ndarray, tuple[int, ...]]:
    """The transposed conv's equivalent stride-1 input.

    ``s − 1`` zeros between input cells, then ``d·(k − 1) − p`` zeros on each side plus
    ``output_padding`` more at the far end (cropped instead where that is negative).
    Returns the grid ``(C, *size)``, its cell kinds and the grid position of input cell 0.
    """
    channels = x.shape[0]
    spread = tuple(
        (i - 1) * s + 1 for i, s in zip(geometry.input_size, geometry.stride, strict=True)
    )
    pads = [
        (d * (k - 1) - p, d * (k - 1) - p + op)
        for k, d, p, op in zip(
            geometry.kernel_size,
            geometry.dilation,
            geometry.padding,
            geometry.output_padding,
            strict=True,
        )
    ]
    size = tuple(n + max(b, 0) + max(a, 0) for n, (b, a) in zip(spread, pads, strict=True))
    grid = np.zeros((channels, *size), dtype=x.dtype)
    kind = np.full(size, PADDING, dtype=np.int8)
    spread_cells = tuple(
        slice(max(b, 0), max(b, 0) + n) for n, (b, _) in zip(spread, pads, strict=True)
    )
    kind[spread_cells] = INSERTED_ZERO
    inputs = tuple(
        slice(max(b, 0), max(b, 0) + n, s)
        for n, (b, _), s in zip(spread, pads, geometry.stride, strict=True)
    )
    kind[inputs] = INPUT
    grid[(slice(None), *inputs)] = x
    crop = tuple(
        slice(max(-b, 0), length - max(-a, 0)) for length, (b, a) in zip(size, pads, strict=True)
    )
    origin = tuple(b for b, _ in pads)
    return grid[(slice(None), *crop)], kind[crop], origin


def transposed_trace(
    x: object,
    weight: object,
    stride: int | tuple[int, ...] = 1,
    padding: int | tuple[int, ...] = 0,
    output_padding: int | tuple[int, ...] = 0,
    dilation: int | tuple[int, ...] = 1,
    bias: float = 0.0,
    ndim: int = 2,
) -> ConvTrace:
    """Trace a single-output-channel transposed conv as zero insertion + flipped-kernel conv.

    Parameters
    ----------
    x : ``(*spatial)`` or ``(C_in, *spatial)``
    weight : ``(*kernel_size)`` or ``(C_in, *kernel_size)`` (the PyTorch weight
        ``(C_in, 1, *k)`` without its output-channel axis)
    """
    x, weight = _channel_pair(x, weight, ndim)
    geometry = transpose_geometry(
        x.shape[1:], weight.shape[1:], stride, padding, output_padding, dilation
    )
    grid, cell_kind, origin = zero_inserted_grid(x, geometry)
    flipped = np.flip(weight, axis=tuple(range(1, ndim + 1)))
    inner = conv_geometry(grid.shape[1:], geometry.kernel_size, 1, 0, geometry.dilation)
    return _trace_grid(grid, cell_kind, origin, flipped, inner, float(bias))


@dataclass(frozen=True)
class ScatterTrace:
    """The scatter view of a transposed conv: step ``n`` stamps input cell ``n``.

    Attributes
    ----------
    geometry : the transposed convolution
    input : ``(*input_size)``; weight : ``(*kernel_size)``
    targets : ``(num_steps, num_taps, ndim)`` output cell ``i·s + k·d − p`` of each tap
        (may fall outside the output: cropped by ``padding``)
    inside : ``(num_steps, num_taps)`` whether the target is inside the output
    contributions : ``(num_steps, num_taps)`` ``x[i] · w[k]``
    running : ``(num_steps, *output_size)`` output after stamping cells ``0 … n``
    """

    geometry: TransposeGeometry
    input: np.ndarray
    weight: np.ndarray
    targets: np.ndarray
    inside: np.ndarray
    contributions: np.ndarray
    running: np.ndarray

    @property
    def num_steps(self) -> int:
        return self.targets.shape[0]

    @property
    def output(self) -> np.ndarray:
        return self.running[-1]


def scatter_trace(
    x: object,
    weight: object,
    stride: int | tuple[int, ...] = 1,
    padding: int | tuple[int, ...] = 0,
    output_padding: int | tuple[int, ...] = 0,
    dilation: int | tuple[int, ...] = 1,
    ndim: int = 2,
) -> ScatterTrace:
    """Trace a single-channel transposed conv one input cell at a time (1-D or 2-D).

    x : ``(*input_size)``; weight : ``(*kernel_size)``.
    """
    x = as_real_array("input", x)
    weight = as_real_array("weight", weight)
    if x.ndim != ndim or weight.ndim != ndim or 0 in x.shape or 0 in weight.shape:
        raise ConvConfigError(
            "input and weight must each have {ndim} spatial axes, got {shape} and {shape2}",
            ndim=ndim,
            shape=x.shape,
            shape2=weight.shape,
        )
    geometry = transpose_geometry(x.shape, weight.shape, stride, padding, output_padding, dilation)
    steps, taps = x.size, weight.size
    _check_budget(steps * (taps + prod(geometry.output_size)))
    targets, _ = index_map(
        x.shape, weight.shape, geometry.stride, geometry.dilation, geometry.padding
    )
    inside = lands_inside(targets, geometry.output_size)
    contributions = x.reshape(-1, 1) * weight.reshape(1, -1)
    stamps = np.zeros((steps, *geometry.output_size), dtype=contributions.dtype)
    step_index = np.broadcast_to(np.arange(steps)[:, None], inside.shape)[inside]
    np.add.at(stamps, (step_index, *targets[inside].T), contributions[inside])
    return ScatterTrace(
        geometry=geometry,
        input=_frozen(x),
        weight=_frozen(weight),
        targets=_frozen(targets),
        inside=_frozen(inside),
        contributions=_frozen(contributions),
        running=_frozen(np.cumsum(stamps, axis=0)),
    )
