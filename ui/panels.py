"""Shared page pieces: header, error box, formula and code panels, the step inspector."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

import conv_engine as ce
from viz.figure import PlainFigure

from .params import PageParams


def header(title: str, intro: str) -> None:
    st.title(title)
    st.markdown(intro)


def config_error(error: Exception, hint: str = "") -> None:
    """Show an impossible configuration as the engine's sentence plus how to fix it."""
    st.error(f"**This setting has no output.** {error}", icon="🚫")
    if hint:
        st.caption(f"💡 {hint}")


def formula_panel(lines: Iterable[str], title: str = "The numbers, substituted") -> None:
    """The page's formulas with the current numbers, one centred line each.

    The lines go into a single ``st.latex`` (a ``gathered`` block): every element costs
    the browser a few milliseconds per rerun, whatever its size.
    """
    with st.expander(f"**{title}**", expanded=True):
        st.latex(r"\begin{gathered}" + r" \\[6pt] ".join(lines) + r"\end{gathered}")


@dataclass(frozen=True)
class LazyTab:
    """One tab of :func:`lazy_tabs`: ``open`` says whether to draw it; ``with tab:`` draws."""

    open: bool
    area: DeltaGenerator

    def __enter__(self) -> DeltaGenerator:
        return self.area.__enter__()

    def __exit__(self, *exc_info: object) -> bool | None:
        return self.area.__exit__(*exc_info)


def lazy_tabs(params: PageParams, labels: list[str]) -> list[LazyTab]:
    """Tabs of which only the open one is computed and drawn: test ``tab.open`` first.

    Switching tabs reruns the enclosing section, so a page pays per rerun for the view a
    student is looking at, not for every view (a plotly chart costs 10–30 ms a redraw).
    The open view is drawn just below the tab bar rather than inside its (empty) panel: a
    tab panel watches every change inside it and walks its elements for focusable ones,
    ~15 ms each time a chart in it is redrawn.
    """
    tabs = st.tabs(labels, key=params.key("view"), on_change="rerun")
    area = st.container()
    return [LazyTab(tab.open, area) for tab in tabs]


def code_panel(functions: Iterable[Callable], title: str = "🔎 Show the code") -> None:
    """The real source of the engine functions that computed what is on screen."""
    with st.expander(title):
        for function in functions:
            st.code(inspect.getsource(function), language="python")


def clicked_step(chart_key: str, handled_key: str) -> int | None:
    """The step of a newly clicked output cell, or None (each click is used once)."""
    state = st.session_state.get(chart_key)
    points = []
    if state:
        try:
            points = state["selection"]["points"]
        except (KeyError, TypeError):
            points = []
    steps = [p.get("customdata") for p in points if isinstance(p, dict)]
    steps = [s[0] if isinstance(s, list) and s else s for s in steps]
    steps = [s for s in steps if isinstance(s, int)]
    marker = tuple(steps)
    if not steps or st.session_state.get(handled_key) == marker:
        return None
    st.session_state[handled_key] = marker
    return steps[0]


def plot(spec: dict, key: str, selectable: bool = False):
    """Show a figure spec (from ``viz``); with ``selectable`` its output cells can be clicked.

    A spec with a fixed ``layout.width`` (square grid cells) is shown at exactly that width.
    """
    figure = PlainFigure(spec)
    width = "content" if "width" in spec.get("layout", {}) else "stretch"
    config = {"displaylogo": False, "modeBarButtonsToRemove": ["select2d", "lasso2d"]}
    if selectable:
        return st.plotly_chart(
            figure,
            key=key,
            on_select="rerun",
            selection_mode=("points",),
            config=config,
            theme=None,
            width=width,
        )
    return st.plotly_chart(figure, key=key, config=config, theme=None, width=width)


def link_page(url_path: str, label: str, query: dict[str, str]) -> None:
    """A link to another page of the app with its parameters preset (if that page exists)."""
    from .catalog import PAGES

    for info in PAGES:
        if info.url_path == url_path:
            st.page_link(info.path, label=label, icon=info.icon, query_params=query)


@dataclass(frozen=True)
class GriddingVerdict:
    """What the gridding panel says: the exact support decides, the HDC rule explains."""

    no_holes: bool
    headline: str
    explanation: str


