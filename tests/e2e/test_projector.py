"""The screens a class uses: a 1280 × 720 projector, a phone, presenter mode, one step's truth."""

from __future__ import annotations

import numpy as np
import pytest

import conv_engine as ce
from viz.theme import format_number

from .conftest import screenshot
from .harness import (
    OVERFLOWING,
    PHONE,
    PROJECTOR,
    scene,
    scene_equation,
    scene_step,
    wait_for_app,
)
from .test_pages_in_browser import ANIMATED

pytestmark = pytest.mark.e2e


FORMULA_PAST_EDGE = """() => [...document.querySelectorAll('.katex')].filter((maths) => {
    const text = maths.closest('[data-testid=stMarkdownContainer]');
    return text && maths.getBoundingClientRect().right > text.getBoundingClientRect().right + 1;
}).map((maths) => maths.textContent.slice(0, 40))"""


@pytest.mark.parametrize("name", ["standard", "transposed", "causal", "lightweight", "solver"])
def test_nothing_scrolls_sideways_on_a_phone(phone, app_url, name):
    page = phone
    page.goto(f"{app_url}/{name}")
    wait_for_app(page)
    if name in ANIMATED:
        scene(page, ANIMATED[name])
    page.locator(".katex").first.wait_for()
    assert page.evaluate(OVERFLOWING) == [], f"{name} on a phone"
    assert page.evaluate(FORMULA_PAST_EDGE) == [], f"{name}: a formula runs off the screen"
    screenshot(page, f"phone-{name}")


def test_scrubbing_to_the_last_step_changes_the_equation(app_url, page):
    page.goto(f"{app_url}/standard?h=6&w=6&k=3&p=valid")
    wait_for_app(page)
    scrubber = scene(page, "standard_chart").locator("input.scrubber")
    scrubber.fill("15")
    assert scene_step(page, "standard_chart") == 15
    assert scene_equation(page, "standard_chart").startswith("y[3, 3] =")


def step_sum(step: ce.TraceStep, name: str) -> str:
    """A trace step's sum as written by hand: ``name = x·w + … = value``, negatives as
    factors in parentheses, a real minus sign (no spaces)."""

    def number(value: float) -> str:
        return format_number(value).replace("-", "−")

    def factor(value: float) -> str:
        return f"({number(value)})" if value < 0 else number(value)

    values, weights = step.input_values.ravel(), step.weights.ravel()
    terms = "+".join(f"{factor(x)}·{factor(w)}" for x, w in zip(values, weights, strict=True))
    return f"{name}={terms}={number(step.value)}"


def test_the_scene_writes_the_engines_equation(app_url, page):
    """Each step's sum as the browser writes it equals the engine trace's step equation."""
    page.goto(f"{app_url}/standard?h=5&w=5&k=3&p=same&s=2&input=count&kernel=sobel&d=1")
    wait_for_app(page)
    x = np.arange(25.0).reshape(5, 5)
    from conv_engine.presets import kernel_preset

    trace = ce.conv_trace(x, kernel_preset("sobel", 3), 2, "same", 1)
    for step in range(trace.num_steps):
        scene(page, "standard_chart").locator("input.scrubber").fill(str(step))
        row, col = trace.output_position(step)
        expected = step_sum(trace.step(step), f"y[{row}, {col}]")
        assert scene_equation(page, "standard_chart").replace(" ", "") == expected.replace(" ", "")


@pytest.mark.parametrize(("kernel_size", "colours"), [(3, 9), (4, 4)])
def test_every_tap_is_drawn_and_a_product_points_at_its_pair(app_url, page, kernel_size, colours):
    """k = 3: nine taps, each its own colour; k = 4 (16 taps, 9 colours): every tap drawn,
    one colour per kernel row, so no colour links a product to two cells. Pointing at a
    product outlines the input cell and the weight it multiplies."""
    page.goto(f"{app_url}/standard?h=8&w=8&k={kernel_size}&d=1&p=valid")
    wait_for_app(page)
    drawn = scene(page, "standard_chart")
    taps = drawn.locator(".panel").first.locator("rect.tap")
    assert taps.count() == kernel_size**2
    fills = taps.evaluate_all("rects => rects.map((r) => r.getAttribute('fill'))")
    assert len(set(fills)) == colours
    rows = [fills[r * kernel_size : (r + 1) * kernel_size] for r in range(kernel_size)]
    if colours < kernel_size**2:
        assert all(len(set(row)) == 1 for row in rows), "one colour per kernel row"
    scene(page, "standard_chart").locator("input.scrubber").fill("1")  # y[0, 1]
    term = drawn.locator(".equation .term").nth(kernel_size + 1)  # row 1, column 1
    term.hover()
    pair = drawn.locator("rect.pair")
    assert pair.count() == 2 and pair.first.is_visible()
    cell = drawn.locator(".panel").first.locator("rect[data-index]").nth(1 * 8 + 2)
    weight = drawn.locator(".panel").nth(1).locator("rect[data-index]").nth(kernel_size + 1)
    for mark, target in zip(pair.all(), (cell, weight), strict=True):
        box, want = mark.bounding_box(), target.bounding_box()
        assert abs(box["x"] - want["x"]) < 4 and abs(box["y"] - want["y"]) < 4


