"""Standard convolution: a kernel sliding over a 2-D input, with every padding mode."""

from conv_engine.reference import conv2d_reference
from i18n import bullets, t
from ui.page import finish_page, prose, start_page
from ui.panels import code_panel
from ui.sections import section
from ui.standard import standard_section

params = start_page(
    "standard",
    t("🔲 Standard convolution"),
    t(
        "A small **kernel** slides over the input; at each position the overlapping numbers are "
        "multiplied and summed into one **output** cell. Press ▶ Play, or click an output cell."
    ),
)
section(params, standard_section)
prose(
    params,
    bullets(
        t(
            "**VALID** adds nothing: the kernel only visits positions where it fits, so the "
            "output has ⌊(i − k_eff)/s⌋ + 1 cells per axis (at stride 1: k_eff − 1 fewer than "
            "the input)."
        ),
        t("**SAME** adds just enough zeros to keep ⌈i/s⌉ outputs; with stride 1 the size is kept."),
        t("**FULL** pads k_eff − 1 on each side: every overlap of kernel and input counts."),
        t(
            "**Stride s > 1** skips positions and **downsamples** by about s; **dilation** "
            "spreads the kernel's taps d apart."
        ),
    ),
)
if not params.present:
    code_panel(params, [conv2d_reference])
finish_page(params)
