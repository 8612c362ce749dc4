"""Shared page pieces: the error box, formula and code panels, tabs drawn only when open,
static charts and links between pages."""

from __future__ import annotations

import html
import inspect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from i18n import say, t
from viz.code import Snippets
from viz.figure import PlainFigure

from .params import PageParams

T = TypeVar("T")


def config_error(error: Exception, hint: str = "") -> None:
    """Show an impossible configuration as the engine's sentence plus how to fix it."""
    st.error(t("**This setting has no output.** {error}", error=say(error)), icon="🚫")
    if hint:
        st.caption(f"💡 {hint}")


def built_or_explained(build: Callable[[], T], figure: DeltaGenerator, hint: str) -> T | None:
    """``build()``; or, where the setting has no output, None after the figure's column
    says why (:func:`config_error`) and how to fix it."""
    try:
        return build()
    except ValueError as error:
        with figure:
            config_error(error, hint)
        return None


def formula_panel(lines: Iterable[str], title: str | None = None) -> None:
    """Formulas with the current numbers, one per line, in one Markdown element.

    Each line is inline maths in display style, so a narrow column (a phone, a zoomed page)
    wraps it where a display block would scroll sideways; it wraps only after an ``=``
    (see :func:`wrap_at_equals`). A line may hold several rows separated by ``" \\ "``;
    each becomes its own line.
    """
    rows = [row.strip() for line in lines for row in line.split(r" \\ ") if row.strip()]
    heading = f"**{title}**\n\n" if title else ""
    st.markdown(heading + "\n\n".join(rf"$\displaystyle {wrap_at_equals(row)}$" for row in rows))


# the relations a formula's line may wrap after (with the spaces around them)
RELATIONS = r"(?:\\quad)?(?:=|\\Rightarrow|\\approx|\\le|\\ge)(?![a-zA-Z])(?:\\quad)?"
# braces, \left and \right (not \leftarrow), relations, other commands, escapes (\{)
LATEX_TOKENS = re.compile(rf"\\(?:left|right)(?![a-zA-Z])|{RELATIONS}|\\[a-zA-Z]+|\\.|[{{}}]")
LATEX_OPERATORS = re.compile(r"[+\-=]|\\(?:cdot|times|Rightarrow|le|ge)(?![a-zA-Z])")
LATEX_NAMES = re.compile(r"\\(?:[a-zA-Z]+|.)|[{}_^\s]")  # what takes no room of its own


def wrap_at_equals(latex: str) -> str:
    """``latex`` with each side of its top-level relations (``=``, ``⇒``, …) braced.

    KaTeX may break inline maths after any top-level relation or operator (``3 + 2 ·`` on
    one line, ``0 = 3`` on the next; a floor's brackets on two); a braced group is never
    broken, so a narrow line wraps only between the sides of an equation (a side too long
    for a phone's line stays breakable).
    """
    sides, relations, depth, start = [], [], 0, 0
    for token in LATEX_TOKENS.finditer(latex):
        text = token.group()
        if text in ("{", r"\left"):
            depth += 1
        elif text in ("}", r"\right"):
            depth -= 1
        elif depth == 0 and re.fullmatch(RELATIONS, text):
            sides.append(latex[start : token.start()].strip())
            relations.append(text)
            start = token.end()
    sides.append(latex[start:].strip())
    braced = [f"{{{side}}}" if _short(side) else side for side in sides]
    pairs = zip(braced[:-1], relations, strict=True)
    return "".join(f"{side} {relation} " for side, relation in pairs) + braced[-1]


def _short(latex: str) -> bool:
    """Whether ``latex`` fits a phone's line unbroken (≈ 28 symbols, an operator and its
    spaces counting two): longer sides of an equation stay breakable after their ``+``
    signs rather than run off the screen."""
    symbols = LATEX_NAMES.sub("", latex)
    operators = len(LATEX_OPERATORS.findall(latex))
    return len(symbols) + operators <= 28


