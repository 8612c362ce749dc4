"""Depthwise-separable convolution: channels, groups, and the parameters they save."""

import streamlit as st

from conv_engine.separable import depthwise_separable_conv2d
from i18n import t
from ui.page import finish_page, start_page
from ui.panels import code_panel
from ui.sections import section
from ui.separable import photo_section, separable_section

params = start_page(
    "separable",
    t("🧩 Depthwise-separable convolution"),
    t(
        "A standard conv mixes space and channels at once; a separable conv splits the job: a "
        "**depthwise** conv (one k × k kernel per channel) then a **pointwise** 1 × 1 conv that "
        "mixes channels — the same output shape with far fewer weights."
    ),
)
section(params, separable_section)
if not params.present:
    st.subheader(t("On a photo: one filter per colour channel, then a 1 × 1 mix"))
    photo_section(params)
    code_panel(params, [depthwise_separable_conv2d])
finish_page(params)
