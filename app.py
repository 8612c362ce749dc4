"""Convolution Playground: the entry point (navigation, page config, the document's language)."""

from __future__ import annotations

import streamlit as st

from i18n import t
from ui.catalog import PAGES
from ui.language import current, document_language
from ui.page import app_style, presenting

st.set_page_config(page_title="Convolution Playground", page_icon="🔲", layout="wide")

current()  # the session's language, before any title is drawn
home = st.Page("app_pages/home.py", title=t("Home"), icon="🏠", default=True)
sections: dict[str, list] = {"": [home]}
for info in PAGES:
    page = st.Page(info.path, title=t(info.title), icon=info.icon, url_path=info.url_path)
    sections.setdefault(t(info.section), []).append(page)
# the menu sits in the header, so a 1280 px laptop gives the figure the whole width (a
# phone opens it from ☰); presenter mode hides it: the figure gets the header's room too
# the live class's own page, with the tools (not a topic: the home page's map leaves it out)
live = st.Page("app_pages/class.py", title=t("Live class"), icon="👥", url_path="class")
sections.setdefault(t("Tools"), []).append(live)
navigation = st.navigation(sections, position="hidden" if presenting() else "top")

document_language()
app_style()
navigation.run()