def gridding_sentences(verdict: ce.HdcVerdict, holes: int) -> GriddingVerdict:
    """The verdict on a dilation schedule, decided by its exact hole count.

    The HDC rule is the explanation where it is stated (k = 3, r₁ = 1), where passing it
    guarantees no holes but failing it does not imply holes; a common factor g > 1 always
    leaves holes (every cell seen is a multiple of g from the centre).
    """
    rates = ", ".join(map(str, verdict.rates))
    fits = "≤" if verdict.m2 <= verdict.kernel_size else ">"
    rule = (
        f"HDC: no common factor > 1 and M₂ ≤ k, with Mᵢ = max(Mᵢ₊₁ − 2rᵢ, "
        f"Mᵢ₊₁ − 2(Mᵢ₊₁ − rᵢ), rᵢ) from Mₙ = rₙ (here M = "
        f"{', '.join(map(str, verdict.max_distances))}, M₂ = {verdict.m2} {fits} "
        f"{verdict.kernel_size})"
    )
    if holes == 0:
        headline = f"Schedule {rates} with k = {verdict.kernel_size} leaves **no holes**."
    else:
        headline = (
            f"Schedule {rates} with k = {verdict.kernel_size} leaves **{holes:,} holes**: gridding."
        )
    if verdict.common_factor > 1:
        explanation = (
            f"The rates share the factor {verdict.common_factor}: every input the output sees "
            f"is a multiple of {verdict.common_factor} cells from its centre, so the cells in "
            "between are never seen."
        )
    elif not verdict.applies:
        explanation = (
            "The hybrid-dilated-convolution (HDC) rule is written for k = 3 kernels in a group "
            f"that starts at r₁ = 1; here k = {verdict.kernel_size}, r₁ = {verdict.rates[0]}, "
            "so it does not apply: the exact count above decides."
        )
    elif verdict.passes:
        explanation = f"The rule agrees: {rule}. Passing it guarantees no holes."
    elif holes:
        explanation = f"The rule explains it: {rule}, so the gaps are too wide to fill."
    else:
        explanation = (
            f"This schedule fails the rule ({rule}) yet leaves no holes: the rule is a "
            "sufficient design rule, not a necessary one."
        )
    return GriddingVerdict(holes == 0, headline, explanation)


def gridding_verdict(verdict: ce.HdcVerdict, holes: int) -> None:
    """Holes, common factor and M₂ as numbers, and the verdict the exact support decides."""
    fits = verdict.m2 <= verdict.kernel_size
    columns = st.columns(3)
    columns[0].metric("Holes inside the receptive field", f"{holes:,}")
    columns[1].metric("Common factor of the rates", verdict.common_factor)
    columns[2].metric(
        "HDC: M₂ ≤ k ?",
        f"{verdict.m2} {'≤' if fits else '>'} {verdict.kernel_size}",
        help="The HDC rule (Wang et al., 2018) is stated for k = 3 and r₁ = 1.",
    )
    sentences = gridding_sentences(verdict, holes)
    box = st.success if sentences.no_holes else st.error
    box(f"{sentences.headline}\n\n{sentences.explanation}", icon="🧩")


ARTICLE_MODULE = """import torch.nn as nn

class DepthwiseSeparableConv2d(nn.Module):
    def __init__(self, n_in, n_out):
        super().__init__()  # the article's super(depthwise_separable_conv, self) names a
                            # class that does not exist (its class is depthwise_conv2d)
        self.depth_wise = nn.Conv2d(n_in, n_in, kernel_size=3, padding=1, groups=n_in)
        self.point_wise = nn.Conv2d(n_in, n_out, kernel_size=1)

    def forward(self, x):
        return self.point_wise(self.depth_wise(x))
"""


def article_module_panel(n_in: int, n_out: int) -> None:
    """The article's depthwise-separable PyTorch module, fixed, with its parameter count."""
    st.subheader("The article's PyTorch module, fixed")
    st.code(ARTICLE_MODULE, language="python")
    depthwise = ce.conv_parameters(n_in, n_in, (3, 3), n_in)
    pointwise = ce.conv_parameters(n_in, n_out, (1, 1))
    total = ce.separable_parameters(n_in, n_out, 3, bias="torch")
    st.markdown(
        f"With n_in = {n_in}, n_out = {n_out}: depthwise {depthwise:,} + pointwise "
        f"{pointwise:,} = **{total:,}** parameters (the counter's PyTorch-bias figure, k = 3)."
    )
