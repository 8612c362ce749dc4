"""Presenter mode at 1280 × 720 is a focus layout (issue 24): the page's name small, the
figure first and large, the sum and the legend on the first screen, the keys in a ``?``.
And every scene further down the page gets a screen of its own, with readable cells."""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from .harness import PROJECTOR, scene, settled

pytestmark = pytest.mark.e2e

MAIN = {
    "standard": "standard_chart",
    "transposed": "transposed_scatter_chart",
    "dilated": "dilated_chart",
}


def cell_size(page, key: str) -> float:
    """The side of one drawn grid cell of the scene ``key``, in CSS px."""
    rect = scene(page, key).locator("rect[data-index]").first
    return rect.bounding_box()["width"] + 2  # cells are drawn 1 px inside their square


def _open(browser, url: str):
    context = browser.new_context(viewport=PROJECTOR)
    page = context.new_page()
    page.goto(url)
    settled(page)
    return context, page


@pytest.mark.parametrize("name", list(MAIN))
def test_presenter_mode_enlarges_the_figure_and_keeps_it_on_the_first_screen(
    browser, app_url, name
):
    key = MAIN[name]
    context, page = _open(browser, f"{app_url}/{name}")
    try:
        normal = cell_size(page, key)
    finally:
        context.close()
    context, page = _open(browser, f"{app_url}/{name}?present=1")
    try:
        large = cell_size(page, key)
        assert large >= 1.4 * normal, f"{name}: {large} px presenting, {normal} px normally"
        drawn = scene(page, key)
        for part in (".equation", ".legend", ".panels"):
            box = drawn.locator(part).bounding_box()
            assert box["y"] >= 0 and box["y"] + box["height"] <= PROJECTOR["height"], part
        # no big title: the figure starts in the top fifth of the screen
        assert drawn.bounding_box()["y"] < PROJECTOR["height"] * 0.2
        assert page.locator("h1").count() == 0, "the page's name is small in presenter mode"
    finally:
        context.close()


def test_the_question_mark_lists_the_keys_and_they_move_the_sliders(browser, app_url):
    context, page = _open(browser, f"{app_url}/standard?present=1&h=6&w=6&k=3")
    try:
        keys = page.locator("[data-testid='stPopoverBody']")
        for _ in range(3):  # a rerun landing with the click redraws the button: click again
            page.get_by_role("button", name="?").click()
            try:
                keys.wait_for(timeout=5_000)
                break
            except PlaywrightTimeout:
                continue
        keys.wait_for()
        text = keys.inner_text()
        for key in ("Space", "K / Shift + K", "S / Shift + S", "D / Shift + D"):
            assert key in text, text
        page.keyboard.press("Escape")
        page.mouse.click(5, 400)  # the page, not a control
        # the controls wait closed under the figure: the value the link names
        shown = "() => new URLSearchParams(location.search).get('k')"
        assert page.evaluate(shown) == "3"
        page.keyboard.press("k")
        page.wait_for_function(f"() => ({shown})() === '4'", timeout=10_000)
        page.keyboard.press("Shift+K")
        page.wait_for_function(f"() => ({shown})() === '3'", timeout=10_000)
        # one row per control: no −/+ buttons under the sliders
        assert page.locator(".st-key-standard_k_up").count() == 0
        assert page.locator("[data-testid='stException']").count() == 0
    finally:
        context.close()


BELOW = [  # scenes further down a page, each with a screen of its own at 1280 × 720
    ("transposed", "transposed_chart"),  # zero insertion
    ("transposed", "transposed_versus_chart"),  # deconv vs dilated
]


@pytest.mark.parametrize(("name", "key"), BELOW)
def test_a_scene_below_the_first_screen_gets_readable_cells(browser, app_url, name, key):
    context, page = _open(browser, f"{app_url}/{name}")
    try:
        scene(page, key).scroll_into_view_if_needed()
        assert cell_size(page, key) >= 24, f"{name}: {key}"
    finally:
        context.close()


MENU = "[data-testid='stTopNav']"


def test_the_switch_hides_the_menu_and_the_controls_wait_under_the_figure(browser, app_url):
    """Switching presenter mode on hides the menu in the same step (no stale header), the
    figure takes the width, and every control is one click away below it."""
    context, page = _open(browser, f"{app_url}/standard?k=3")
    try:
        assert page.locator(MENU).is_visible()
        normal = cell_size(page, "standard_chart")
        page.locator(".st-key-standard_present label").click()
        page.locator(MENU).wait_for(state="detached", timeout=10_000)
        page.wait_for_function("() => new URLSearchParams(location.search).get('present') === '1'")
        page.locator(".st-key-standard_chart .scene.present[data-ready]").wait_for()
        assert cell_size(page, "standard_chart") >= 1.4 * normal
        controls = page.get_by_text("⚙ Controls")
        controls.click()
        slider = page.locator(".st-key-standard_k input[type=range]")
        slider.wait_for(state="attached")
        assert slider.input_value() == "3"
        page.locator(".st-key-standard_present label").click()
        page.locator(MENU).wait_for(timeout=10_000)
    finally:
        context.close()


def test_a_long_pipeline_wraps_when_that_shows_its_numbers_on_the_screen(browser, app_url):
    """Separable's five stacks at 1280 × 720: on one line (13 px) no map shows a number;
    in presenter mode with two channels in and out they wrap onto two lines whose cells
    print their numbers, and the whole scene stays on the first screen."""
    context, page = _open(browser, f"{app_url}/separable?present=1&cin=2&cout=2")
    try:
        drawn = scene(page, "separable_chart")
        assert cell_size(page, "separable_chart") >= 20
        tops = {
            round(box["y"]) for box in (p.bounding_box() for p in drawn.locator(".panel").all())
        }
        assert len(tops) > 1, "the panels wrap"
        printed = (
            drawn.locator(".panel")
            .first.locator("text")
            .evaluate_all("texts => texts.filter((t) => t.textContent.trim() !== '').length")
        )
        assert printed >= 25, "the input maps print their numbers"
        box = drawn.bounding_box()
        assert box["y"] + box["height"] <= PROJECTOR["height"]
    finally:
        context.close()


def test_the_letter_keys_do_not_fire_while_the_viewer_types(browser, app_url):
    """Typing "k" into a text field types a k: it does not move the k slider (WCAG 2.1.4);
    the same key outside the field does."""
    context, page = _open(browser, f"{app_url}/dilated?present=1&rates=custom&k=3")
    try:
        shown = "() => new URLSearchParams(location.search).get('k')"
        rates = page.get_by_label("Custom rates")
        rates.click()
        rates.press("End")
        rates.type("k")
        assert rates.input_value().endswith("k"), "the key reached the field"
        with pytest.raises(PlaywrightTimeout):  # an observation window: k must stay 3
            page.wait_for_function(f"() => ({shown})() !== '3'", timeout=1500)
        rates.press("Backspace")
        page.mouse.click(5, 400)  # the page, not a control
        page.keyboard.press("k")
        page.wait_for_function(f"() => ({shown})() === '4'", timeout=10_000)
    finally:
        context.close()
