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
    """Causal conv, centred conv and the causal self-attention mask, as time × time maps."""
    size = min(spec.length, 16)
    w = kernel_1d_preset("random", spec.kernel_size, 3)
    causal = ce.conv_matrix((size,), w, 1, "causal", spec.dilation)
    centred = ce.conv_matrix((size,), w, 1, "same", spec.dilation)
    attention = np.tril(np.ones((size, size)))
    return heatmaps_figure(
        [
            ("causal conv: lower-triangular band", causal),
            ("centred conv: band around the diagonal", centred),
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
def streaming_rows(spec: CausalSpec, steps: int = 8) -> list[dict]:
    """Step-by-step outputs of a streaming causal conv next to the full-sequence result."""
    x = sequence_preset("ramp", spec.length) + 1
    w = kernel_1d_preset("random", spec.kernel_size, 3)
    full = ce.conv1d(x[None], w[None, None], padding="causal", dilation=spec.dilation)[0]
    layer = ce.StreamingCausalConv1d(w[None, None], dilation=spec.dilation)
    rows = []
    for t in range(min(steps, spec.length)):
        value = float(layer.step(x[t : t + 1])[0])
        past = [theme.format_number(float(v[0])) for v in list(layer.buffer)[:-1]]
        rows.append(
            {
                "t": t,
                "new input x_t": theme.format_number(float(x[t])),
                f"buffer (last {layer.buffer_size})": " ".join(past) or "—",
                "y_t streamed": theme.format_number(value),
                "y_t full sequence": theme.format_number(float(full[t])),
                "equal": "✅" if np.isclose(value, full[t]) else "❌",
            }
        )
    return rows
