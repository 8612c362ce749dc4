"""The animated part of a page: figure + step inspector, rerun on its own (``st.fragment``).

Clicking an output cell (a plotly selection) or moving the inspector's step slider pins a
step: the figure opens on that frame and the inspector writes out its products. Play,
Pause and scrubbing run in the browser without a rerun.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from conv_engine import ConvTrace
from viz.grid_view import step_names

from .formulas import step_equation_latex
from .panels import clicked_step, plot
from .params import PageParams


def pinned_step(page: str, trace: ConvTrace, chart: str = "chart") -> int:
    """The step to show: a newly clicked output cell of ``chart``, else the inspector slider.

    Draws the inspector (slider + the step's equation) and returns the chosen step.
    """
    params = PageParams(page)
    step_key = params.key("step")
    clicked = clicked_step(params.key(chart), params.key("clicked"))
    if clicked is not None and 0 <= clicked < trace.num_steps:
        st.session_state[step_key] = clicked
    names = step_names(trace.output.shape)
    with st.container(border=True):
        step = params.integer(
            "step",
            "🔍 Inspect one output cell",
            0,
            0,
            trace.num_steps - 1,
            help="Or click an output cell in the figure to pin it: the figures open on it.",
        )
        # one element for text and equation: every element costs the browser a redraw
        equation = step_equation_latex(trace.step(step), names[step])
        st.markdown(
            f"**{names[step]}** is the sum of the products of the kernel with its window "
            f"(input value · weight):\n\n$$\n{equation}\n$$"
        )
    if st.query_params.get("step") != str(step):  # each URL change costs the browser a redraw
        st.query_params["step"] = str(step)
    return step


@st.fragment
def sliding_animation(page: str, trace: ConvTrace, figure_for_step: Callable[[int], dict]) -> None:
    """Show the animation of ``trace`` above an inspector for one step."""
    plot_area = st.container()
    step = pinned_step(page, trace)
    with plot_area:
        plot(figure_for_step(step), PageParams(page).key("chart"), selectable=True)
