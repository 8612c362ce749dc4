"""Convolution Playground: the entry point (navigation, page config, shared sidebar)."""

from __future__ import annotations

import streamlit as st

st.set_page_config(page_title="Convolution Playground", page_icon="🔲", layout="wide")
st.title("Convolution Playground")
st.write("Every kind of convolution used in deep learning, made visible.")
