"""Size solver: every layer that maps one length to another, in PyTorch and Keras terms."""

from i18n import bullets, t
from ui.page import finish_page, prose, start_page
from ui.sections import section
from ui.solver import solver_section

params = start_page(
    "solver",
    t("🧮 Size solver"),
    t(
        "Say the length you **have** and the length you **want**: here is every kernel size k, "
        "stride s, padding p and dilation d (and, upsampling, output_padding) that does it."
    ),
)
section(params, solver_section)
prose(
    params,
    bullets(
        t(
            "A conv's output length is ⌊(n + 2p − d(k − 1) − 1)/s⌋ + 1: the floor means that "
            "several input lengths (and several paddings) give the same output."
        ),
        t(
            "A transposed conv's is (n − 1)s − 2p + d(k − 1) + output_padding + 1: exact, so "
            "output_padding picks which of those input lengths it restores."
        ),
        t(
            "**Simplest first**: fewest settings changed from their defaults, then the smallest "
            "kernel. Rows whose stride is longer than the kernel's reach come last: they never "
            "read some inputs (or leave gaps)."
        ),
    ),
)
finish_page(params)
