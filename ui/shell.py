"""Make sure every page runs inside the app's navigation (``app.py``).

Streamlit still supports its older multipage mode, in which files in ``pages/`` are
pages of their own. Until ``st.navigation`` has run once in the server process, a deep
link (``/standard``) opened as the *first* request runs ``pages/standard.py`` directly in
that old mode: without ``app.py``'s page config, sidebar or page titles, and every later
session inherits it. :func:`ensure_navigation` detects that case and reruns through
``app.py``, which then calls ``st.navigation`` and switches the server to the new mode.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def ensure_navigation() -> None:
    """Rerun through ``app.py`` if this page was started by the old ``pages/`` mode."""
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
