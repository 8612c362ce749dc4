"""The Lightweight & dynamic convolution page: softmax-normalised kernels shared by heads.

Its controls, cached computations and views.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

import conv_engine as ce
from i18n import t
from viz import code, theme
from viz.heatmaps import heatmaps_figure
from viz.lightweight import cost_figure, step_kernels_scene
from viz.scenes import sliding_scene

from .cache import cached
from .choices import LIGHTWEIGHT_CHANNELS, LIGHTWEIGHT_KERNELS, divisors
from .formulas import matrix_latex
from .page import controls_and_figure
from .panels import framework_panel, lazy_tabs, link_page, plot
from .params import PageParams
from .scene import main_scene, show_scene
from .slide_titles import lightweight_title

# --- controls --------------------------------------------------------------------------


@dataclass(frozen=True)
class LightweightSpec:
    length: int
    channels: int
    num_heads: int
    kernel_size: int
    causal: bool
    drop_rate: float
    seed: int

    @property
    def padding(self) -> str:
        return "causal" if self.causal else "same"


def lightweight_controls(params: PageParams) -> tuple[LightweightSpec, int]:
    """Sizes, heads, kernel width, causal, DropConnect, seed; and the channel to animate."""
    left, right = st.columns(2)
    channels = int(
        params.choice(
            "c",
            t("Channels d"),
            tuple(str(c) for c in LIGHTWEIGHT_CHANNELS),
            "8",
            container=left,
        )
    )
    heads = params.choice(
        "h",
        t("Heads H"),
        [str(h) for h in divisors(channels)],
        "2",
        container=right,
        help=t("Each head's kernel is shared by a contiguous block of d/H channels."),
    )
    length = params.integer("n", t("Sequence length"), 12, 4, 24)
    kernel_size = params.integer(
        "k", t("Kernel width k"), 3, 1, LIGHTWEIGHT_KERNELS[-1], shortcut="K"
    )
    channel = params.integer("ch", t("Channel to animate"), 0, 0, channels - 1, shortcut="X")
    left, right = st.columns(2)
    causal = params.toggle("causal", t("Causal"), False, container=left)
    drop = params.integer(
        "drop",
        t("DropConnect %"),
        0,
        0,
        50,
        container=right,
        help=t("Training-time dropout on the normalised weights (seeded)."),
    )
    seed = params.integer(
        "seed",
        t("Seed"),
        0,
        0,
        99,
        help=t("Seeds the example weights and the DropConnect mask (an explicit generator)."),
    )
    spec = LightweightSpec(length, channels, int(heads), kernel_size, causal, drop / 100, seed)
    return spec, channel


# --- cached computations ---------------------------------------------------------------


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
def lightweight_code(spec: LightweightSpec) -> code.Snippets:
    example = lightweight_example(spec)
    pads = ce.sequence_padding(spec.kernel_size, spec.padding)
    return code.lightweight_code(
        example["x"], example["normalised"], pads, bool(spec.drop_rate), example["output"]
    )


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
def lightweight_scene(spec: LightweightSpec, channel: int) -> dict:
    head = ce.head_of_channel(spec.channels, spec.num_heads)[channel]
    return sliding_scene(
        lightweight_trace(spec, channel),
        titles=(
            t("Channel {channel} over time", channel=channel),
            t("Kernel of head {head}", head=head),
            t("Output"),
        ),
        channel_labels=(f"x{channel}",),
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
            (t("lightweight (channel 0): one band"), band),
            (t("dynamic (head 0): a band per row"), dynamic),
            (t("self-attention: every step"), attention),
        ],
        scale=theme.COUNT_SCALE,
        numbers=False,
        height=380,
        colour_key=t("weight"),
    )


def lightweight_counts(spec: LightweightSpec) -> list[dict]:
    """Weights of each option (a row each), for this page's sizes and for the paper's
    d = 1024, k = 7, H = 16 (a column each: narrow enough for a phone)."""

    def counts(d: int, k: int, h: int) -> dict[str, int]:
        return {
            t("standard conv d²·k"): ce.conv_parameters(d, d, k, bias=False),
            t("depthwise d·k"): ce.conv_parameters(d, d, k, groups=d, bias=False),
            t("lightweight H·k"): ce.lightweight_parameters(d, k, h),
            t("dynamic H·k·d"): ce.dynamic_parameters(d, k, h),
            t("self-attention 4·d²"): ce.attention_parameters(d),
        }

    here = counts(spec.channels, spec.kernel_size, spec.num_heads)
    paper = counts(1024, 7, 16)
    return [
        {t("weights of"): name, t("this page"): here[name], t("paper"): paper[name]}
        for name in here
    ]


@cached
def cost_chart(channels: int, kernel_size: int, num_heads: int) -> dict:
    """Multiply-adds against length: the conv, the dynamic conv with its kernel prediction,
    and attention."""
    lengths = [2**i for i in range(3, 14)]
    args = (channels, kernel_size, num_heads)
    return cost_figure(
        lengths,
        {
            t("lightweight conv: n·d·k"): [
                ce.sequence_multiply_adds("conv", n, *args) for n in lengths
            ],
            t("dynamic conv: n·d·k + n·d·H·k (kernel prediction)"): [
                ce.sequence_multiply_adds("dynamic", n, *args) for n in lengths
            ],
            t("self-attention: 2·n²·d"): [
                ce.sequence_multiply_adds("attention", n, channels) for n in lengths
            ],
        },
    )


@cached
def dynamic_scene(spec: LightweightSpec) -> dict:
    return step_kernels_scene(lightweight_example(spec)["dynamic_kernels"])


def lightweight_weights_latex(
    raw: np.ndarray, normalised: np.ndarray, channels: int, dropped: bool
) -> tuple[str, str]:
    """Raw head weights → softmax over k (→ DropConnect); and the head of every channel."""
    heads = raw.shape[0]
    step = r"\text{softmax over } k" + (r"\text{, DropConnect}" if dropped else "")
    owner = ce.head_of_channel(channels, heads)
    weights = (
        rf"\underbrace{{{matrix_latex(raw)}}}_{{\text{{raw}},\ H \times k\ =\ {heads} \times "
        rf"{raw.shape[1]}}} \xrightarrow{{{step}}} {matrix_latex(normalised)}"
    )
    owners = (
        rf"\text{{head of channel }} c = \lfloor c / (d/H) \rfloor:\quad "
        rf"{matrix_latex(owner)}_{{c\, =\, 0 \ldots {channels - 1}}}"
    )
    return weights, owners


# --- views -----------------------------------------------------------------------------


def lightweight_section(params: PageParams) -> None:
    """The animation of one channel beside the controls; kernels, counts and matrices after."""
    controls, figure = controls_and_figure(params)
    with controls:
        spec, channel = lightweight_controls(params)
    with figure:
        main_scene(
            params,
            lightweight_scene(spec, channel),
            lightweight_title(
                spec.length, spec.channels, spec.num_heads, spec.kernel_size, spec.causal
            ),
        )
    example = lightweight_example(spec)
    weights, owners = lightweight_weights_latex(
        example["raw"], example["normalised"], spec.channels, bool(spec.drop_rate)
    )
    # inline maths: it wraps after the arrow on a narrow screen, where a block would scroll
    st.markdown(
        t("**Each head's kernel, then which head each channel uses:**") + "\n\n"
        rf"$\displaystyle {weights}$"
        "\n\n"
        rf"$\displaystyle {owners}$"
    )
    parameters, matrices, dynamic = lazy_tabs(
        params,
        {
            "parameters": t("🧮 Weights"),
            "attention": t("▦ vs attention"),
            "dynamic": t("⚡ Dynamic"),
        },
    )
    if parameters.open:
        with parameters:
            st.markdown(
                t(
                    "**Each head's k weights are shared by the d/H channels of its block**: H·k "
                    "weights in all, however wide d is, where a depthwise conv needs d·k. A "
                    "dynamic conv instead learns a d → H·k projection that predicts the kernel "
                    "per step."
                )
            )
            st.table(lightweight_counts(spec))  # static HTML: it redraws quickly
    if matrices.open:
        with matrices:
            st.markdown(
                t(
                    "**A convolution replaces attention.** Row t of each time × time matrix "
                    "shows how much output t takes from each input step. A (lightweight) "
                    "convolution is a **band** with the same weights on every row; a dynamic "
                    "conv changes the band per row; attention spreads over **every** step."
                )
            )
            plot(
                lightweight_matrices(spec),
                params.key("matrix_chart"),
                t(
                    "{length} × {length} matrices of how much each output step takes from "
                    "each input step: a band for the lightweight convolution, a band that "
                    "changes per row for the dynamic one, every step for attention.",
                    length=spec.length,
                ),
            )
            plot(
                cost_chart(spec.channels, spec.kernel_size, spec.num_heads),
                params.key("cost_chart"),
                t(
                    "multiply-adds against the sequence length on a logarithmic scale: the "
                    "convolutions grow in step with it, attention with its square."
                ),
            )
            link_page("causal", t("Causal masks on the causal page"), {"leak": "0"})
    if dynamic.open:
        with dynamic:
            st.markdown(t("**Dynamic convolution: one kernel per time step**, predicted from it."))
            show_scene(dynamic_scene(spec), params.key("dynamic_chart"), present=params.present)
    if not params.present:
        framework_panel(params, lambda: lightweight_code(spec))
