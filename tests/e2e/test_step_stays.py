"""A step the viewer takes stays: the counter, the written-out sum and the link's ``step=``
still name it seconds later, whatever reruns happen in between (issue 24: every sliding
scene jumped back a step about a second after each action)."""

from __future__ import annotations

import re

import pytest

from .harness import reported, scene, scene_equation, scene_step, stays, until_step, wait_for_app

pytestmark = pytest.mark.e2e

STAYS_MS = 1500  # after the report's rerun: the old bug jumped back about a second later

PAGES = {
    "standard": "standard?h=6&w=6&k=3&p=valid",
    "standard-presenter": "standard?h=6&w=6&k=3&p=valid&present=1",
    "dilated": "dilated",
    "conv1d": "conv1d?n=10&k=3",
    "causal": "causal",
    "lightweight": "lightweight",
}


def _link_step(page) -> int | None:
    found = re.search(r"[?&]step=(\d+)", page.url)
    return int(found.group(1)) if found else None


def _settled(page, key: str, expected: int) -> None:
    """Once the scene has reported the step and the rerun is over, the step stays."""
    reported(page, key, expected)
    assert stays(page, key, expected, STAYS_MS), "the counter keeps the step taken"
    counter = scene(page, key).locator(".counter").inner_text()
    assert counter.startswith(f"{expected + 1} /"), counter
    assert _link_step(page) in (expected, None if expected == 0 else expected), page.url


@pytest.mark.parametrize("name", list(PAGES))
def test_each_step_taken_stays_after_the_reruns(app_url, page, name):
    page.goto(f"{app_url}/{PAGES[name]}")
    wait_for_app(page)
    key = f"{name.split('-')[0]}_chart"
    box = scene(page, key)
    steps = int(box.locator(".scrubber").get_attribute("max")) + 1
    button = lambda label: box.locator(f"button[aria-label='{label}']")  # noqa: E731
    expected = scene_step(page, key)
    for _ in range(3):  # ▶| three times, each left to settle
        button("Next step (→)").click()
        expected = min(expected + 1, steps - 1)
        _settled(page, key, expected)
    equation = scene_equation(page, key)
    box.press("ArrowLeft")
    expected -= 1
    _settled(page, key, expected)
    assert scene_equation(page, key) != equation, "the sum moved with the step"
    button("Last step (End)").click()
    _settled(page, key, steps - 1)
    button("First step (Home)").click()
    _settled(page, key, 0)
    output = box.locator(".panel").last.locator("rect.clickable")
    if output.count() > 2:
        output.nth(2).click()
        _settled(page, key, 2)
    play = box.locator("button.play")
    start = scene_step(page, key)
    play.click()
    until_step(page, key, f"step !== {start}")
    play.click()  # pause where it got to
    paused = scene_step(page, key)
    _settled(page, key, paused)
    assert page.locator("[data-testid='stException']").count() == 0
