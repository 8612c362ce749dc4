"""Dilated convolution: gaps in the kernel, exponential receptive fields, gridding."""

from functools import partial

import streamlit as st

import conv_engine as ce
from conv_engine import ConvTrace
from ui import cached
from ui.animation import sliding_animation
from ui.controls import Conv2dSpec, chosen_output, conv2d_controls, schedule_controls
from ui.formulas import dilated_kernel_html, kernel_extent_latex, output_size_latex
from ui.layers import SCHEDULES
from ui.panels import config_error, formula_panel, gridding_verdict, link_page, plot
from ui.sections import controls_last, section
from ui.shell import finish_page, start_page

params = start_page(
    "dilated",
    "🕳️ Dilated (atrous) convolution",
    "A dilated convolution puts **d − 1 gaps** between the kernel's taps: the same k × k "
    "weights cover a wider patch, so the receptive field grows **without pooling and without "
    "losing resolution**. Atrous = *à trous*, with holes.",
)


@section(params)
def dilation_section() -> None:
    """One dilated layer: formulas, the dense kernel and the sliding animation."""
    with controls_last(params, partial(conv2d_controls, size=9, dilation=2)) as spec:
        try:
            trace = cached.conv2d_trace(spec)
        except ValueError as error:
            config_error(error, "Reduce k or d, or choose SAME/FULL padding.")
            return
        # the figure goes to the browser first: the formulas and the kernel above it follow
        explanation = st.container()
        sliding_animation("dilated", trace, partial(cached.conv2d_figure, spec))
        with explanation:
            dilated_kernel_explained(spec, trace)


def dilated_kernel_explained(spec: Conv2dSpec, trace: ConvTrace) -> None:
    """k_eff and the output size substituted, and the dense kernel with its zeros."""
    k, extent = spec.kernel_size, trace.geometry.kernel_extent[0]
    formula_panel(
        [
            kernel_extent_latex(spec.kernel_size, spec.dilation),
            output_size_latex(trace.geometry, 1, "o"),
        ]
    )
    dense = dilated_kernel_html(trace.weight[0], spec.dilation)
    gaps = "; grey: the zeros dilation inserts" if spec.dilation > 1 else ""
    st.markdown(
        f"**The dilated kernel:** a {extent}×{extent} extent with only {k * k} weights (the "
        f"taps, coloured as in the animation below{gaps})" + (f":\n\n{dense}" if dense else "."),
        unsafe_allow_html=True,  # our own table of formatted numbers
    )


@section(params)
def stacking_section() -> None:
    """A stack of dilated layers: supports, layer by layer, growth and gridding."""
    schedule = schedule_controls(params, SCHEDULES)
    layers = schedule.layers
    st.markdown(
        "Receptive field of the centre output after each layer (3×3 → 7×7 → 15×15 for "
        "d = 1, 2, 4, the article's figure (a)(b)(c)); dashed: the closed-form span."
    )
    plot(cached.support_panels(layers, schedule.size), params.key("support_chart"))
    row, col = chosen_output(params, schedule.size)
    st.markdown(
        f"**Layer by layer:** the cells of each lower layer that feed output ({row}, {col}) "
        "of the last layer — click another cell in the first panel."
    )
    plot(
        cached.layerwise_panels(layers, schedule.size, row, col),
        params.key("layers_chart"),
        selectable=True,
    )
    plot(cached.growth_chart(schedule), params.key("growth_chart"))

    st.header("Gridding: the holes dilation leaves")
    figure, holes = cached.gridding_figure(layers, schedule.size)
    gridding_verdict(ce.hdc_check(schedule.rates, schedule.kernel_size), holes)
    plot(figure, params.key("gridding_chart"))


dilation_section()
st.header("Stacking dilated layers")
stacking_section()
st.markdown(
    "**Where dilation is used.** *Segmentation*: an FCN pools to see more context and then "
    "upsamples, losing detail on the way; dilation sees as much context **without pooling**, "
    "at full resolution (DeepLab). *WaveNet*: dilated **causal** convs over audio samples, "
    "d = 1, 2, …, 512. *ByteNet*: the same idea for text, in translation. (A stride > 1 also "
    "grows the receptive field, but it downsamples.)"
)
link_page("causal", "See dilated causal convolutions (WaveNet)", {"k": "2"})
link_page("receptive-field", "Build any stack in the receptive-field lab", {})
finish_page(params, keep=("step",))
