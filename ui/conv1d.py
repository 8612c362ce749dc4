"""The Conv1d page: a window over a sequence, and over frames × features (speech).

Its controls, cached computations and views.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

import conv_engine as ce
from conv_engine.presets import (
    KERNEL_PRESETS,
    SEQUENCE_PRESETS,
    kernel_1d_preset,
    sequence_preset,
    speech_features,
)
from i18n import N_, t
from viz import code
from viz.features import features_scene
from viz.scenes import sliding_scene
from viz.volume import layer_scene

from .cache import cached
from .channels import channel_controls, layer_arrays, layer_counts
from .choices import (
    FEATURE_FRAMES,
    FEATURE_OUT,
    FEATURES,
    KERNEL_LABELS,
    MAX_FEATURE_KERNEL,
    MAX_LENGTH_1D,
    MAX_PADDED_1D,
    MAX_STRIDE,
    fill_hint,
    input_and_kernel,
    kernel_bounds,
    padding_controls,
    padding_fill,
)
from .formulas import article, kernel_extent_latex, output_size_latex
from .live import offer
from .page import controls_and_figure
from .panels import built_or_explained, formula_panel, framework_panel
from .params import PageParams
from .scene import main_scene, show_scene
from .slide_titles import padding_words, sliding_title


@dataclass(frozen=True)
class Conv1dSpec:
    """The sequence view of the Conv1d page."""

    length: int
    kernel_size: int
    stride: int
    dilation: int
    padding_rule: str
    explicit: tuple[int, int]
    signal: str
    kernel_preset: str
    seed: int
    padding_mode: str = "zeros"  # what fills the padding (PyTorch's padding_mode)
    in_channels: int = 1
    out_channels: int = 1
    bias: bool = False

    @property
    def padding(self) -> str | tuple[int, int]:
        return self.explicit if self.padding_rule == "explicit" else self.padding_rule

    @property
    def is_layer(self) -> bool:
        """Channels or a bias: the page draws the layer's stacks, not one kernel on one row."""
        return self.in_channels > 1 or self.out_channels > 1 or self.bias


def conv1d_controls(params: PageParams) -> Conv1dSpec:
    """Length, padding, k, s, d (bounded so the window fits), then signal and kernel."""
    mode, (explicit,) = padding_controls(params, ("valid", "same", "full", "causal"), ("length",))
    fill = padding_fill(params, mode)
    length = params.integer("n", t("Sequence length"), 10, 3, MAX_LENGTH_1D)
    k_limit, _ = kernel_bounds(length, mode, sum(explicit), max_padded=MAX_PADDED_1D)
    kernel_size = params.integer("k", t("Kernel size k"), 3, 1, k_limit, shortcut="K")
    left, right = st.columns(2)
    stride = params.integer("s", t("Stride s"), 1, 1, MAX_STRIDE, container=left, shortcut="S")
    _, d_limit = kernel_bounds(length, mode, sum(explicit), kernel_size, max_padded=MAX_PADDED_1D)
    dilation = params.integer("d", t("Dilation d"), 1, 1, d_limit, container=right, shortcut="D")
    in_channels, out_channels, bias = channel_controls(params)
    with st.expander(t("Signal and kernel")):
        signal, kernel, seed = input_and_kernel(
            params,
            SEQUENCE_PRESETS,
            KERNEL_PRESETS,
            defaults=("ramp", "sobel", 0),
            input_label=N_("Signal"),
            kernel_labels={**KERNEL_LABELS, "sobel": N_("difference")},
        )
    return Conv1dSpec(
        length,
        kernel_size,
        stride,
        dilation,
        mode,
        explicit,
        signal,
        kernel,
        seed,
        fill,
        in_channels,
        out_channels,
        bias,
    )


@dataclass(frozen=True)
class FeatureSpec:
    """The frames × features view of the Conv1d page."""

    frames: int
    features: int
    kernel_size: int
    out_channels: int
    seed: int


def feature_controls(params: PageParams) -> FeatureSpec:
    """Frames T, features F, kernel size n (≤ T: a VALID window fits) and C_out."""
    columns = st.columns(4)
    frames = params.integer(
        "t", t("Frames T"), 16, FEATURE_FRAMES[0], FEATURE_FRAMES[-1], container=columns[0]
    )
    features = params.choice(
        "f",
        t("Features F"),
        tuple(str(f) for f in FEATURES),
        "13",  # rows a class can see; 80, the article's, draws each value as a dot
        container=columns[1],
        help=t(
            "80 log-mel features per frame is the usual speech front end; 40 filterbanks "
            "and 13 MFCCs are older ones."
        ),
    )
    kernel_size = params.integer(
        "kn", t("Kernel size n"), 5, 1, min(MAX_FEATURE_KERNEL, frames), container=columns[2]
    )
    out_channels = params.integer(
        "co", t("Output channels C_out"), 256, 1, FEATURE_OUT[-1], container=columns[3]
    )
    return FeatureSpec(frames, int(features), kernel_size, out_channels, 0)


# --- cached computations ---------------------------------------------------------------


def conv1d_arrays(spec: Conv1dSpec) -> tuple[np.ndarray, np.ndarray]:
    """The sequence and kernel a spec describes."""
    x = sequence_preset(spec.signal, spec.length, spec.seed)
    return x, kernel_1d_preset(spec.kernel_preset, spec.kernel_size, spec.seed)


