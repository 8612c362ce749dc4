"""Lightweight and dynamic convolution: softmax-normalised kernels shared by heads."""

from functools import partial

import streamlit as st

from conv_engine.lightweight import lightweight_conv1d
from ui import cached
from ui.animation import sliding_animation
from ui.controls import lightweight_controls
from ui.formulas import lightweight_weights_latex
from ui.panels import code_panel, lazy_tabs, link_page, plot
from ui.sections import controls_last, section
from ui.shell import finish_page, start_page

params = start_page(
    "lightweight",
    "🪶 Lightweight & dynamic convolution",
    "*Pay Less Attention* (Wu et al., 2019) replaces self-attention with a **depthwise** conv "
    "over time whose kernel is **softmax-normalised** over its width k and **shared by "
    "heads**: channel c uses head c // (d/H). A **dynamic** conv goes further and predicts "
    "the kernel from the current time step.",
)


@section(params)
def lightweight_section() -> None:
    """Kernels, heads, the animation, counts, matrices and dynamic kernels."""
    with controls_last(params, lightweight_controls) as spec:
        example = cached.lightweight_example(spec)
        weights = lightweight_weights_latex(
            example["raw"], example["normalised"], spec.channels, bool(spec.drop_rate)
        )
        st.markdown(f"Each head's kernel, then which head each channel uses:\n\n$$\n{weights}\n$$")
        channel = params.integer("ch", "Channel to animate", 0, 0, spec.channels - 1)
        trace = cached.lightweight_trace(spec, channel)
        sliding_animation("lightweight", trace, partial(cached.lightweight_figure, spec, channel))

    parameters, matrices, dynamic = lazy_tabs(
        params,
        ["🧮 Parameters", "▦ Convolution vs attention", "⚡ Dynamic kernels"],
    )
    if parameters.open:
        with parameters:
            st.markdown(
                "**Each head's k weights are shared by the d/H channels of its block**: H·k "
                "weights in all, however wide d is, where a depthwise conv needs d·k. A dynamic "
                "conv instead learns a d → H·k projection that predicts the kernel per step."
            )
            st.dataframe(cached.lightweight_counts(spec), hide_index=True, width="stretch")
    if matrices.open:
        with matrices:
            st.markdown(
                "**A convolution replaces attention.** Row t of each time × time matrix shows "
                "how much output t takes from each input step. A (lightweight) convolution is "
                "a **band** with the same weights on every row; a dynamic conv changes the "
                "band per row; attention spreads over **every** step."
            )
            plot(cached.lightweight_matrices(spec), params.key("matrix_chart"))
            plot(
                cached.cost_chart(spec.channels, spec.kernel_size, spec.num_heads),
                params.key("cost_chart"),
            )
            link_page("causal", "Causal masks on the causal page", {"leak": "0"})
    if dynamic.open:
        with dynamic:
            st.markdown("**Dynamic convolution: one kernel per time step**, predicted from it.")
            plot(cached.dynamic_kernels_figure(spec), params.key("dynamic_chart"))


lightweight_section()
st.info(
    "**What the article reports, honestly.** The official fairseq code ships CUDA kernels "
    "for lightweight/dynamic convolution that are hard to build, and the plain PyTorch "
    "version is not much faster than attention. This engine's NumPy version (one thread, "
    "d = 512, k = 7, H = 16; `benchmarks/engine.py` on a 2-core machine) took 1.2 ms vs 2.5 ms "
    "for one attention head at n = 256, 4.8 vs 39 ms at n = 1024 and 25 vs 651 ms at "
    "n = 4096: little gain on short sequences, a large one on long ones, because attention's "
    "cost grows with n².",
    icon="⚖️",
)
code_panel([lightweight_conv1d])
finish_page(params, keep=("step",))
