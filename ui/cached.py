"""The app's only cached computations: pure functions of hashable specs.

Caches are shared by every session (``st.cache_data``) and bounded (``max_entries``), so a
classroom of 40 students costs a bounded amount of memory. No function here reads a widget.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import streamlit as st
from matplotlib.image import imread

import conv_engine as ce
from conv_engine.presets import (
    image_patch,
    input_preset,
    kernel_1d_preset,
    kernel_preset,
    sequence_preset,
    speech_features,
)
from viz import theme
from viz.causal import dependency_tree_figure
from viz.channels import separable_figure
from viz.features import feature_figure
from viz.grid_view import grid_view_1d, grid_view_2d
from viz.heatmaps import heatmaps_figure
from viz.lightweight import cost_figure, step_kernels_figure
from viz.receptive import growth_figure, support_line_figure
from viz.sliding import sliding_window_figure
from viz.transposed import matrix_figure, scatter_figure

from .controls import (
    CausalSpec,
    Conv1dSpec,
    Conv2dSpec,
    FeatureSpec,
    LightweightSpec,
    ScheduleSpec,
    SeparableSpec,
    TransposedSpec,
    WaveNetSpec,
    parse_kernel,
)

ASSETS = Path(__file__).resolve().parents[1] / "assets"
ENTRIES = 64


@st.cache_resource
def sample_image() -> np.ndarray:
    """The 96×96 RGB photo in ``assets/`` (values 0–1)."""
    return imread(ASSETS / "grace_hopper_96.png")[..., :3]


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def conv2d_arrays(spec: Conv2dSpec) -> tuple[np.ndarray, np.ndarray]:
    """The input grid and kernel a Standard-page spec describes."""
    image = sample_image() if spec.input_preset == "image" else None
    x = input_preset(spec.input_preset, (spec.height, spec.width), spec.seed, image)
    if spec.kernel_preset == "custom":
        values = parse_kernel(spec.custom_kernel, spec.kernel_size)
        return x, np.array(values).reshape(spec.kernel_size, spec.kernel_size)
    return x, kernel_preset(spec.kernel_preset, spec.kernel_size, spec.seed)


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def conv2d_trace(spec: Conv2dSpec) -> ce.ConvTrace:
    x, w = conv2d_arrays(spec)
    return ce.conv_trace(x, w, spec.stride, spec.padding, spec.dilation)


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def conv2d_figure(spec: Conv2dSpec, pinned_step: int) -> dict:
    return sliding_window_figure(grid_view_2d(conv2d_trace(spec)), pinned_step)


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def conv1d_trace(spec: Conv1dSpec) -> ce.ConvTrace:
    x = sequence_preset(spec.signal, spec.length, spec.seed)
    w = kernel_1d_preset(spec.kernel_preset, spec.kernel_size, spec.seed)
    return ce.conv_trace(x, w, spec.stride, spec.padding, spec.dilation, ndim=1)


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def conv1d_figure(spec: Conv1dSpec, pinned_step: int) -> dict:
    return sliding_window_figure(
        grid_view_1d(conv1d_trace(spec), ("x",)),
        pinned_step,
        titles=("Input sequence (padded)", "Kernel", "Output"),
    )


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def feature_example(spec: FeatureSpec) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Spectrogram ``(F, T)``, weights ``(C_out, F, n)`` and output ``(C_out, T')``."""
    x = speech_features(spec.frames, spec.features, spec.seed)
    rng = np.random.default_rng(spec.seed)
    weight = rng.integers(-1, 2, size=(spec.out_channels, spec.features, spec.kernel_size))
    return x, weight.astype(float), ce.conv1d(x, weight.astype(float))


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def features_figure(spec: FeatureSpec) -> dict:
    x, weight, out = feature_example(spec)
    return feature_figure(x, weight[0], out)


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def transposed_arrays(spec: TransposedSpec) -> tuple[np.ndarray, np.ndarray]:
    """Input ``(n, n)`` (small ints, 1-based so stamps stay visible) and kernel ``(k, k)``."""
    x = input_preset(spec.input_preset, (spec.size, spec.size), spec.seed)
    if spec.input_preset == "count":
        x = x + 1
    return x, kernel_preset(spec.kernel_preset, spec.kernel_size, spec.seed)