def test_presenter_mode_plays_on_space(browser, app_url):
    context = browser.new_context(viewport=PROJECTOR)
    page = context.new_page()
    try:
        page.goto(f"{app_url}/standard?present=1")
        wait_for_app(page)
        drawn = scene(page, "standard_chart")
        assert "present" in drawn.get_attribute("class")
        assert not page.evaluate(MENU_SHOWN), "presenter mode hides the menu"
        assert not page.evaluate(SIDEBAR_OPEN)
        page.mouse.click(5, 360)  # the page, not a control
        page.keyboard.press("Space")
        page.wait_for_function(
            """() => {
                const host = document.querySelector(
                    '.st-key-standard_chart [data-testid^=stBidiComponent]');
                const root = host.shadowRoot.querySelector('.scene');
                return root.classList.contains('playing') || Number(root.dataset.step) > 0;
            }""",
            timeout=10_000,
        )
        page.keyboard.press("Space")  # pause
        step = scene_step(page, "standard_chart")
        page.keyboard.press("ArrowRight")
        assert scene_step(page, "standard_chart") == step + 1
        # the controls wait closed under the figure: the value the link names
        value = "() => new URLSearchParams(location.search).get('k')"
        before = page.evaluate(value)
        page.keyboard.press("k")  # a main control's key: k + 1
        page.wait_for_function(f"(before) => ({value})() !== before", arg=before, timeout=10_000)
        screenshot(page, "presenter-standard")
    finally:
        context.close()


def test_a_link_with_view_opens_that_tab(app_url, page):
    page.goto(f"{app_url}/transposed?view=matrix")
    wait_for_app(page)
    page.wait_for_selector(".st-key-transposed_matrix_chart .js-plotly-plot")
    selected = page.get_by_role("tab", selected=True).inner_text()
    assert "Matrix" in selected
    page.get_by_role("tab", name="Checkers").click()
    page.wait_for_function(
        "() => window.location.search.includes('view=checkerboard')", timeout=15_000
    )


WIDE = {"width": 1920, "height": 1080}
SIDEBAR_OPEN = """() => {
    const bar = document.querySelector("[data-testid='stSidebar']");
    return Boolean(bar) && bar.getBoundingClientRect().right > 40;
}"""
MENU_SHOWN = """() => {
    const menu = document.querySelector("[data-testid='stTopNav']");
    return Boolean(menu) && menu.getBoundingClientRect().width > 0;
}"""


@pytest.mark.parametrize("name", ["standard", "transposed", "causal", "dilated"])
@pytest.mark.parametrize("screen", [PROJECTOR, WIDE], ids=["1280", "1920"])
def test_a_laptop_or_wide_screen_shows_the_menu_controls_figure_and_equation(
    browser, app_url, name, screen
):
    """The menu is in the header, no sidebar takes the figure's width, and the first
    screen holds the main slider, the animation and the step's equation; nothing
    scrolls sideways."""
    from .test_pages_in_browser import SLIDER_OF

    context = browser.new_context(viewport=screen)
    page = context.new_page()
    try:
        page.goto(f"{app_url}/{name}")
        wait_for_app(page)
        assert page.evaluate(MENU_SHOWN), "the menu is in the header"
        assert not page.evaluate(SIDEBAR_OPEN), "no sidebar squeezes the figure"
        drawn = scene(page, ANIMATED[name])
        slider = page.locator(f".st-key-{SLIDER_OF[name]}")
        for part, locator in (
            ("slider", slider),
            ("equation", drawn.locator(".equation")),
        ):
            box = locator.bounding_box()
            assert box and box["y"] + box["height"] <= screen["height"], f"{name}: {part}"
        panels = drawn.locator(".panels").bounding_box()
        assert panels["y"] + min(panels["height"], 200) <= screen["height"], f"{name}: figure"
        assert panels["x"] + panels["width"] > screen["width"] / 2, "the figure has the width"
        assert page.evaluate(OVERFLOWING) == [], f"{name}: something scrolls sideways"
    finally:
        context.close()


def test_at_150_percent_zoom_nothing_is_clipped(browser, app_url):
    """1920 × 1080 at 150 % zoom is a 1280 × 720 CSS viewport at device scale 1.5."""
    context = browser.new_context(viewport=PROJECTOR, device_scale_factor=1.5)
    page = context.new_page()
    try:
        for name in ("standard", "transposed"):
            page.goto(f"{app_url}/{name}")
            wait_for_app(page)
            scene(page, ANIMATED[name])
            assert page.evaluate(OVERFLOWING) == [], f"{name} at 150 %"
    finally:
        context.close()


def test_choosing_a_page_on_a_phone_closes_the_sidebar(phone, app_url):
    page = phone
    page.goto(f"{app_url}/")
    wait_for_app(page)
    if not page.evaluate(SIDEBAR_OPEN):
        page.locator("[data-testid='stExpandSidebarButton']").first.click()
        page.wait_for_function(SIDEBAR_OPEN)
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.get_by_role("link", name="Transposed").first.click()
    page.wait_for_url("**/transposed**")
    wait_for_app(page)
    page.wait_for_function(f"() => !({SIDEBAR_OPEN})()", timeout=10_000)
    assert scene(page, ANIMATED["transposed"]).locator(".equation").is_visible()


@pytest.mark.parametrize("name", ["standard", "conv1d", "transposed", "dilated"])
def test_on_a_phone_the_figure_comes_before_the_controls(phone, app_url, name):
    """A phone stacks a page's columns: the animation first, its sliders under it."""
    from .test_pages_in_browser import SLIDER_OF

    page = phone
    page.goto(f"{app_url}/{name}")
    wait_for_app(page)
    drawn = scene(page, ANIMATED[name])
    slider = page.locator(f".st-key-{SLIDER_OF[name]}")
    assert drawn.bounding_box()["y"] < slider.bounding_box()["y"], name
    assert drawn.locator(".toolbar").bounding_box()["y"] < PHONE["height"], name
