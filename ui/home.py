"""The home page's live demo: a 3 × 3 kernel sliding over a 5 × 5 input, playing in a loop.

It shows what the intro says before anyone touches a slider, and it loads the scene
renderer, so the first topic page a visitor opens from here draws its animation at once.
"""

from __future__ import annotations

import streamlit as st

from i18n import t

from .conv2d import Conv2dSpec, conv2d_scene
from .scene import show_scene

DEMO = Conv2dSpec(5, 5, 3, 1, 1, "valid", ((0, 0), (0, 0)), "random", "sobel", 0, "")


def home_demo() -> None:
    """The looping demo and a link that opens the same setting on the Standard page."""
    scene = {**conv2d_scene(DEMO), "legend": []}  # the intro beside it says what it shows
    show_scene(scene, "home_demo", step=0, loop=True)
    st.page_link(
        "app_pages/standard.py",
        label=t("Open it on the Standard page, with every slider"),
        icon="▶️",
        query_params={"h": str(DEMO.height), "w": str(DEMO.width)},
    )
