"""Conv1d: a window over a sequence, and over frames × features (a speech spectrogram)."""

import streamlit as st

from conv_engine.reference import conv1d_reference
from i18n import sentences, t
from ui.conv1d import features_section, sequence_section
from ui.page import finish_page, prose, start_page
from ui.panels import code_panel
from ui.sections import section

params = start_page(
    "conv1d",
    t("〰️ Conv1d"),
    t(
        "A 1-D convolution slides a window along **one axis** — time in audio, position in "
        "text. Padding, stride and dilation work exactly as in 2-D, on one axis."
    ),
)
section(params, sequence_section)
st.subheader(t("Frames × features: the kernel is really n × F"))
prose(
    params,
    t("Speech enters a network as **T frames × F features** (F log-mel energies every 10 ms)."),
)
section(params, features_section)
prose(
    params,
    sentences(
        t(
            "**Layouts differ.** PyTorch's `nn.Conv1d` takes `(N, C, L)` — channels first — so a "
            "spectrogram batch is `(N, 80, T)`."
        ),
        t(
            "Keras' `Conv1D` takes `(N, L, C)` — `(N, T, 80)` — and its kernel has shape `(n, "
            "80, C_out)` instead of PyTorch's `(C_out, 80, n)`. Same numbers, different axis "
            "order."
        ),
    ),
)
if not params.present:
    code_panel(params, [conv1d_reference])
finish_page(params)
