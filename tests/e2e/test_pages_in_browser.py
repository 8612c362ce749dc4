"""Drive every page in headless Chromium as a person would."""

from __future__ import annotations

import pytest
from playwright.sync_api import Error as PlaywrightError

from .conftest import PageErrors, screenshot
from .harness import (
    OVERFLOWING,
    PROJECTOR,
    assert_clean,
    inside_first_screen,
    scene,
    scene_equation,
    scene_step,
    stays,
    wait_for_app,
)

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
    "receptive-field": "receptive-field_n",  # the output: the scene's own scrubber
}


def test_home_links_to_every_page(app_url, page):
    page.goto(app_url)
    wait_for_app(page)
    assert page.locator("[data-testid='stException']").count() == 0
    for title in ("Standard convolution", "Conv1d"):
        assert page.get_by_role("link", name=title).first.is_visible()
    screenshot(page, "home")
    assert not page.errors.messages, page.errors.messages


def test_home_demo_plays_in_a_loop_until_touched(app_url, page):
    """The home page's demo plays on its own, starts over after its last step, and stops
    for good when the viewer takes a step."""
    page.goto(app_url)
    wait_for_app(page)
    demo = scene(page, "home_demo")
    steps = int(demo.locator(".toolbar input[type=range]").get_attribute("max")) + 1
    # every step it shows, as it shows it, until it has come back to the first
    demo.evaluate(
        """(el) => { el.__seen = [Number(el.dataset.step)];
            new MutationObserver(() => el.__seen.push(Number(el.dataset.step)))
              .observe(el, { attributes: true, attributeFilter: ["data-step"] }); }"""
    )
    started_over = f"(el) => el.__seen.includes({steps - 1}) && el.__seen.at(-1) < {steps - 1}"
    page.wait_for_function(started_over, arg=demo.element_handle(), timeout=20_000)
    seen = demo.evaluate("(el) => el.__seen")
    assert set(seen) == set(range(steps)), seen
    demo.get_by_role("button", name="Next step").click()
    taken = scene_step(page, "home_demo")
    assert stays(page, "home_demo", taken, 1200), "a step taken stops the loop"
    assert not page.errors.messages, page.errors.messages


def test_home_demo_stays_still_for_reduced_motion(browser, app_url):
    context = browser.new_context(reduced_motion="reduce")
    page = context.new_page()
    try:
        page.goto(app_url)
        wait_for_app(page)
        scene(page, "home_demo")
        assert stays(page, "home_demo", 0, 1500), "still, for reduced motion"
    finally:
        context.close()


@pytest.mark.parametrize("name", sorted(ANIMATED))
def test_a_page_as_a_class_uses_it(browser, app_url, name):
    """On a 1280 × 720 projector: the first screen, a slider, Play, then every slider."""
    context = browser.new_context(viewport=PROJECTOR)
    page = context.new_page()
    page.errors = PageErrors(page)
    try:
        page.goto(f"{app_url}/{name}")
        wait_for_app(page)
        chart = ANIMATED[name]
        drawn = scene(page, chart)
        assert page.locator("[data-testid='stException']").count() == 0

        # the first screen: the main slider, the figure and the step's equation
        slider_box = page.locator(f".st-key-{SLIDER_OF[name]}")
        assert inside_first_screen(slider_box), f"{name}: the main slider is below the fold"
        assert inside_first_screen(drawn.locator(".equation")), f"{name}: no equation in view"
        box = drawn.locator(".panels").bounding_box()
        assert box["y"] + min(box["height"], 120) <= PROJECTOR["height"], f"{name}: no figure"
        assert page.evaluate(OVERFLOWING) == [], f"{name}: something scrolls sideways"
        screenshot(page, f"projector-{name}")

        # move the main slider one step: the scene must change
        before = drawn.locator(".panels").inner_html()
        slider_box.get_by_role("slider").focus()
        # (the lab's input length: one cell more leaves the strip's window as it was)
        page.keyboard.press("Home" if name == "receptive-field" else "ArrowRight")
        page.wait_for_function(
            """([key, before]) => {
                const host = document.querySelector(
                    `.st-key-${key} [data-testid^=stBidiComponent]`);
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
                const host = document.querySelector(
                    `.st-key-${key} [data-testid^=stBidiComponent]`);
                const root = host.shadowRoot.querySelector('.scene');
                return Number(root.dataset.step) !== start;
            }""",
            arg=[chart, start],
            timeout=15_000,
        )
        assert scene_equation(page, chart) != equation, f"{name}: the equation follows the step"
        scene(page, chart).locator("button.play").click()  # pause

        every_slider_moves(page, name)
        assert_clean(page)
    finally:
        context.close()


def test_hostile_link_shows_notice(app_url, page):
    page.goto(f"{app_url}/standard?k=-5&n=100000&p=zzz&s=abc")
    wait_for_app(page)
    page.get_by_text("replaced").first.wait_for(timeout=15_000)
    scene(page, "standard_chart")
    assert_clean(page)


def every_slider_moves(page, name: str) -> None:
    """A student will try every slider: each one, one step right, never breaks."""
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
            except PlaywrightError:  # swapped by a rerun: wait for the new one
                wait_for_app(page)
                sliders.nth(index).get_by_role("slider").wait_for()
        else:
            pytest.fail(f"{name}: slider {index} could not be focused")
        page.keyboard.press("ArrowRight")
        wait_for_app(page)
        assert page.locator("[data-testid='stException']").count() == 0, f"slider {index}"
