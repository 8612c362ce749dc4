"""Random links: any mix of a page's own URL keys, in range or not, gives a page, not a crash.

The hostile links of test_pages.py are hand-picked; these are drawn at random (seeded) from
the keys each page publishes, with values near the bounds, other pages' choices and junk.
It found a Conv1d link (T = 8 frames, kernel n = 9) that crashed the frames × features view.
"""

from __future__ import annotations

import os
import random

import pytest
from streamlit.testing.v1 import AppTest

from ui.sections import UNBOUNDED_HINT

from .test_pages import APP, PAGES

TOKENS = ["valid", "same", "full", "causal", "explicit", "random", "sobel", "custom", "image"]
NUMBERS = [0, 1, 2, 3, 4, 5, 7, 8, 9, 12, 16, 24, 40]
TRIALS = int(os.environ.get("RANDOM_LINKS", "6"))


def _run(page: str, query: dict[str, str]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.switch_page(page)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    return at


def _random_link(rng: random.Random, defaults: dict[str, str]) -> dict[str, str]:
    """Each key kept at its default, dropped, moved near a bound, or set to another token."""
    query = {}
    for key, default in defaults.items():
        draw = rng.random()
        if draw < 0.25:
            continue
        if default.lstrip("-").isdigit():
            value = int(default)
            query[key] = str(rng.choice([*NUMBERS, value - 1, value + 1, -value]))
        else:
            query[key] = rng.choice([*TOKENS, default, default])
    return query


@pytest.mark.parametrize("page", PAGES[1:])
def test_random_links_never_crash(page):
    defaults = dict(_run(page, {}).query_params)
    assert defaults, f"{page} publishes no parameters"
    rng = random.Random(page)
    for _ in range(TRIALS):
        query = _random_link(rng, defaults)
        at = _run(page, query)
        assert not at.exception, f"{page}?{query}: {at.exception}"
        hints = " ".join(caption.value for caption in at.caption)
        assert UNBOUNDED_HINT not in hints, f"{page}?{query}: reached the engine unbounded"


def test_conv1d_kernel_longer_than_the_frames_is_bounded():
    at = _run("app_pages/conv1d.py", {"t": "8", "kn": "9"})
    assert not at.exception, at.exception
    assert int(at.slider(key="conv1d_kn").value) <= 8
