"""Lightweight and dynamic convolution: softmax-normalised kernels shared by heads."""

from conv_engine.lightweight import lightweight_conv1d
from i18n import sentences, t
from ui.lightweight import lightweight_section
from ui.page import finish_page, prose, start_page
from ui.panels import code_panel
from ui.sections import section

params = start_page(
    "lightweight",
    t("🪶 Lightweight & dynamic convolution"),
    t(
        "*Pay Less Attention* (Wu et al., 2019) replaces self-attention with a **depthwise** conv "
        "over time whose kernel is **softmax-normalised** over its width k and **shared by "
        "heads**; a **dynamic** conv predicts the kernel from each time step."
    ),
)
section(params, lightweight_section)
prose(
    params,
    sentences(
        t(
            "⚖️ **What the article reports, honestly.** The official fairseq code ships CUDA "
            "kernels for lightweight/dynamic convolution that are hard to build, and the plain "
            "PyTorch version is not much faster than attention."
        ),
        t(
            "This engine's NumPy version (one thread, d = 512, k = 7, H = 16; "
            "`benchmarks/engine.py` on a 2-core machine) took 1.2 ms vs 2.5 ms for one attention "
            "head at n = 256, 4.8 vs 39 ms at n = 1024 and 25 vs 651 ms at n = 4096: little gain "
            "on short sequences, a large one on long ones, because attention's cost grows with "
            "n²."
        ),
    ),
)
if not params.present:
    code_panel(params, [lightweight_conv1d])
finish_page(params)
