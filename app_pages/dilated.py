"""Dilated convolution: gaps in the kernel, exponential receptive fields, gridding."""

import streamlit as st

from i18n import sentences, t
from ui.dilated import dilation_section, stacking_section
from ui.page import finish_page, prose, start_page
from ui.panels import link_page
from ui.sections import section

params = start_page(
    "dilated",
    t("🕳️ Dilated (atrous) convolution"),
    t(
        "A dilated convolution puts **d − 1 gaps** between the kernel's taps: the same k × k "
        "weights cover a wider patch, so the receptive field grows **without pooling and without "
        "losing resolution**."
    ),
)
section(params, dilation_section)
st.subheader(t("Stacking dilated layers"))
section(params, stacking_section)
prose(
    params,
    sentences(
        t(
            "**Where dilation is used.** *Segmentation*: an FCN pools to see more context and "
            "then upsamples, losing detail on the way; dilation sees as much context **without "
            "pooling**, at full resolution (DeepLab)."
        ),
        t(
            "*WaveNet*: dilated **causal** convs over audio samples, d = 1, 2, …, 512. "
            "*ByteNet*: the same idea for text, in translation."
        ),
        t("(A stride > 1 also grows the receptive field, but it downsamples.)"),
    ),
)
link_page("causal", t("See dilated causal convolutions (WaveNet)"), {"k": "2"})
link_page("receptive-field", t("Build any stack in the receptive-field lab"), {})
finish_page(params)
