"""Cached computations of the causal page."""

from __future__ import annotations

import numpy as np

import conv_engine as ce
from conv_engine.presets import (
    kernel_1d_preset,
    sequence_preset,
)
from viz import theme
from viz.causal import dependency_tree_figure
from viz.grid_view import grid_view_1d
from viz.heatmaps import heatmaps_figure
from viz.sliding import sliding_window_figure

from ..controls import (
    CausalSpec,
    WaveNetSpec,
)
from ._common import cached


@cached
def causal_trace(spec: CausalSpec) -> tuple[ce.ConvTrace, np.ndarray]:
    """The sequence trace under causal (or, with the leak, centred) padding, and the leaks."""
    x = sequence_preset("ramp", spec.length) + 1
    w = kernel_1d_preset("random", spec.kernel_size, 3)
    trace = ce.conv_trace(x, w, spec.stride, spec.padding, spec.dilation, ndim=1)
    leaks = ce.future_leaks(spec.length, spec.kernel_size, spec.stride, spec.padding, spec.dilation)
    return trace, leaks


@cached
def causal_figure(spec: CausalSpec, pinned_step: int) -> dict:
    trace, leaks = causal_trace(spec)
    view = grid_view_1d(trace, ("x",), time_masks=True, leaks=leaks if spec.leak else None)
    return sliding_window_figure(
        view, pinned_step, titles=("Input over time (grey: the future)", "Kernel", "Output")
    )


@cached
def causal_matrices(spec: CausalSpec) -> dict:
    """Causal conv, centred conv and the causal self-attention mask, as time × time maps.

    The convs use the page's kernel, dilation and stride: row j is output j (at time j·s).
    """
    size = min(spec.length, 16)
    w = kernel_1d_preset("random", spec.kernel_size, 3)
    causal = ce.conv_matrix((size,), w, spec.stride, "causal", spec.dilation)
    centred = ce.conv_matrix((size,), w, spec.stride, "same", spec.dilation)
    attention = np.tril(np.ones((size, size)))
    strided = f", s = {spec.stride}" if spec.stride > 1 else ""
    return heatmaps_figure(
        [
            (f"causal conv{strided}: nothing after time j·s", causal),
            (f"centred conv{strided}: a band around j·s", centred),
            ("self-attention's causal mask", attention),
        ],
        scale=theme.DIVERGING,
        numbers=False,  # the pattern is the point; hover shows each weight
        height=380,
    )


@cached
def wavenet_numbers(spec: WaveNetSpec) -> tuple[int, int, int]:
    """(receptive field, same depth without dilation, number of layers)."""
    dilated = ce.receptive_field(spec.layers)[-1].size
    plain = ce.receptive_field([ce.Layer(spec.kernel_size)] * len(spec.layers))[-1].size
    return dilated, plain, len(spec.layers)


@cached
def wavenet_padding_reach(spec: WaveNetSpec) -> int:
    """How many of the sequence's outputs see past its start (into the causal padding)."""
    before, _ = ce.padding_reach(ce.receptive_field(spec.layers, spec.length))
    return before


@cached
def wavenet_tree(spec: WaveNetSpec) -> tuple[dict, int]:
    """The dependency tree of the last output for the longest prefix of the stack whose
    receptive field fits in 128 steps; returns the figure and how many layers it shows."""
    dilations: list[int] = []
    for dilation in spec.dilations:
        layers = [ce.Layer(spec.kernel_size, dilation=d) for d in [*dilations, dilation]]
        if ce.receptive_field(layers)[-1].size > 128:
            break
        dilations.append(dilation)
    dilations = dilations or spec.dilations[:1]
    size = ce.receptive_field([ce.Layer(spec.kernel_size, dilation=d) for d in dilations])[-1].size
    return dependency_tree_figure(spec.kernel_size, dilations, max(size, 16)), len(dilations)


@cached
def streaming_rows(spec: CausalSpec, steps: int = 8) -> tuple[list[dict], int]:
    """The page's conv run one time step at a time, beside the full-sequence result.

    Same input, kernel, stride, dilation and padding as the animation: with causal padding
    each output is emitted when its own input arrives; centred padding makes it wait.
    Returns the table rows and that wait (the layer's latency, in steps).
    """
    x = sequence_preset("ramp", spec.length) + 1
    w = kernel_1d_preset("random", spec.kernel_size, 3)
    full = ce.conv1d(x[None], w[None, None], None, spec.stride, spec.padding, spec.dilation)[0]
    padding = ce.resolve_padding(
        spec.length, spec.kernel_size, spec.stride, spec.dilation, spec.padding
    )
    layer = ce.StreamingConv1d(w[None, None], None, spec.stride, spec.dilation, padding)
    rows = []
    for t in range(min(steps, spec.length)):
        emitted = layer.push(x[t : t + 1])
        past = [theme.format_number(float(v[0])) for v in list(layer.window)[:-1]]
        row = {
            "t": t,
            "new input x_t": theme.format_number(float(x[t])),
            f"buffer (last {layer.buffer_size})": " ".join(past) or "—",
            "emitted now": "—",
            "full sequence": "—",
            "equal": "",
        }
        if emitted:
            index = layer.emitted - 1
            value = float(emitted[0][0])
            row["emitted now"] = f"y[{index}] = {theme.format_number(value)}"
            row["full sequence"] = f"y[{index}] = {theme.format_number(float(full[index]))}"
            row["equal"] = "✅" if np.isclose(value, full[index]) else "❌"
        rows.append(row)
    return rows, layer.latency
