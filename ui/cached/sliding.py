"""Cached computations of the sliding-window pages (Standard, Conv1d, the dilated animation)."""

from __future__ import annotations

import numpy as np

import conv_engine as ce
from conv_engine.presets import (
    input_preset,
    kernel_1d_preset,
    kernel_preset,
    sequence_preset,
    speech_features,
)
from viz.features import feature_figure
from viz.grid_view import grid_view_1d, grid_view_2d
from viz.sliding import sliding_window_figure

from ..controls import (
    Conv1dSpec,
    Conv2dSpec,
    FeatureSpec,
    parse_kernel,
)
from ._common import cached, sample_image


@cached
def conv2d_arrays(spec: Conv2dSpec) -> tuple[np.ndarray, np.ndarray]:
    """The input grid and kernel a Standard-page spec describes."""
    image = sample_image() if spec.input_preset == "image" else None
    x = input_preset(spec.input_preset, (spec.height, spec.width), spec.seed, image)
    if spec.kernel_preset == "custom":
        values = parse_kernel(spec.custom_kernel, spec.kernel_size)
        return x, np.array(values).reshape(spec.kernel_size, spec.kernel_size)
    return x, kernel_preset(spec.kernel_preset, spec.kernel_size, spec.seed)


@cached
def conv2d_trace(spec: Conv2dSpec) -> ce.ConvTrace:
    x, w = conv2d_arrays(spec)
    return ce.conv_trace(x, w, spec.stride, spec.padding, spec.dilation)


@cached
def conv2d_figure(spec: Conv2dSpec, pinned_step: int) -> dict:
    return sliding_window_figure(grid_view_2d(conv2d_trace(spec)), pinned_step)


@cached
def conv1d_trace(spec: Conv1dSpec) -> ce.ConvTrace:
    x = sequence_preset(spec.signal, spec.length, spec.seed)
    w = kernel_1d_preset(spec.kernel_preset, spec.kernel_size, spec.seed)
    return ce.conv_trace(x, w, spec.stride, spec.padding, spec.dilation, ndim=1)


@cached
def conv1d_figure(spec: Conv1dSpec, pinned_step: int) -> dict:
    return sliding_window_figure(
        grid_view_1d(conv1d_trace(spec), ("x",)),
        pinned_step,
        titles=("Input sequence (padded)", "Kernel", "Output"),
    )


@cached
def feature_example(spec: FeatureSpec) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Spectrogram ``(F, T)``, weights ``(C_out, F, n)`` and output ``(C_out, T')``."""
    x = speech_features(spec.frames, spec.features, spec.seed)
    rng = np.random.default_rng(spec.seed)
    weight = rng.integers(-1, 2, size=(spec.out_channels, spec.features, spec.kernel_size))
    return x, weight.astype(float), ce.conv1d(x, weight.astype(float))


@cached
def features_figure(spec: FeatureSpec) -> dict:
    x, weight, out = feature_example(spec)
    return feature_figure(x, weight[0], out)
