"""Cached computations of the transposed-convolution page."""

from __future__ import annotations

import numpy as np

import conv_engine as ce
from conv_engine.presets import (
    image_patch,
    input_preset,
    kernel_preset,
)
from viz import theme
from viz.grid_view import grid_view_2d
from viz.heatmaps import heatmaps_figure
from viz.sliding import sliding_window_figure
from viz.transposed import matrix_figure, scatter_figure

from ..controls import (
    TransposedSpec,
)
from ._common import cached, sample_image


@cached
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


@cached
def transposed_traces(spec: TransposedSpec) -> tuple[ce.ConvTrace, ce.ScatterTrace]:
    x, w = transposed_arrays(spec)
    args = _transpose_args(spec)
    return ce.transposed_trace(x, w, **args), ce.scatter_trace(x, w, **args)


@cached
def transposed_figures(spec: TransposedSpec, pinned_step: int) -> tuple[dict, dict, dict]:
    """Zero-insertion animation, scatter animation and matrix view, all on one output cell."""
    zero_insertion, scatter = transposed_traces(spec)
    pinned = zero_insertion.output_position(pinned_step)
    x, w = transposed_arrays(spec)
    # Cᵀ is the transposed conv itself; C, the conv it transposes, maps output-sized arrays
    # back to input-sized ones (cells no stamp reaches are zero rows of Cᵀ)
    transposed = ce.conv_transpose_matrix(x.shape, w, **_transpose_args(spec))
    return (
        sliding_window_figure(
            grid_view_2d(zero_insertion),
            pinned_step,
            titles=("Input: s − 1 zeros inserted, padded", "Kernel, flipped", "Output"),
        ),
        scatter_figure(scatter, pinned),
        matrix_figure(transposed.T, pinned_row=pinned_step),
    )


@cached
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


@cached
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
    """For each legal output_padding: the output size, what a conv maps it back to, Keras."""
    k, s, p, d, n = spec.kernel_size, spec.stride, spec.padding, spec.dilation, spec.size
    rows: dict[str, list] = {
        "output_padding": [],
        "PyTorch output size": [],
        f"a conv (k = {k}, s = {s}, p = {p}) maps it back to": [],
        "Keras, same settings": [],
    }
    for extra in range(ce.max_output_padding(s, d) + 1):
        size = ce.conv_transpose_output_size(n, k, s, p, extra, d)
        back = ce.conv_output_size(size, k, s, p, d)
        try:
            mode = ce.keras_transpose_padding(k, s, p, extra, d)
            keras = ce.keras_conv_transpose_output_size(n, k, s, mode, extra, d)
            keras_text = f"{keras} (padding='{mode}')"
        except ce.ConvConfigError as error:
            keras_text = f"✗ {error}"
        rows["output_padding"].append(extra)
        rows["PyTorch output size"].append(size)
        rows[f"a conv (k = {k}, s = {s}, p = {p}) maps it back to"].append(
            f"{back} ✓" if back == n else f"{back} (not {n})"
        )
        rows["Keras, same settings"].append(keras_text)
    return rows


@cached
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


@cached
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
