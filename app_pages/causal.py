"""Causal convolution: the mask, the leak, and the WaveNet stack."""

import streamlit as st

from i18n import t
from ui.causal import causal_section, wavenet_section
from ui.page import finish_page, prose, start_page
from ui.sections import section

params = start_page(
    "causal",
    t("⏳ Causal convolution"),
    t(
        "In a sequence model the output at time **t** may only use inputs at times **≤ t**: a "
        "causal convolution pads **d·(k − 1) zeros on the left** and none on the right (Keras "
        "`padding='causal'`), so the window never reaches the future (grey)."
    ),
)
section(params, causal_section)
st.subheader(t("Dilated causal stacks (WaveNet)"))
prose(
    params,
    t(
        "A plain causal stack grows its receptive field only **linearly**: more reach needs "
        "bigger kernels (more parameters) or more layers (vanishing gradients, slow and unstable "
        "training). Doubling the dilation each layer grows it **exponentially**."
    ),
)
section(params, wavenet_section)
finish_page(params)
