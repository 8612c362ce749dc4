"""Transposed convolution: upsampling three ways, output_padding, checkerboards."""

import streamlit as st

from conv_engine.reference import conv_transpose2d_reference
from ui import cached
from ui.animation import pinned_step, step_inspector
from ui.controls import transposed_controls
from ui.formulas import keras_transposed, transposed_size_latex
from ui.panels import code_panel, formula_panel, plot
from ui.sections import controls_last, section
from ui.shell import finish_page, start_page
from ui.transposed_views import show_views

params = start_page(
    "transposed",
    "🔼 Transposed convolution",
    "A transposed convolution runs a convolution's **shape mapping backwards**: a small input "
    "becomes a large output. It is what Keras calls `Conv2DTranspose` (default padding VALID) "
    "and PyTorch `ConvTranspose2d`. Below, the same operation three ways.",
)


@section(params)
def transposed_section() -> None:
    """Controls, the size formula and the views of one pinned output cell."""
    with controls_last(params, transposed_controls) as spec:
        zero_insertion, _ = cached.transposed_traces(spec)
        size = zero_insertion.output.shape[0]
        # the figures go to the browser first: the formula and inspector above them follow
        formula_area, inspector_area = st.container(), st.container()
        step = pinned_step(params, zero_insertion)
        show_views(params, spec, step)
        with formula_area:
            settings = (
                spec.size,
                spec.kernel_size,
                spec.stride,
                spec.padding,
                spec.output_padding,
                spec.dilation,
                size,
            )
            keras = keras_transposed(*settings)
            formula_panel(
                [transposed_size_latex(*settings), *([keras.latex] if keras.latex else [])]
            )
            for note in keras.notes:
                st.caption(note)
        with inspector_area:
            step_inspector(params, zero_insertion, step)


transposed_section()
with st.expander("The article's chain: 7 → 15 → 31 with two stacked layers (F = 3, S = 2)"):
    st.markdown(
        "The article notes that when 2·padding equals output_padding the two terms "
        "cancel, leaving (W − 1)·S + F; with the default VALID padding both are 0."
    )
    plot(cached.article_chain(), params.key("chain_chart"))
code_panel([conv_transpose2d_reference])
finish_page(params, keep=("step",))