@cached
def conv1d_trace(spec: Conv1dSpec) -> ce.ConvTrace:
    x, w = conv1d_arrays(spec)
    return ce.conv_trace(
        x, w, spec.stride, spec.padding, spec.dilation, ndim=1, padding_mode=spec.padding_mode
    )


@cached
def conv1d_code(spec: Conv1dSpec) -> code.Snippets:
    if spec.is_layer:
        return code.page_layer_code(conv1d_layer_arrays(spec), spec, conv1d_layer(spec))
    return code.sliding_code(*conv1d_arrays(spec), spec, conv1d_trace(spec))


@cached
def conv1d_layer_arrays(spec: Conv1dSpec) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """The sequence view's layer (:func:`ui.channels.layer_arrays`): channel ``c`` is the
    random signal drawn with seed ``seed + c``, or another signal shifted ``c·n/4`` steps
    later (wrapping around), so no two channels are the same row."""
    x, kernel = conv1d_arrays(spec)

    def channel(c: int) -> np.ndarray:
        if spec.signal == "random":
            return sequence_preset(spec.signal, spec.length, spec.seed + c)
        return np.roll(x, c * max(1, spec.length // 4))

    return layer_arrays(
        x,
        channel,
        kernel,
        spec.in_channels,
        spec.out_channels,
        spec.bias,
    )


@cached
def conv1d_layer(spec: Conv1dSpec) -> ce.LayerTrace:
    """The sequence view's layer, step by step."""
    x, weight, bias = conv1d_layer_arrays(spec)
    return ce.layer_trace(
        x, weight, bias, spec.stride, spec.padding, spec.dilation, 1, spec.padding_mode
    )


@cached
def conv1d_scene(spec: Conv1dSpec) -> dict:
    if spec.is_layer:
        return layer_scene(conv1d_layer(spec))
    return sliding_scene(
        conv1d_trace(spec), titles=(t("Input sequence (padded)"), t("Kernel"), t("Output"))
    )


@cached
def feature_example(spec: FeatureSpec) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Spectrogram ``(F, T)``, weights ``(C_out, F, n)`` and output ``(C_out, T')``."""
    x = speech_features(spec.frames, spec.features, spec.seed)
    rng = np.random.default_rng(spec.seed)
    weight = rng.integers(-1, 2, size=(spec.out_channels, spec.features, spec.kernel_size))
    return x, weight.astype(float), ce.conv1d(x, weight.astype(float))


@cached
def feature_scene(spec: FeatureSpec) -> dict:
    x, weight, out = feature_example(spec)
    return features_scene(x, weight[0], out)


# --- views -----------------------------------------------------------------------------


def sequence_section(params: PageParams) -> None:
    """The window sliding over a 1-D signal, its sizes, and the formulas after it."""
    controls, figure = controls_and_figure(params)
    with controls:
        spec = conv1d_controls(params)
    build = (lambda: conv1d_layer(spec)) if spec.is_layer else (lambda: conv1d_trace(spec))
    trace = built_or_explained(
        build, figure, t("Reduce k or d, or add padding.") + fill_hint(spec.padding_mode)
    )
    if trace is None:
        return
    offer(params, "conv1d", trace)  # a layer's questions are about its volumes
    operator = "Conv1d"
    if spec.is_layer:  # Conv1d 3→2 (+ b)
        operator = f"Conv1d {spec.in_channels}→{spec.out_channels}" + (" + b" if spec.bias else "")
    with figure:
        main_scene(
            params,
            conv1d_scene(spec),
            sliding_title(
                operator,
                (spec.length,),
                spec.kernel_size,
                spec.stride,
                spec.dilation,
                padding_words(spec.padding_rule, spec.explicit, spec.padding_mode),
            ),
        )
    with controls:
        (before, after), (out,) = trace.geometry.padding[0], trace.geometry.output_size
        st.markdown(
            t(
                "**L = {length} → L_out = {out}** · padded {padded} (left {before}, right "
                "{after}) · k_eff {extent}",
                length=spec.length,
                out=out,
                padded=trace.geometry.padded_size[0],
                before=before,
                after=after,
                extent=trace.geometry.kernel_extent[0],
            )
        )
        if spec.is_layer:
            st.markdown(layer_counts(trace))
    with st.expander(t("**The numbers, substituted**"), expanded=not params.present):
        formula_panel(
            [
                kernel_extent_latex(spec.kernel_size, spec.dilation),
                output_size_latex(trace.geometry, 0, "L_{out}"),
            ]
        )
    if not params.present:
        framework_panel(params, lambda: conv1d_code(spec))


def features_section(params: PageParams) -> None:
    """Frames × features: the n × F window, the output size and the parameter count."""
    features = feature_controls(params)
    *_, out = feature_example(features)
    count = ce.conv_parameters(features.features, features.out_channels, features.kernel_size)
    n, f, c_out = features.kernel_size, features.features, features.out_channels
    st.markdown(
        t(
            "A `Conv1d(in_channels={f}, out_channels={c_out}, kernel_size={n})` treats "
            "the features as channels: each output value reads {article} **{n} × {f}** "
            "window, and {c_out} kernels give **{rows} × {frames}** (C_out × T′) with "
            "**{count:,}** parameters (C_out·F·n + C_out = {c_out}·{f}·{n} + {c_out}).",
            f=f,
            c_out=c_out,
            n=n,
            article=article(n),
            rows=out.shape[0],
            frames=out.shape[1],
            count=count,
        )
    )
    show_scene(feature_scene(features), params.key("features_chart"), present=params.present)
