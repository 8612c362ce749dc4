"""Exercises: predict, then reveal; a set per link, every answer the engine's."""

from i18n import t
from ui.exercises import exercises_section
from ui.page import finish_page, prose, start_page
from ui.sections import section

params = start_page(
    "exercises",
    t("📝 Exercises"),
    t(
        "Predict first, then **✔ Check**: every answer is computed by the engine, and the reveal "
        "plays the convolution at that setting. The link carries the set: send it to the class."
    ),
)
section(params, exercises_section)
prose(
    params,
    t(
        "**For teachers**: pick a topic, how many questions and a set number (or 🎲 a new one); "
        "the address bar then holds the set. Students who open it get the same questions and "
        "see their own score; nothing is stored on the server."
    ),
)
finish_page(params)