def _transpose_args(spec: TransposedSpec) -> dict:
    return {
        "stride": spec.stride,
        "padding": spec.padding,
        "output_padding": spec.output_padding,
        "dilation": spec.dilation,
    }


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def transposed_traces(spec: TransposedSpec) -> tuple[ce.ConvTrace, ce.ScatterTrace]:
    x, w = transposed_arrays(spec)
    args = _transpose_args(spec)
    return ce.transposed_trace(x, w, **args), ce.scatter_trace(x, w, **args)


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def transposed_figures(spec: TransposedSpec, pinned_step: int) -> tuple[dict, dict, dict]:
    """Zero-insertion animation, scatter animation and matrix view, all on one output cell."""
    zero_insertion, scatter = transposed_traces(spec)
    pinned = zero_insertion.output_position(pinned_step)
    _, w = transposed_arrays(spec)
    output_size = zero_insertion.output.shape
    # the forward conv that this transposed conv inverts (in shape): output-sized → input-sized
    matrix = ce.conv_matrix(output_size, w, spec.stride, spec.padding, spec.dilation)
    return (
        sliding_window_figure(
            grid_view_2d(zero_insertion),
            pinned_step,
            titles=("Input: s − 1 zeros inserted, padded", "Kernel, flipped", "Output"),
        ),
        scatter_figure(scatter, pinned),
        matrix_figure(matrix, pinned_row=pinned_step),
    )


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def checkerboard_panels(spec: TransposedSpec) -> dict:
    """Overlap counts for one and two layers, and for resize-then-convolve, on the same size."""
    args = _transpose_args(spec)
    one = ce.overlap_counts((spec.size + 3, spec.size + 3), spec.kernel_size, **args)
    two = ce.overlap_counts((spec.size + 3, spec.size + 3), spec.kernel_size, layers=2, **args)
    resized = ce.conv2d(
        ce.upsample_nearest(np.ones((spec.size + 3, spec.size + 3)), spec.stride)[None],
        np.ones((1, 1, spec.kernel_size, spec.kernel_size)),
        padding="same",
    )[0]
    return heatmaps_figure(
        [("1 transposed layer", one), ("2 stacked layers", two), ("resize ×s, then conv", resized)],
        numbers=True,
    )


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def checkerboard_image(spec: TransposedSpec) -> dict:
    """A photo patch upsampled by a transposed conv (box kernel) vs resize-then-convolve."""
    patch = image_patch(sample_image(), (16, 16), levels=256) / 255
    kernel = np.ones((1, 1, spec.kernel_size, spec.kernel_size))
    upsampled = ce.conv_transpose2d(patch[None], kernel, stride=spec.stride)[0]
    resized = ce.conv2d(ce.upsample_nearest(patch, spec.stride)[None], kernel, padding="same")[0]
    return heatmaps_figure(
        [
            ("photo patch 16×16", patch),
            (f"transposed conv, k={spec.kernel_size}, s={spec.stride}", upsampled),
            ("resize, then conv", resized),
        ],
        scale="Greys_r",
        numbers=False,
        height=340,
    )


