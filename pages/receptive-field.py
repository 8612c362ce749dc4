"""Receptive-field lab: any stack of layers, its per-layer numbers, what one output sees."""

import streamlit as st

import conv_engine as ce
from conv_engine.receptive import receptive_field
from ui import cached
from ui.controls import StackSpec, output_position, stack_controls
from ui.layers import PRESETS
from ui.panels import code_panel, formula_panel, lazy_tabs, plot
from ui.sections import section
from ui.shell import finish_page, start_page

params = start_page(
    "receptive-field",
    "🎯 Receptive-field lab",
    "The **receptive field** of an output is the set of input cells that can change it. "
    "Stack conv and pooling layers below; each row is one layer (k, stride s, dilation d, "
    "padding). Numbers update as you edit.",
)


@section(params)
def stack_section() -> None:
    """The layer table and its numbers; the output view below reruns on its own."""
    spec = stack_controls(params, PRESETS)
    if spec is None:
        return
    last = spec.rows[-1]
    st.dataframe(cached.layer_table(spec.rows), hide_index=True, width="stretch")
    formula_panel(
        [
            r"r_l = r_{l-1} + (k_{\text{eff},l} - 1)\, j_{l-1},\qquad j_l = j_{l-1}\, s_l,"
            r"\qquad \text{start}_l = \text{start}_{l-1} - p_{\text{before},l}\, j_{l-1}",
            rf"r_0 = 1,\ j_0 = 1,\ \text{{start}}_0 = 0 \ \Rightarrow"
            rf"\ r = {last.size},\ j = {last.jump},\ \text{{start}} = {last.start}",
        ],
        title="The recurrence, input side first",
    )
    for issue in ce.stack_issues(list(spec.rows)):
        st.warning(issue, icon="⚠️")
    st.caption(ce.alignment(list(spec.rows)))
    output_section(spec)


@section(params)
def output_section(spec: StackSpec) -> None:
    """One output position: the outputs strip, its span on the input (1-D) and in 2-D."""
    position = output_position(params, spec.rows[-1].output_size)
    strip = cached.outputs_strip(spec.rows[-1].output_size, position)
    if strip is not None:
        plot(strip, params.key("outputs_chart"), selectable=True)
    along, grid = lazy_tabs(
        params,
        ["📏 Along the input (1-D)", "🔲 In 2-D, with the effective receptive field"],
    )
    if along.open:
        with along:
            plot(
                cached.support_line(spec.layers, spec.input_size, position),
                params.key("line_chart"),
            )
    if grid.open:
        with grid:
            two_d = cached.support_grid(spec.layers, spec.input_size, position)
            if two_d is None:
                st.caption("2-D views are drawn for inputs up to 96 × 96.")
            else:
                st.markdown(
                    "The same stack on both axes of a square input. The **effective** "
                    "receptive field (the gradient of the output) is Gaussian-like and much "
                    "smaller than the theoretical one (dashed)."
                )
                plot(two_d, params.key("grid_chart"))


stack_section()
code_panel([receptive_field])
finish_page(params)
