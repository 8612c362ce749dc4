"""The frame of every page: inside the app's navigation, a header, notices, the URL.

:func:`start_page` and :func:`finish_page` hold the order every page follows: navigation
first, notices above the widgets but written after them, the URL published last.

Why the navigation check: Streamlit still supports its older multipage mode, in which
files in ``pages/`` are pages of their own. Until ``st.navigation`` has run once in the
server process, a deep link (``/standard``) opened as the *first* request runs
``pages/standard.py`` directly in that old mode: without ``app.py``'s page config, sidebar
or page titles, and every later session inherits it. :func:`ensure_navigation` detects
that case and reruns through ``app.py``, which then calls ``st.navigation`` and switches
the server to the new mode.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from .panels import header
from .params import PageParams


def ensure_navigation() -> None:
    """Rerun through ``app.py`` if this page was started by the old ``pages/`` mode."""
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def start_page(page: str, title: str, intro: str) -> PageParams:
    """Open a page: navigation checked, its header shown, a place kept for link notices."""
    ensure_navigation()
    params = PageParams(page)
    header(title, intro)
    params.reserve_notice_area()
    return params


def finish_page(params: PageParams, keep: tuple[str, ...] = ()) -> None:
    """Close a page: explain replaced link settings, then mirror every value in the URL.

    ``keep`` names query keys owned by a fragment (e.g. ``step``), left as they are.
    """
    params.show_notices()
    params.publish(keep=keep)
