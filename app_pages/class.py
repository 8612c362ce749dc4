"""Live class (/class): start a class and put its join screen on the projector."""

from i18n import t
from ui.live import class_page
from ui.page import finish_page, start_page

params = start_page(
    "class",
    t("👥 Live class"),
    t(
        "Your class follows your screen on their own laptops and phones — the page, its "
        "settings, the animation's step — and answers your questions; the projector shows "
        "how many answered and what they think. No accounts: a code, a link, a QR code."
    ),
)
class_page(params)
finish_page(params)