def output_padding_rows(spec: TransposedSpec) -> dict[str, list]:
    """For each legal output_padding: the transposed output size (it inverts a strided conv)."""
    sizes = ce.input_sizes_for_output(
        spec.size, spec.kernel_size, spec.stride, spec.padding, spec.dilation
    )
    limit = ce.max_output_padding(spec.stride, spec.dilation)
    rows = {
        "conv input size i": [],
        "conv output size": [],
        "output_padding": [],
        "transposed output size": [],
    }
    for extra, size in enumerate(sizes):
        if extra > limit or size < 1:
            continue
        rows["conv input size i"].append(size)
        rows["conv output size"].append(
            ce.conv_output_size(size, spec.kernel_size, spec.stride, spec.padding, spec.dilation)
        )
        rows["output_padding"].append(extra)
        rows["transposed output size"].append(
            ce.conv_transpose_output_size(
                spec.size, spec.kernel_size, spec.stride, spec.padding, extra, spec.dilation
            )
        )
    return rows


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def support_panels(layers: tuple[ce.Layer, ...], size: int) -> dict:
    """What the centre output of each prefix of the stack sees: the article's (a), (b), (c)."""
    panels, outlines = [], []
    final = ce.receptive_field(layers, size)[-1]
    low, high = final.span(final.output_size // 2)
    low, high = max(low - 2, 0), min(high + 2, size - 1)  # every panel shows the final span
    for depth in range(1, len(layers) + 1):
        prefix = layers[:depth]
        rows = ce.receptive_field(prefix, size)
        centre = rows[-1].output_size // 2
        line = ce.support_counts(prefix, size, centre)[low : high + 1]
        first, last = (edge - low for edge in rows[-1].span(centre))
        panels.append(
            (f"after layer {depth}: {rows[-1].size}×{rows[-1].size}", np.outer(line, line))
        )
        outlines.append((first, first, last, last))
    return heatmaps_figure(
        panels[-4:], scale=theme.COUNT_SCALE, numbers=False, height=330, outlines=outlines[-4:]
    )


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def gridding_figure(layers: tuple[ce.Layer, ...], size: int) -> tuple[dict, int]:
    """The exact support of the centre output (path counts, holes at 0) and on a photo."""
    rows = ce.receptive_field(layers, size)
    centre = rows[-1].output_size // 2
    line = ce.support_counts(layers, size, centre)
    mask = np.outer(line, line)
    first, last = rows[-1].span(centre)
    photo = image_patch(sample_image(), (size, size), levels=256) / 255
    seen = np.where(mask > 0, photo, np.nan)
    holes = ce.hole_count(layers, size, centre, ndim=2)
    figure = heatmaps_figure(
        [("paths from each input cell", mask), ("what it sees of a photo", seen)],
        scales=[theme.COUNT_SCALE, "Greys_r"],
        numbers=False,
        height=380,
        outlines=[(first, first, last, last)] * 2,
    )
    return figure, holes


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def erf_figure(layers: tuple[ce.Layer, ...], size: int) -> dict:
    """Effective receptive field, uniform and random weights, over the theoretical one."""
    rows = ce.receptive_field(layers, size)
    centre = rows[-1].output_size // 2
    first, last = rows[-1].span(centre)
    uniform = ce.effective_receptive_field(layers, size, centre)
    random = ce.effective_receptive_field(
        layers, size, centre, seeds=8, rng=np.random.default_rng(0)
    )
    return heatmaps_figure(
        [("effective RF, uniform weights", uniform), ("effective RF, random weights", random)],
        scale=theme.COUNT_SCALE,
        numbers=False,
        height=380,
        outlines=[(first, first, last, last)] * 2,
    )


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def dilated_kernel_figure(spec: Conv2dSpec) -> dict:
    """The k × k kernel spread out with d − 1 zeros between taps."""
    _, w = conv2d_arrays(spec)
    return heatmaps_figure(
        [
            (
                f"{spec.kernel_size}×{spec.kernel_size}, d = {spec.dilation}",
                ce.zero_insert(w, spec.dilation),
            )
        ],
        scale=theme.DIVERGING,
        height=260,
    )


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def growth_chart(schedule: ScheduleSpec) -> dict:
    """Receptive field vs depth: plain stack (linear), doubling rates, the chosen schedule."""
    depth = max(len(schedule.rates), 4)
    k = schedule.kernel_size

    def sizes(rates):
        return [row.size for row in ce.receptive_field([ce.Layer(k, dilation=r) for r in rates])]

    return growth_figure(
        {
            "plain (d = 1): (k − 1)·L + 1": sizes([1] * depth),
            "doubling d = 1, 2, 4, …": sizes([2**i for i in range(depth)]),
            "your schedule": sizes(schedule.rates),
        },
        "Receptive field vs depth: linear vs exponential",
    )


def layer_table(rows: tuple[ce.ReceptiveFieldRow, ...]) -> list[dict]:
    """The per-layer numbers of a stack, as rows for ``st.dataframe``."""
    return [
        {
            "layer": row.index,
            "kind": row.layer.kind,
            "k": row.layer.kernel_size,
            "s": row.layer.stride,
            "d": row.layer.dilation,
            "k_eff": row.layer.kernel_extent,
            "padding (l, r)": f"{row.padding[0]}, {row.padding[1]}",
            "input size": row.input_size,
            "output size": row.output_size,
            "RF size r": row.size,
            "jump j": row.jump,
            "start": row.start,
        }
        for row in rows
    ]


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def stack_figures(
    layers: tuple[ce.Layer, ...], size: int, position: int
) -> tuple[dict, dict | None]:
    """What one output sees along the input (1-D), and in 2-D for a square input ≤ 96."""
    rows = ce.receptive_field(layers, size)
    line = ce.support_counts(layers, size, position)
    one_d = support_line_figure(line, rows[-1], position)
    if size > 96:
        return one_d, None
    first, last = rows[-1].span(position)
    uniform = ce.effective_receptive_field(layers, size, position)
    random = ce.effective_receptive_field(
        layers, size, position, seeds=8, rng=np.random.default_rng(0)
    )
    two_d = heatmaps_figure(
        [
            ("what it sees (2-D, paths)", np.outer(line, line)),
            ("effective RF, uniform weights", uniform),
            ("effective RF, random weights", random),
        ],
        scale=theme.COUNT_SCALE,
        numbers=False,
        height=360,
        outlines=[(first, first, last, last)] * 3,
    )
    return one_d, two_d


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def causal_trace(spec: CausalSpec) -> tuple[ce.ConvTrace, np.ndarray]:
    """The sequence trace under causal (or, with the leak, centred) padding, and the leaks."""
    x = sequence_preset("ramp", spec.length) + 1
    w = kernel_1d_preset("random", spec.kernel_size, 3)
    trace = ce.conv_trace(x, w, spec.stride, spec.padding, spec.dilation, ndim=1)
    leaks = ce.future_leaks(spec.length, spec.kernel_size, spec.stride, spec.padding, spec.dilation)
    return trace, leaks


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def causal_figure(spec: CausalSpec, pinned_step: int) -> dict:
    trace, leaks = causal_trace(spec)
    view = grid_view_1d(trace, ("x",), time_masks=True, leaks=leaks if spec.leak else None)
    return sliding_window_figure(
        view, pinned_step, titles=("Input over time (grey: the future)", "Kernel", "Output")
    )


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
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
        numbers=size <= 12,
        height=380,
    )


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def wavenet_numbers(spec: WaveNetSpec) -> tuple[int, int, int]:
    """(receptive field, same depth without dilation, number of layers)."""
    dilated = ce.receptive_field(spec.layers)[-1].size
    plain = ce.receptive_field([ce.Layer(spec.kernel_size)] * len(spec.layers))[-1].size
    return dilated, plain, len(spec.layers)


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
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


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
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


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def separable_example(spec: SeparableSpec) -> dict:
    """Random small-int input and weights, and every intermediate of the separable conv."""
    rng = np.random.default_rng(spec.seed)
    mid = spec.in_channels * spec.multiplier
    x = rng.integers(0, 5, size=(spec.in_channels, spec.size, spec.size)).astype(float)
    depthwise = rng.integers(-1, 2, size=(mid, 1, spec.kernel_size, spec.kernel_size)).astype(float)
    pointwise = rng.integers(-2, 3, size=(spec.out_channels, mid, 1, 1)).astype(float)
    middle = ce.conv2d(x, depthwise, groups=spec.in_channels, padding="same")
    output = ce.depthwise_separable_conv2d(x, depthwise, pointwise, padding="same")
    two_step = ce.conv2d(middle, pointwise)
    return {
        "x": x,
        "depthwise": depthwise,
        "pointwise": pointwise,
        "middle": middle,
        "output": output,
        "difference": float(np.abs(output - two_step).max()),
    }


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def separable_figures(spec: SeparableSpec) -> tuple[dict, dict]:
    example = separable_example(spec)
    animation = separable_figure(
        example["x"],
        example["depthwise"][:, 0],
        example["middle"],
        example["pointwise"][:, :, 0, 0],
        example["output"],
    )
    blocks = heatmaps_figure(
        [
            (
                f"groups = {spec.groups}: which inputs each output reads",
                ce.group_connectivity(spec.in_channels, spec.out_channels, spec.groups),
            )
        ],
        scale=theme.COUNT_SCALE,
        numbers=False,
        height=300,
    )
    return animation, blocks


