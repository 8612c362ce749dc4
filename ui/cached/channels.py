"""Cached computations of the separable and lightweight pages."""

from __future__ import annotations

import numpy as np

import conv_engine as ce
from conv_engine.presets import (
    kernel_preset,
)
from viz import theme
from viz.channels import separable_figure
from viz.grid_view import grid_view_1d
from viz.heatmaps import heatmaps_figure
from viz.lightweight import cost_figure, step_kernels_figure
from viz.sliding import sliding_window_figure

from ..controls import (
    LightweightSpec,
    SeparableSpec,
)
from ._common import cached, sample_image


@cached
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


@cached
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


@cached
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


@cached
def lightweight_example(spec: LightweightSpec) -> dict:
    """Input (d, T), raw head weights, their softmax (optionally DropConnected), and outputs."""
    rng = np.random.default_rng(spec.seed)
    x = rng.integers(0, 10, size=(spec.channels, spec.length)).astype(float)
    raw = rng.normal(size=(spec.num_heads, spec.kernel_size)).round(1)
    normalised = ce.softmax(raw)
    if spec.drop_rate:
        normalised = ce.drop_connect(normalised, spec.drop_rate, np.random.default_rng(spec.seed))
    output = ce.conv1d(
        x,
        ce.head_shared_kernel(normalised, spec.channels, weight_softmax=False),
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


@cached
def lightweight_trace(spec: LightweightSpec, channel: int) -> ce.ConvTrace:
    example = lightweight_example(spec)
    head = ce.head_of_channel(spec.channels, spec.num_heads)[channel]
    return ce.conv_trace(
        example["x"][channel],
        example["normalised"][head],
        padding=ce.sequence_padding(spec.kernel_size, spec.padding),
        ndim=1,
    )


@cached
def lightweight_figure(spec: LightweightSpec, channel: int, pinned_step: int) -> dict:
    return sliding_window_figure(
        grid_view_1d(lightweight_trace(spec, channel), (f"x{channel}",)),
        pinned_step,
        titles=(f"Channel {channel} over time", "Kernel (its head)", "Output"),
    )


@cached
def lightweight_matrices(spec: LightweightSpec) -> dict:
    example = lightweight_example(spec)
    left, _ = ce.sequence_padding(spec.kernel_size, spec.padding)
    # the kernel as applied: softmaxed, then DropConnected like the animation's
    band = ce.lightweight_matrix(
        example["normalised"], spec.channels, spec.length, 0, spec.padding, weight_softmax=False
    )
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
                "dynamic H·k·d": ce.dynamic_parameters(d, k, h),
                "self-attention 4·d²": ce.attention_parameters(d),
            }
        )
    return rows


@cached
def cost_chart(channels: int, kernel_size: int, num_heads: int) -> dict:
    """Multiply-adds against length: the conv, the dynamic conv with its kernel prediction,
    and attention."""
    lengths = [2**i for i in range(3, 14)]
    args = (channels, kernel_size, num_heads)
    return cost_figure(
        lengths,
        {
            "lightweight conv: n·d·k": [
                ce.sequence_multiply_adds("conv", n, *args) for n in lengths
            ],
            "dynamic conv: n·d·k + n·d·H·k (kernel prediction)": [
                ce.sequence_multiply_adds("dynamic", n, *args) for n in lengths
            ],
            "self-attention: 2·n²·d": [
                ce.sequence_multiply_adds("attention", n, channels) for n in lengths
            ],
        },
    )


@cached
def dynamic_kernels_figure(spec: LightweightSpec) -> dict:
    return step_kernels_figure(lightweight_example(spec)["dynamic_kernels"])
