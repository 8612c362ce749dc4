"""The page's language: from the link (``?lang=zh``), else the browser's, kept per session.

``app.py`` settles it before the navigation is drawn (its titles are translated), every
page frame shows the switch, and :func:`ui.sections.section` sets it again for a section's
own reruns. Changing it keeps every other setting: they live in the session and the link.
"""

from __future__ import annotations

import streamlit as st

import i18n
from i18n import t

KEY = "language"  # the session's language (not a widget: it outlives pages without a switch)
SWITCH = "language_switch"
QUERY = "lang"


def _initial() -> str:
    raw = str(st.query_params.get(QUERY, "")).lower()
    if raw in i18n.LANGUAGES:
        return raw
    locale = str(getattr(st.context, "locale", "") or "").lower()
    return "zh" if locale.startswith("zh") else i18n.SOURCE


def current() -> str:
    """The session's language (set on its first run), made the language of this run."""
    if st.session_state.get(KEY) not in i18n.LANGUAGES:
        st.session_state[KEY] = _initial()
    language = st.session_state[KEY]
    i18n.use(language)
    return language


def language_switch(container=st) -> None:
    """English / 中文, as two buttons; the choice reruns the page in that language."""
    st.session_state[SWITCH] = current()

    def switched() -> None:
        if st.session_state.get(SWITCH) in i18n.LANGUAGES:
            st.session_state[KEY] = st.session_state[SWITCH]

    container.segmented_control(
        t("Language"),
        i18n.LANGUAGES,
        format_func=i18n.NAMES.get,
        key=SWITCH,
        required=True,
        on_change=switched,
        label_visibility="collapsed",
    )


# The document's language for assistive technology (WCAG 3.1.1): Streamlit writes
# <html lang="en"> and has no option for it, so a component without a body sets it. Its
# script runs in the page itself (components v2 are not framed).
HTML_LANG = {"en": "en", "zh": "zh-Hans"}
_document_language = st.components.v2.component(
    "document_language",
    js="export default function (c) { document.documentElement.lang = c.data.lang; }",
)


def document_language() -> None:
    """Make ``<html lang>`` the session's language (a screen reader picks its voice by it)."""
    _document_language(data={"lang": HTML_LANG[current()]}, key="document_language")
