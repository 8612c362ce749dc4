"""Convolution Playground: the entry point (navigation, page config, shared sidebar)."""

from __future__ import annotations

import streamlit as st

from i18n import t
from ui.catalog import PAGES
from ui.language import current, document_language

# presenter mode (?present=1) opens with the sidebar closed: the figure gets the room
presenting = st.query_params.get("present", "").lower() in ("1", "true", "yes", "on")
st.set_page_config(
    page_title="Convolution Playground",
    page_icon="🔲",
    layout="wide",
    initial_sidebar_state="collapsed" if presenting else "auto",
)

current()  # the session's language, before any title is drawn
home = st.Page("pages/home.py", title=t("Home"), icon="🏠", default=True)
sections: dict[str, list] = {"": [home]}
for info in PAGES:
    page = st.Page(info.path, title=t(info.title), icon=info.icon, url_path=info.url_path)
    sections.setdefault(t(info.section), []).append(page)
navigation = st.navigation(sections)

with st.sidebar:
    document_language()
    st.caption(
        t(
            "Every number on these pages is computed live by `conv_engine`, a NumPy engine "
            "that follows PyTorch and TensorFlow/Keras exactly. Copy the URL to share a view."
        )
    )
navigation.run()
