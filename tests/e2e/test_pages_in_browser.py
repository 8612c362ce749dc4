"""Drive every page in headless Chromium as a person would."""

from __future__ import annotations

import pytest
from playwright.sync_api import Error as PlaywrightError

from .conftest import screenshot
from .harness import wait_for_app

pytestmark = pytest.mark.e2e

ANIMATED = {
    "standard": "standard_chart",
    "conv1d": "conv1d_chart",
    "transposed": "transposed_scatter_chart",
    "dilated": "dilated_chart",
    "causal": "causal_chart",
    "separable": "separable_chart",
    "lightweight": "lightweight_chart",
    "receptive-field": "receptive-field_line_chart",
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


# The chart's drawn data as one string: it changes whenever the figure changes.
SIGNATURE = (
    "(() => { const p = document.querySelector(`.st-key-${key} .js-plotly-plot`);"
    " return p && p._fullData ? JSON.stringify(p._fullData.map(t => [t.x, t.y, t.z, t.text]))"
    " : null; })()"
)


def chart_state(page, key: str) -> dict:
    return page.evaluate(
        """(key) => {
            const plot = document.querySelector(`.st-key-${key} .js-plotly-plot`);
            if (!plot || !plot._fullData) return null;
            const slider = plot.layout.sliders && plot.layout.sliders[0];
            return {
                traces: plot._fullData.length,
                frames: (plot._transitionData && plot._transitionData._frames || []).length,
                active: slider ? slider.active : null,
                signature: JSON.stringify(plot._fullData.map(t => [t.x, t.z]).slice(0, 30)).length,
            };
        }""",
        key,
    )


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
    page.wait_for_selector(f".st-key-{chart} .js-plotly-plot")
    assert page.locator("[data-testid='stException']").count() == 0
    before = chart_state(page, chart)
    assert before and before["frames"] > 1, f"{name}: no animation frames: {before}"
    screenshot(page, name)

    # move a slider one step: the chart must change
    page.evaluate(
        "(key) => { window.__before = chartSignature(key); }".replace(
            "chartSignature(key)", SIGNATURE
        ),
        chart,
    )
    slider = page.locator(f".st-key-{SLIDER_OF[name]}").get_by_role("slider")
    slider.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "(key) => window.__before !== chartSignature(key)".replace(
            "chartSignature(key)", SIGNATURE
        ),
        arg=chart,
        timeout=15_000,
    )
    wait_for_app(page)

    # press Play: the animation advances in the browser
    start = chart_state(page, chart)["active"]
    page.locator(f".st-key-{chart} .updatemenu-button").filter(has_text="Play").click()
    page.wait_for_function(
        """([key, start]) => {
            const p = document.querySelector(`.st-key-${key} .js-plotly-plot`);
            return p.layout.sliders[0].active !== start;
        }""",
        arg=[chart, start],
        timeout=15_000,
    )
    assert page.locator("[data-testid='stException']").count() == 0
    assert not page.errors.messages, page.errors.messages


@pytest.mark.parametrize("name", sorted(ANIMATED))
def test_hostile_link_shows_notice(app_url, page, name):
    page.goto(f"{app_url}/{name}?k=-5&n=100000&p=zzz&s=abc")
    wait_for_app(page)
    page.get_by_text("replaced").first.wait_for(timeout=15_000)
    assert page.locator("[data-testid='stException']").count() == 0
    assert not page.errors.messages, page.errors.messages


ALL_PAGES = sorted(ANIMATED)


@pytest.mark.parametrize("name", ALL_PAGES)
def test_every_slider_moves_without_error(app_url, page, name):
    """A student will try every slider: each one, one step right and back, never breaks."""
    page.goto(f"{app_url}/{name}")
    wait_for_app(page)
    count = page.locator("[data-testid='stSlider']").count()
    assert count > 0, f"{name} has no slider"
    for index in range(count):
        if index >= page.locator("[data-testid='stSlider']").count():
            break  # a slider became a fixed value (its bounds met): nothing left to move
        for _attempt in range(10):  # a rerun may replace the element between lookup and focus
            try:
                page.locator("[data-testid='stSlider']").nth(index).get_by_role("slider").focus()
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
