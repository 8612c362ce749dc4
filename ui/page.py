"""The frame of every page: inside the app's navigation, a short header, presenter mode,
notices, and the URL.

:func:`start_page` and :func:`finish_page` hold the order every page follows: navigation
first, a title and at most two sentences, notices above the widgets but written after
them, the URL published last. In presenter mode (``?present=1``) prose is hidden, the
scenes are drawn large and the keyboard drives them.
"""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.runtime.pages_manager import PagesManager

import i18n
from conv_engine.exercises import TOPICS as EXERCISE_TOPICS
from i18n import t

from .language import QUERY, current, language_switch
from .panels import link_page
from .params import PageParams


def ensure_navigation() -> None:
    """Rerun through ``app.py`` if this page was started by the old ``pages/`` mode.

    The one use of a Streamlit internal (1.67): until ``st.navigation`` has run once in
    the server process, a deep link (``/standard``) opened as the server's *first* request
    runs ``pages/standard.py`` in Streamlit's older multipage mode, without the app's
    navigation or page config, and every later session inherits that mode
    (``tests/e2e/test_deep_link_first.py`` shows it). Switching the flag back and rerunning
    goes through ``app.py``, which calls ``st.navigation``.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def start_page(page: str, title: str, intro: str) -> PageParams:
    """Open a page: its title, a presenter switch, two sentences, a place for notices."""
    ensure_navigation()
    params = PageParams(page)
    params.values[QUERY] = current()
    _check_language_link(params)
    if params.switched_on("present", False):
        # a focus layout: one row (the page's name small, the switches, the keys), then
        # the figure
        focus_layout()
        switches = st.container(horizontal=True, vertical_alignment="center")
        switches.markdown(f"**{title}**", width="stretch")
    else:
        heading, column = st.columns([5, 2], vertical_alignment="center")
        heading.title(title, anchor=False)  # no link icon: it would wrap under a long title
        # the two switches side by side at their own widths, one above the other when the
        # column is narrow (the sidebar open, a zoomed page)
        switches = column.container(
            horizontal=True, horizontal_alignment="right", vertical_alignment="center"
        )
    with switches:
        params.present = params.toggle(
            "present",
            t("🎦 Present"),
            False,
            help=t(
                "Presenter mode: prose hidden, large cells and numbers; Space plays or "
                "pauses, ← and → step, and the main controls have keys."
            ),
        )
        language_switch()
        if params.present:  # the keys, listed by finish_page once the controls have run
            params.keys_area = st.popover("?", help=t("Keyboard shortcuts")).container()
    if not params.present:
        st.markdown(intro)
    params.reserve_notice_area()
    return params


# The one style the app sets itself: Streamlit keeps 6rem above a page's first element
# for its header (no option changes it); in presenter mode that room goes to the figure.
# The header's own buttons (the sidebar's », the ⋮ menu) stay clear of the page's first row.
# ``tests/e2e/test_presenter.py`` measures the figure's top with and without it.
FOCUS_STYLE = (
    "<style>[data-testid='stMainBlockContainer']"
    "{padding-top:3.5rem !important;padding-bottom:1rem !important}</style>"
)


def focus_layout() -> None:
    """Presenter mode: the page starts just under Streamlit's header."""
    st.html(FOCUS_STYLE)


def show_keys(params: PageParams) -> None:
    """Presenter mode's ``?``: every key the page answers."""
    if params.keys_area is None:
        return
    rows = [
        (t("Space"), t("play or pause")),
        ("← →", t("one step back or forward")),
        (t("Home / End"), t("first or last step")),
    ]
    rows += [
        (f"{letter} / Shift + {letter}", f"{shortcut.label} + 1 / − 1")
        for letter, shortcut in params.shortcuts.items()
    ]
    params.keys_area.markdown(
        "\n".join(
            [f"| {t('Key')} | {t('What it does')} |", "|---|---|"]
            + [f"| {key} | {action} |" for key, action in rows]
        )
    )


def _check_language_link(params: PageParams) -> None:
    """A link's ``lang`` that is not a language of the app gets a notice (the page uses
    the session's language)."""
    raw = st.query_params.get(QUERY)
    if raw is None or raw.lower() in i18n.LANGUAGES or st.session_state.get(params.key("visited")):
        return
    params.notices.append(
        t(
            "`{name}={shown}` is not a language of this app ({languages}): using {language}.",
            name=QUERY,
            shown=raw[:20],
            languages=", ".join(i18n.LANGUAGES),
            language=i18n.NAMES[current()],
        )
    )


CONTROLS_FIGURE = (1.3, 3)  # column widths: a page's main controls beside its animation


def controls_and_figure() -> tuple[DeltaGenerator, DeltaGenerator]:
    """The two columns of a page's first screen: its main controls, and its animation."""
    controls, figure = st.columns(CONTROLS_FIGURE, gap="medium")
    return controls, figure


def prose(params: PageParams, markdown: str) -> None:
    """Explanatory text, hidden in presenter mode (the lecturer says it)."""
    if not params.present:
        st.markdown(markdown)


def finish_page(params: PageParams, keep: tuple[str, ...] = ("step",)) -> None:
    """Close a page: a link to its exercises (topic pages), explain replaced link settings,
    then mirror every value in the URL.

    ``keep`` names query keys owned by a section's own reruns (e.g. ``step``).
    """
    if params.page in EXERCISE_TOPICS and not params.present:
        link_page(
            "exercises",
            t("Practise: questions on this page"),
            {"topic": params.page, "q": "5", "seed": "1"},
        )
    show_keys(params)
    params.show_notices(keep)
    params.publish(keep=keep)