def separable_counts(spec: SeparableSpec) -> list[dict]:
    """Weights and multiply-adds of each variant, for the current sizes (SAME, stride 1)."""
    k, c_in, c_out, m = spec.kernel_size, spec.in_channels, spec.out_channels, spec.multiplier
    positions = spec.size * spec.size
    variants = [
        ("standard", c_in, c_out, (k, k), 1),
        (f"grouped (g = {spec.groups})", c_in, c_out, (k, k), spec.groups),
        (f"depthwise (m = {m})", c_in, c_in * m, (k, k), c_in),
        ("pointwise 1×1", c_in * m, c_out, (1, 1), 1),
    ]
    rows = [
        {
            "layer": name,
            "weights": ce.conv_parameters(i, o, taps, g, bias=False),
            "multiply-adds": ce.conv_multiply_adds(i, o, taps, positions, g),
            "biases (PyTorch)": o,
        }
        for name, i, o, taps, g in variants
    ]
    rows.append(
        {
            "layer": "separable = depthwise + pointwise",
            "weights": ce.separable_parameters(c_in, c_out, k, m),
            "multiply-adds": rows[2]["multiply-adds"] + rows[3]["multiply-adds"],
            "biases (PyTorch)": c_in * m + c_out,
        }
    )
    return rows


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def photo_separable() -> dict:
    """A photo's R, G, B channels, one depthwise filter each, and a 1×1 mix into two maps."""
    photo = np.moveaxis(sample_image()[16:80, 16:80], -1, 0)
    depthwise = np.stack(
        [np.ones((3, 3)) / 9, kernel_preset("sobel", 3), kernel_preset("sobel", 3).T]
    )
    pointwise = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 1.0]])
    middle = ce.conv2d(photo, depthwise[:, None], groups=3, padding="same")
    output = ce.conv2d(middle, pointwise[:, :, None, None])
    return heatmaps_figure(
        [
            ("red", photo[0]),
            ("green", photo[1]),
            ("blue", photo[2]),
            ("red ∗ blur", middle[0]),
            ("green ∗ Sobel x", middle[1]),
            ("blue ∗ Sobel y", middle[2]),
            ("out 0 = blur", output[0]),
            ("out 1 = x-edges + y-edges", output[1]),
        ],
        scale="Greys_r",
        numbers=False,
        height=230,
    )


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def lightweight_example(spec: LightweightSpec) -> dict:
    """Input (d, T), raw head weights, their softmax (optionally DropConnected), and outputs."""
    rng = np.random.default_rng(spec.seed)
    x = rng.integers(0, 10, size=(spec.channels, spec.length)).astype(float)
    raw = rng.normal(size=(spec.num_heads, spec.kernel_size)).round(1)
    normalised = ce.softmax(raw)
    if spec.drop_rate:
        normalised = ce.drop_connect(normalised, spec.drop_rate, np.random.default_rng(spec.seed))
    kernel = np.repeat(normalised, spec.channels // spec.num_heads, axis=0)
    output = ce.conv1d(
        x,
        kernel[:, None],
        padding=ce.sequence_padding(spec.kernel_size, spec.padding),
        groups=spec.channels,
    )
    dynamic_weight = rng.normal(size=(spec.num_heads * spec.kernel_size, spec.channels)) / 10
    kernels = ce.dynamic_kernels(x[None], dynamic_weight, spec.num_heads, spec.kernel_size)[0]
    return {
        "x": x,
        "raw": raw,
        "normalised": normalised,
        "output": output,
        "dynamic_kernels": kernels[:, 0],
    }


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def lightweight_weights_figure(spec: LightweightSpec) -> dict:
    example = lightweight_example(spec)
    heads = np.repeat(np.arange(spec.num_heads), spec.channels // spec.num_heads)[None, :]
    title = "softmax + DropConnect" if spec.drop_rate else "softmax over k (rows sum to 1)"
    return heatmaps_figure(
        [
            ("raw weights H × k", example["raw"]),
            (title, example["normalised"]),
            ("head of each channel", heads),
        ],
        scale=theme.COUNT_SCALE,
        height=260,
    )


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def lightweight_trace(spec: LightweightSpec, channel: int) -> ce.ConvTrace:
    example = lightweight_example(spec)
    head = channel // (spec.channels // spec.num_heads)
    return ce.conv_trace(
        example["x"][channel],
        example["normalised"][head],
        padding=ce.sequence_padding(spec.kernel_size, spec.padding),
        ndim=1,
    )


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def lightweight_figure(spec: LightweightSpec, channel: int, pinned_step: int) -> dict:
    return sliding_window_figure(
        grid_view_1d(lightweight_trace(spec, channel), (f"x{channel}",)),
        pinned_step,
        titles=(f"Channel {channel} over time", "Kernel (its head)", "Output"),
    )


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def lightweight_matrices(spec: LightweightSpec) -> dict:
    example = lightweight_example(spec)
    left, _ = ce.sequence_padding(spec.kernel_size, spec.padding)
    band = ce.lightweight_matrix(example["raw"], spec.channels, spec.length, 0, spec.padding)
    dynamic = ce.dynamic_matrix(example["dynamic_kernels"], left)
    standardised = (example["x"] - example["x"].mean()) / (example["x"].std() or 1.0)
    attention = ce.self_attention_weights(standardised, np.random.default_rng(1), spec.causal)
    return heatmaps_figure(
        [
            ("lightweight conv (channel 0): a fixed band", band),
            ("dynamic conv (head 0): a band that changes per row", dynamic),
            ("self-attention: every step, content-dependent", attention),
        ],
        scale=theme.COUNT_SCALE,
        numbers=False,
        height=380,
    )


def lightweight_counts(spec: LightweightSpec) -> list[dict]:
    """Weights of each option, for this page's sizes and for the paper's d = 1024, k = 7, H = 16."""
    rows = []
    for label, d, k, h in (
        ("this page", spec.channels, spec.kernel_size, spec.num_heads),
        ("paper: d = 1024, k = 7, H = 16", 1024, 7, 16),
    ):
        rows.append(
            {
                "sizes": label,
                "standard conv d²·k": ce.conv_parameters(d, d, k, bias=False),
                "depthwise d·k": ce.conv_parameters(d, d, k, groups=d, bias=False),
                "lightweight H·k": ce.lightweight_parameters(d, k, h),
                "self-attention 4·d²": ce.attention_parameters(d),
            }
        )
    return rows


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def cost_chart(channels: int, kernel_size: int) -> dict:
    lengths = [2**i for i in range(3, 14)]
    return cost_figure(
        lengths,
        [ce.sequence_multiply_adds("conv", n, channels, kernel_size) for n in lengths],
        [ce.sequence_multiply_adds("attention", n, channels) for n in lengths],
    )


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def dynamic_kernels_figure(spec: LightweightSpec) -> dict:
    return step_kernels_figure(lightweight_example(spec)["dynamic_kernels"])


@st.cache_data(max_entries=4, show_spinner=False)
def article_chain() -> dict:
    """The article's two stacked Conv2DTranspose(F = 3, S = 2, VALID): 7 → 15 → 31."""
    ones = np.ones((1, 1, 3, 3))
    x = np.ones((1, 7, 7))
    first = ce.conv_transpose2d(x, ones, stride=2)
    second = ce.conv_transpose2d(first, ones, stride=2)
    return heatmaps_figure(
        [("input 7 × 7", x[0]), ("layer 1: 15 × 15", first[0]), ("layer 2: 31 × 31", second[0])],
        scale=theme.COUNT_SCALE,
        numbers=False,
        height=300,
    )


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def deconv_vs_dilated(spec: TransposedSpec) -> dict:
    """Zeros between input pixels (transposed) beside zeros inside the kernel (dilated)."""
    x, w = transposed_arrays(spec)
    stride = max(spec.stride, 2)
    return heatmaps_figure(
        [
            (f"transposed, s = {stride}: the input spread out", ce.zero_insert(x, stride)),
            (
                f"dilated, d = 2: the {spec.kernel_size}×{spec.kernel_size} kernel spread out",
                ce.zero_insert(w, 2),
            ),
        ],
        scale=theme.DIVERGING,
        height=330,
    )


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def layerwise_panels(layers: tuple[ce.Layer, ...], size: int, row: int, col: int) -> dict:
    """Which cells of each lower layer feed the chosen output cell, top layer first.

    Every panel shows the same window around the cell (the final receptive field plus a
    margin); the first panel's cells are clickable (``customdata`` = row · size + col).
    """
    rows_levels = ce.layer_supports(layers, size, row)
    cols_levels = ce.layer_supports(layers, size, col)
    final = ce.receptive_field(layers, size)[-1]
    half = (final.size - 1) // 2 + 2
    top, left = max(row - half, 0), max(col - half, 0)
    bottom, right = min(row + half, size - 1), min(col + half, size - 1)
    names = [f"output of layer {len(layers)}: pick a cell"] + [
        f"output of layer {depth}" if depth else "input" for depth in range(len(layers) - 1, -1, -1)
    ]
    panels = [
        (name, np.outer(r, c)[top : bottom + 1, left : right + 1])
        for name, r, c in zip(names, rows_levels, cols_levels, strict=True)
    ]
    ids = np.add.outer(np.arange(top, bottom + 1) * size, np.arange(left, right + 1))
    return heatmaps_figure(
        panels, scale=theme.COUNT_SCALE, numbers=False, height=300, click_ids=ids
    )


@st.cache_data(max_entries=ENTRIES, show_spinner=False)
def outputs_strip(outputs: int, position: int) -> dict | None:
    """The last layer's outputs as a clickable strip (the chosen one filled), up to 96 wide."""
    if outputs > 96:
        return None
    chosen = np.zeros((1, outputs))
    chosen[0, position] = 1
    return heatmaps_figure(
        [("outputs of the last layer: click one", chosen)],
        scale=theme.COUNT_SCALE,
        numbers=False,
        height=110,
        click_ids=np.arange(outputs)[None, :],
    )
