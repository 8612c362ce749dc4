"""Drive every page in headless Chromium as a person would."""

from __future__ import annotations

import pytest
from playwright.sync_api import Error as PlaywrightError

from .conftest import screenshot
from .harness import scene, scene_equation, scene_step, wait_for_app

pytestmark = pytest.mark.e2e

ANIMATED = {
    "standard": "standard_chart",
    "conv1d": "conv1d_chart",
    "transposed": "transposed_scatter_chart",
    "dilated": "dilated_chart",
    "causal": "causal_chart",
    "separable": "separable_chart",
    "lightweight": "lightweight_chart",
    "receptive-field": "receptive-field_outputs_chart",
}
SLIDER_OF = {
    "standard": "standard_k",
    "conv1d": "conv1d_n",
    "transposed": "transposed_k",
    "dilated": "dilated_k",
    "causal": "causal_k",
    "separable": "separable_k",
    "lightweight": "lightweight_k",
    "receptive-field": "receptive-field_o",
}


def test_home_links_to_every_page(app_url, page):
    page.goto(app_url)
    wait_for_app(page)
    assert page.locator("[data-testid='stException']").count() == 0
    for title in ("Standard convolution", "Conv1d"):
        assert page.get_by_role("link", name=title).first.is_visible()
    screenshot(page, "home")
    assert not page.errors.messages, page.errors.messages


@pytest.mark.parametrize("name", sorted(ANIMATED))
def test_page_loads_reacts_and_plays(app_url, page, name):
    page.goto(f"{app_url}/{name}")
    wait_for_app(page)
    chart = ANIMATED[name]
    drawn = scene(page, chart)
    assert page.locator("[data-testid='stException']").count() == 0
    screenshot(page, name)

    # move a slider one step: the scene must change
    before = drawn.locator(".panels").inner_html()
    slider = page.locator(f".st-key-{SLIDER_OF[name]}").get_by_role("slider")
    slider.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        """([key, before]) => {
            const host = document.querySelector(`.st-key-${key} [data-testid^=stBidiComponent]`);
            const panels = host && host.shadowRoot && host.shadowRoot.querySelector('.panels');
            return panels && panels.innerHTML !== before;
        }""",
        arg=[chart, before],
        timeout=15_000,
    )
    wait_for_app(page)

    # press Play: the animation and its equation advance in the browser
    start, equation = scene_step(page, chart), scene_equation(page, chart)
    scene(page, chart).locator("button.play").click()
    page.wait_for_function(
        """([key, start]) => {
            const host = document.querySelector(`.st-key-${key} [data-testid^=stBidiComponent]`);
            const root = host.shadowRoot.querySelector('.scene');
            return Number(root.dataset.step) !== start;
        }""",
        arg=[chart, start],
        timeout=15_000,
    )
    assert scene_equation(page, chart) != equation, f"{name}: the equation follows the step"
    assert page.locator("[data-testid='stException']").count() == 0
    assert not page.errors.messages, page.errors.messages


@pytest.mark.parametrize("name", sorted(ANIMATED))
def test_hostile_link_shows_notice(app_url, page, name):
    page.goto(f"{app_url}/{name}?k=-5&n=100000&p=zzz&s=abc")
    wait_for_app(page)
    page.get_by_text("replaced").first.wait_for(timeout=15_000)
    assert page.locator("[data-testid='stException']").count() == 0
    assert not page.errors.messages, page.errors.messages


@pytest.mark.parametrize("name", sorted(ANIMATED))
def test_every_slider_moves_without_error(app_url, page, name):
    """A student will try every slider: each one, one step right, never breaks."""
    page.goto(f"{app_url}/{name}")
    wait_for_app(page)
    # the sliders a student can reach: shown (not in a closed expander) and enabled
    sliders = page.locator("[data-testid='stSlider']:visible:not(:has([aria-disabled='true']))")
    count = sliders.count()
    assert count > 0, f"{name} has no slider"
    for index in range(count):
        if index >= sliders.count():
            break
        for _attempt in range(10):  # a rerun may replace the element between lookup and focus
            try:
                sliders.nth(index).get_by_role("slider").focus()
                break
            except PlaywrightError:
                wait_for_app(page)
                page.wait_for_timeout(300)  # let React finish swapping the element
        else:
            pytest.fail(f"{name}: slider {index} could not be focused")
        page.keyboard.press("ArrowRight")
        wait_for_app(page)
        assert page.locator("[data-testid='stException']").count() == 0, f"slider {index}"
    assert not page.errors.messages, page.errors.messages
