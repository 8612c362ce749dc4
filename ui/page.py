"""The frame of every page: inside the app's navigation, a short header, presenter mode,
notices, and the URL.

:func:`start_page` and :func:`finish_page` hold the order every page follows: navigation
first, a title and at most two sentences, notices above the widgets but written after
them, the URL published last. In presenter mode (``?present=1``) prose is hidden, the
scenes are drawn large and the keyboard drives them.
"""

from __future__ import annotations

from contextlib import nullcontext

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

import i18n
from conv_engine.exercises import TOPICS as EXERCISE_TOPICS
from i18n import t

from .language import QUERY, current, language_switch
from .live import CLASS_PAGE, live_class, start_button
from .panels import link_page
from .params import TRUE_WORDS, PageParams


def presenting() -> bool:
    """Whether the link asks for presenter mode (``app.py`` hides the menu for it)."""
    return st.query_params.get("present", "").lower() in TRUE_WORDS


def start_page(page: str, title: str, intro: str) -> PageParams:
    """Open a page: its title, a presenter switch, two sentences, a place for notices."""
    params = PageParams(page)
    params.values[QUERY] = current()
    _check_language_link(params)
    if params.switched_on("present", False):
        # a live class's panel spans the width above the figure (the rail is too narrow
        # for a question and its histogram; the figure fits the room left)
        params.live_area = st.container()
        # a focus layout: no menu (see app.py), no title; the first section (the figure)
        # takes the width beside a narrow rail with the page's name and the switches
        main, rail = st.columns(PRESENTER_MAIN_RAIL, gap="small")
        params.body = main
        switches = rail.container(gap="small")
        switches.markdown(f"**{title}**")
    else:
        heading, column = st.columns([5, 2], vertical_alignment="center")
        heading.title(title, anchor=False)  # no link icon: it would wrap under a long title
        # the two switches side by side at their own widths, one above the other when the
        # column is narrow (a zoomed page)
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
            on_change=_present_in_link,
            args=(params,),
        )
        language_switch()
        if page != CLASS_PAGE:  # /class has its own, larger one
            start_button()
        if params.present:  # the keys, listed by finish_page once the controls have run
            params.keys_area = st.popover("?", help=t("Keyboard shortcuts")).container()
    if not params.present:  # a live class's panel, under the title
        params.live_area = st.container()
    if not params.present:
        st.markdown(intro)
    with params.body or nullcontext():
        params.reserve_notice_area()
    return params


# The app's own style rules (Streamlit has no option for either), set on every page:
# - Streamlit colours code's string literals with a fixed green (#09ab3b, 2.9:1 on a light
#   code block: under WCAG AA) that no theme option reaches. Mixed with the text's own
#   colour it darkens on a light theme and lightens on a dark one (`currentColor` in
#   `color` is the inherited text colour): 6.6:1 and 7:1.
# - KaTeX draws maths at 1.21em whatever the width: at 320 px (a laptop at 400 % zoom,
#   WCAG's reflow width) a formula's unbreakable side ran off the screen; it shrinks with
#   a narrow viewport, never below 16 px there, and is unchanged from 420 px up.
# - A switch that is off is drawn as a track of the text colour at 20 % (1.5:1 on either
#   theme, under WCAG 1.4.11's 3:1 for a control) and the theme's borderColor does not reach
#   it: the off track is the text colour at 50 % (3.5:1 light, 4.4:1 dark; the thumb stays
#   3.4:1 on it).
# ``tests/e2e/test_accessibility.py`` fails without each of the first two (axe on the
# solver's code; reflow), ``tests/e2e/test_keyboard.py`` without the third.
APP_STYLE = (
    "<style>.stCode .token.string,.stCode .token.char,.stCode .token.attr-value"
    "{color:color-mix(in srgb,#09ab3b 55%,currentColor)}"
    ".stMarkdown .katex{font-size:min(1.21em,5vw)}"
    "[data-testid=stCheckbox] label:has(input[role=switch]:not(:checked))>div:first-of-type"
    "{background-color:color-mix(in srgb,currentColor 50%,transparent)}"
    # heard, not seen: a chart's summary for a screen reader (ui.panels.plot), out of the
    # column's flow so it adds no gap
    ".stElementContainer:has(.chart-summary){position:absolute;width:1px;height:1px;"
    "overflow:hidden;clip-path:inset(50%);white-space:nowrap}</style>"
)


def app_style() -> None:
    """The app's own style rules (see ``APP_STYLE``); ``app.py`` sets them on every page."""
    st.html(APP_STYLE)


def _present_in_link(params: PageParams) -> None:
    """The switch's callback: the link says ``present`` before ``app.py`` reruns, so the
    menu hides (or shows) in the same rerun as the layout changes."""
    st.query_params["present"] = "1" if st.session_state[params.key("present")] else "0"


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
    key, does = t("Key"), t("What it does")
    params.keys_area.markdown(
        "\n".join(
            [f"| {key} | {does} |", "|---|---|"] + [f"| {key} | {action} |" for key, action in rows]
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
PRESENTER_MAIN_RAIL = (5, 1)  # presenter mode: the first section beside the switches


def controls_and_figure(params: PageParams) -> tuple[DeltaGenerator, DeltaGenerator]:
    """Where a page's main controls and its animation go.

    Side by side on the first screen. On a phone, columns stack: the figure comes first,
    the controls under it (a student sees what the page is about before five sliders). In
    presenter mode the figure takes the width and the controls wait, closed, below it
    (the letter keys move the main ones, ``?`` lists them).
    """
    if params.present:
        figure = st.container()
        controls = st.expander(t("⚙ Controls"), expanded=False)
        return controls, figure
    if on_a_phone():
        figure = st.container()
        return st.container(), figure
    controls, figure = st.columns(CONTROLS_FIGURE, gap="medium")
    return controls, figure


def on_a_phone() -> bool:
    """Whether the browser says it is a phone ("Mobi" in its user agent, as MDN advises):
    the server cannot know the screen's width, and a narrow desktop window keeps the
    side-by-side order."""
    return "Mobi" in (st.context.headers.get("User-Agent") or "")


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
    live_class(params, params.live_area)
    params.show_notices(keep)
    params.publish(keep=keep)
