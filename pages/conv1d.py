"""Conv1d: a window over a sequence, and over frames × features (a speech spectrogram)."""

from functools import partial

import streamlit as st

import conv_engine as ce
from conv_engine.reference import conv1d_reference
from ui import cached
from ui.animation import sliding_animation
from ui.controls import FeatureSpec, conv1d_controls, feature_controls
from ui.formulas import article, kernel_extent_latex, output_size_latex
from ui.panels import code_panel, config_error, formula_panel, plot
from ui.sections import controls_last, section
from ui.shell import finish_page, start_page

params = start_page(
    "conv1d",
    "〰️ Conv1d",
    "A 1-D convolution slides a window along **one axis** — time in audio, position in text. "
    "Padding, stride and dilation work exactly as in 2-D, on one axis.",
)


@section(params)
def sequence_section() -> None:
    """The window sliding over a 1-D signal, with its formulas."""
    with controls_last(params, conv1d_controls) as spec:
        try:
            trace = cached.conv1d_trace(spec)
        except ValueError as error:
            config_error(error, "Reduce k or d, or add padding.")
            return
        sliding_animation("conv1d", trace, partial(cached.conv1d_figure, spec))
        formula_panel(
            [
                kernel_extent_latex(spec.kernel_size, spec.dilation),
                output_size_latex(trace.geometry, 0, "L_{out}"),
            ]
        )


@section(params)
def features_section() -> None:
    """Frames × features: the n × F window, output size and parameter count."""
    with controls_last(params, feature_controls) as features:
        # the figure goes to the browser first: the explanation above it follows
        explanation = st.container()
        plot(cached.features_figure(features), params.key("features_chart"))
        with explanation:
            feature_window_explained(features)


def feature_window_explained(features: FeatureSpec) -> None:
    """Why the window is n × F, with the output size and the parameter count."""
    *_, out = cached.feature_example(features)
    count = ce.conv_parameters(features.features, features.out_channels, features.kernel_size)
    st.markdown(
        f"Speech enters a network as **T frames × F features** (here F = {features.features}, as "
        f"log-mel energies every 10 ms). A `Conv1d(in_channels={features.features}, "
        f"out_channels={features.out_channels}, kernel_size={features.kernel_size})` treats the "
        f"features as channels: each output value reads {article(features.kernel_size)} "
        f"**{features.kernel_size} × {features.features}** window, and "
        f"{features.out_channels} kernels give "
        f"**{out.shape[0]} × {out.shape[1]}** (C_out × T′)."
    )
    columns = st.columns(3)
    columns[0].metric("Window", f"{features.kernel_size} × {features.features}")
    columns[1].metric("Output", f"{out.shape[0]} × {out.shape[1]}")
    columns[2].metric(
        "Parameters",
        f"{count:,}",
        help=f"C_out·F·n + C_out = {features.out_channels}·{features.features}·"
        f"{features.kernel_size} + {features.out_channels}",
    )


st.subheader("A window sliding over a sequence")
sequence_section()
st.subheader("Frames × features: the kernel is really n × F")
features_section()
st.info(
    "**Layouts differ.** PyTorch's `nn.Conv1d` takes `(N, C, L)` — channels first — so a "
    "spectrogram batch is `(N, 80, T)`. Keras' `Conv1D` takes `(N, L, C)` — `(N, T, 80)` — "
    "and its kernel has shape `(n, 80, C_out)` instead of PyTorch's `(C_out, 80, n)`. Same "
    "numbers, different axis order.",
    icon="🧭",
)
code_panel([conv1d_reference])
finish_page(params, keep=("step",))
