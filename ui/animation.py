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


def pinned_step(params: PageParams, trace: ConvTrace, chart: str = "chart") -> int:
    """The step to show: a newly clicked output cell of ``chart``, else the inspector's.

    Draws nothing: a page shows its figure first and :func:`step_inspector` after it, so
    the browser redraws the figure before it renders the inspector's slider and equation.
    """
    clicked = clicked_step(params.key(chart), params.key("clicked"))
    if clicked is not None and 0 <= clicked < trace.num_steps:
        st.session_state[params.key("step")] = clicked
    return params.bounded_integer("step", 0, 0, trace.num_steps - 1)


def step_inspector(params: PageParams, trace: ConvTrace, step: int) -> None:
    """The inspector of ``step`` (from :func:`pinned_step`): its slider and its equation."""
    names = step_names(trace.output.shape)
    with st.container(border=True):
        params.integer(
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


@st.fragment
def sliding_animation(page: str, trace: ConvTrace, figure_for_step: Callable[[int], dict]) -> None:
    """Show the animation of ``trace`` above an inspector for one step."""
    params = PageParams(page)
    step = pinned_step(params, trace)
    plot(figure_for_step(step), params.key("chart"), selectable=True)
    step_inspector(params, trace, step)
