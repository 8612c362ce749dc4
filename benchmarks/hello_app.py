"""The baseline of benchmarks/app.py: one slider and one small plotly chart."""

import plotly.graph_objects as go
import streamlit as st

value = st.slider("value", 1, 50, 10, key="hello_value")
st.plotly_chart(go.Figure(go.Scatter(y=list(range(value)))), key="hello_chart")
