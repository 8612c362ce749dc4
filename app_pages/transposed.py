"""Transposed convolution: upsampling three ways, output_padding, checkerboards."""

import streamlit as st

from conv_engine.reference import conv_transpose2d_reference
from i18n import t
from ui.page import finish_page, prose, start_page
from ui.panels import code_panel, plot
from ui.sections import section
from ui.transposed import article_chain, transposed_section

params = start_page(
    "transposed",
    t("🔼 Transposed convolution"),
    t(
        "A transposed convolution runs a convolution's **shape mapping backwards**: each input "
        "cell stamps the kernel, scaled by its value, into a larger output (Keras "
        "`Conv2DTranspose`, PyTorch `ConvTranspose2d`). Click an output cell to see its sum."
    ),
)
section(params, transposed_section)
if not params.present:
    with st.expander(t("The article's chain: 7 → 15 → 31 with two stacked layers (F = 3, S = 2)")):
        prose(
            params,
            t(
                "The article notes that when 2·padding equals output_padding the two terms "
                "cancel, leaving (W − 1)·S + F; with the default VALID padding both are 0."
            ),
        )
        plot(
            article_chain(),
            params.key("chain_chart"),
            t(
                "the article's two stacked transposed convolutions: a 7 × 7 input, its 15 × 15 "
                "output, and that layer's output upsampled again to 31 × 31."
            ),
        )
    code_panel(params, [conv_transpose2d_reference])
finish_page(params)
