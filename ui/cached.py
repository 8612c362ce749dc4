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
from viz.features import feature_figure
from viz.grid_view import grid_view_1d, grid_view_2d
from viz.sliding import sliding_window_figure
from viz.transposed import heatmaps_figure, matrix_figure, scatter_figure

from .controls import Conv1dSpec, Conv2dSpec, FeatureSpec, TransposedSpec, parse_kernel

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