@dataclass(frozen=True)
class LazyTab:
    """One tab of :func:`lazy_tabs`: ``open`` says whether to draw it; ``with tab:`` draws."""

    open: bool
    area: DeltaGenerator

    def __enter__(self) -> DeltaGenerator:
        return self.area.__enter__()

    def __exit__(self, *exc_info: object) -> bool | None:
        return self.area.__exit__(*exc_info)


def lazy_tabs(params: PageParams, views: dict[str, str], name: str = "view") -> list[LazyTab]:
    """Tabs (slug → label) of which only the open one is computed and drawn.

    The open tab is part of the link (``?view=matrix``). The open view is drawn just below
    the tab bar rather than inside its (empty) panel: a tab panel watches every change
    inside it for focusable elements, which slows each redraw of a chart in it.
    """
    label = params.view(name, views)
    tabs = st.tabs(list(views.values()), key=params.key(name), default=label, on_change="rerun")
    area = st.container()
    return [LazyTab(tab.open, area) for tab in tabs]


def code_panel(params: PageParams, functions: Iterable[Callable], title: str | None = None) -> None:
    """The real source of the engine functions that computed what is on screen.

    Built only when open: a collapsed expander still renders its content, and highlighting
    the source would cost the browser time on every visit to the page (``benchmarks/app.py``
    measures the navigation).
    """
    panel = st.expander(
        title or t("🔎 Show the code"), key=params.key("engine_code"), on_change="rerun"
    )
    if not panel.open:
        return
    with panel:
        for function in functions:
            st.code(inspect.getsource(function), language="python", wrap_lines=True)


def plot(spec: dict, key: str, summary: str, selectable: bool = False):
    """Show a static figure spec (from ``viz``); with ``selectable`` its cells can be clicked.

    ``summary`` says in a sentence what the chart shows, for a screen reader (a plotly
    chart is a picture to it): it is read just before the chart and not shown. Streamlit's
    plotly theme follows the viewer's light or dark theme.
    """
    said = t("Chart: {summary}", summary=summary)
    st.html(f'<p class="chart-summary">{html.escape(said)}</p>')
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
            theme="streamlit",
            width=width,
        )
    return st.plotly_chart(figure, key=key, config=config, theme="streamlit", width=width)


def clicked_cell(chart_key: str, handled_key: str) -> int | None:
    """The id (``customdata``) of a newly clicked cell of a selectable chart, else None.

    Each click is used once.
    """
    state = st.session_state.get(chart_key)
    points = []
    if state:
        try:
            points = state["selection"]["points"]
        except (KeyError, TypeError):
            points = []
    ids = [p.get("customdata") for p in points if isinstance(p, dict)]
    ids = [i[0] if isinstance(i, list) and i else i for i in ids]
    ids = [i for i in ids if isinstance(i, int)]
    marker = tuple(ids)
    if not ids or st.session_state.get(handled_key) == marker:
        return None
    st.session_state[handled_key] = marker
    return ids[0]


def link_page(url_path: str, label: str, query: dict[str, str]) -> None:
    """A link to another page of the app with its parameters preset."""
    from .catalog import PAGES

    for info in PAGES:
        if info.url_path == url_path:
            st.page_link(info.path, label=label, icon=info.icon, query_params=query)


def framework_panel(params: PageParams, snippets: Callable[[], Snippets]) -> None:
    """The page's layer in PyTorch and in Keras, runnable as pasted; built only when open."""
    panel = st.expander(
        t("🐍 This layer in PyTorch and Keras"), key=params.key("framework_code"), on_change="rerun"
    )
    if not panel.open:
        return
    code = snippets()
    with panel:
        st.caption(
            t(
                "The page's own numbers and settings in each framework's layout; the last "
                "comment is the output this page computed."
            )
        )
        torch_tab, keras_tab = st.tabs(["PyTorch", "Keras 3"])
        torch_tab.code(code.torch, language="python")
        if code.keras is None:
            keras_tab.info(code.keras_refusal, icon="🚫")
        else:
            keras_tab.code(code.keras, language="python")
