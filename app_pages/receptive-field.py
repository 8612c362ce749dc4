"""Receptive-field lab: any stack of layers, its per-layer numbers, what one output sees."""

from conv_engine.receptive import receptive_field
from i18n import t
from ui.page import finish_page, start_page
from ui.panels import code_panel
from ui.receptive_field import stack_section
from ui.sections import section

params = start_page(
    "receptive-field",
    t("🎯 Receptive-field lab"),
    t(
        "The **receptive field** of an output is the set of input cells that can change it. "
        "Edit the stack (one row per conv or pooling layer) and press ▶ Play to sweep it."
    ),
)
section(params, stack_section)
if not params.present:
    code_panel(params, [receptive_field])
finish_page(params)
