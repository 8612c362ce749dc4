"""Home: what a convolution is, and a map of the pages with presets to jump in."""

import streamlit as st

from i18n import sentences, t
from ui.catalog import PAGES
from ui.home import home_demo
from ui.language import language_switch
from ui.live import join_box, live_class, start_button
from ui.page import presenting

if presenting():  # home has no presenter mode: a link's present= would only hide the menu
    del st.query_params["present"]
    st.rerun()

heading, switch = st.columns([4, 1], vertical_alignment="center")
heading.title(t("🔲 Convolution Playground"), anchor=False)
with switch.container(horizontal=True, horizontal_alignment="right"):
    language_switch()
    start_button()
live_class(None, st.container())  # a live class's panel, for a browser in one
intro, demo = st.columns([2, 3], gap="large")
intro.markdown(
    sentences(
        t(
            "A **convolution** slides a small grid of weights — the **kernel** — over an input. "
            "At each position it multiplies the overlapping numbers and adds them up into one "
            "output value."
        ),
        t(
            "Deep learning uses many variations of this one idea: **padding** decides what "
            "happens at the borders, **stride** skips positions, **dilation** spreads the "
            "kernel, **transposed** convolutions upsample, **causal** ones never look at the "
            "future, and **separable** and **lightweight** ones save parameters."
        ),
    )
    + "\n\n"
    + t(
        "Every page below lets you move the sliders and watch it happen, with every number "
        "computed exactly as PyTorch and TensorFlow/Keras do."
    )
)
intro.caption(
    t(
        "Every number on these pages is computed live by `conv_engine`, a NumPy engine "
        "that follows PyTorch and TensorFlow/Keras exactly. Copy the URL to share a view."
    )
)
with demo:
    home_demo()
join_box()
columns = st.columns(2)
for index, info in enumerate(PAGES):
    with columns[index % 2].container(border=True):
        st.page_link(info.path, label=f"**{t(info.title)}**", icon=info.icon)
        st.caption(t(info.summary))
        for preset in info.presets:
            st.page_link(info.path, label=f"▶ {t(preset.label)}", query_params=preset.query)
