"""Interactions a teacher relies on: clicking an output cell pins it everywhere."""

from __future__ import annotations

import pytest

from .harness import (
    OVERFLOWING,
    assert_clean,
    scene,
    scene_equation,
    scene_step,
    settled,
    wait_for_app,
)

pytestmark = pytest.mark.e2e

CLICK_POINT = """([key, index]) => {
    const plot = document.querySelector(`.st-key-${key} .js-plotly-plot`);
    const trace = plot._fullData.find(t => t.name === 'cells');
    const xa = plot._fullLayout[trace.xaxis.replace('x', 'xaxis')];
    const ya = plot._fullLayout[trace.yaxis.replace('y', 'yaxis')];
    const box = plot.getBoundingClientRect();
    return [box.left + xa._offset + xa.l2p(trace.x[index]),
            box.top + ya._offset + ya.l2p(trace.y[index])];
}"""


def output_cell(page, key: str, index: int):
    """Output cell ``index`` of a scene: its last panel's clickable cells."""
    return scene(page, key).locator(".panel").last.locator("rect.clickable").nth(index)


def test_clicking_an_output_cell_pins_it(app_url, page):
    page.goto(f"{app_url}/standard?h=6&w=6&k=3&p=valid")
    wait_for_app(page)
    output_cell(page, "standard_chart", 5).click()  # output cell y[1, 1]
    assert scene_step(page, "standard_chart") == 5
    assert scene_equation(page, "standard_chart").startswith("y[1, 1] ="), "the sum follows"
    page.wait_for_function("() => window.location.search.includes('step=5')", timeout=15_000)
    wait_for_app(page)
    page.reload()
    wait_for_app(page)
    assert scene_step(page, "standard_chart") == 5, "the link reopens the pinned step"
    assert_clean(page)


def _outline_columns(page, key: str, colour: str) -> list:
    """The x-ranges of outline traces of ``colour`` in a plotly chart (one per rectangle)."""
    return page.evaluate(
        """([key, colour]) => {
            const plot = document.querySelector(`.st-key-${key} .js-plotly-plot`);
            return plot._fullData.filter(t => t.line && t.line.color === colour && t.x)
                .map(t => [Math.min(...t.x.filter(v => v !== null)),
                           Math.max(...t.x.filter(v => v !== null))]);
        }""",
        [key, colour],
    )


def test_transposed_output_cell_is_pinned_in_all_three_views(app_url, page):
    page.goto(f"{app_url}/transposed?n=3&k=3&s=2")
    wait_for_app(page)
    output_cell(page, "transposed_scatter_chart", 9).click()  # output (1, 2) of a 7×7 output
    page.wait_for_function("() => window.location.search.includes('step=9')", timeout=15_000)
    wait_for_app(page)
    pinned = scene(page, "transposed_scatter_chart").locator(".equation .pinned-sum")
    assert pinned.inner_text().startswith("y[1, 2] ="), "the scatter view sums the pinned cell"
    page.get_by_role("tab", name="Zeros").click()
    wait_for_app(page)
    assert scene_step(page, "transposed_chart") == 9, "zero insertion opens on the pinned cell"
    page.get_by_role("tab", name="Matrix").click()
    page.wait_for_selector(".st-key-transposed_matrix_chart .js-plotly-plot")
    wait_for_app(page)
    assert [8.5, 9.5] in _outline_columns(page, "transposed_matrix_chart", "#0072b2"), "C"
    assert_clean(page)


def test_causal_leak_toggle_and_wavenet_counter(app_url, page):
    page.goto(f"{app_url}/causal")
    wait_for_app(page)
    page.get_by_text("no output reads a later input").wait_for()
    page.locator(".st-key-causal_leak label").first.click()
    page.get_by_text("Centred padding leaks the future").wait_for(timeout=15_000)
    page.wait_for_function("() => window.location.search.includes('leak=1')", timeout=15_000)
    assert page.get_by_text("1,024").first.is_visible(), "WaveNet receptive field"
    select = page.locator(".st-key-causal_dmax")
    select.scroll_into_view_if_needed()  # a menu opened mid-scroll closes again
    select.click()
    page.get_by_role("option", name="64", exact=True).click()
    page.get_by_text("128").first.wait_for(timeout=15_000)
    assert_clean(page)


def test_groups_and_heads_change_the_counters(app_url, page):
    page.goto(f"{app_url}/separable?cin=4&cout=4&k=3")
    wait_for_app(page)
    page.get_by_text("groups = 1: which inputs").wait_for()
    page.locator(".st-key-separable_g").get_by_text("2", exact=True).click()
    page.get_by_text("groups = 2: which inputs").wait_for(timeout=15_000)
    page.wait_for_function("() => window.location.search.includes('g=2')", timeout=15_000)
    page.goto(f"{app_url}/lightweight?c=8&h=2&k=3")
    wait_for_app(page)
    page.locator(".st-key-lightweight_h").get_by_text("4", exact=True).click()
    page.wait_for_function("() => window.location.search.includes('h=4')", timeout=15_000)
    assert_clean(page)


def test_dilated_click_an_output_cell_shows_what_feeds_it(app_url, page):
    page.goto(f"{app_url}/dilated?rates=1, 2, 4&grid=41&view=layers")
    wait_for_app(page)
    page.wait_for_selector(".st-key-dilated_layers_chart .js-plotly-plot")
    page.locator(".st-key-dilated_layers_chart").scroll_into_view_if_needed()
    x, y = page.evaluate(CLICK_POINT, ["dilated_layers_chart", 0])  # the window's top-left cell
    page.mouse.click(x, y)
    page.wait_for_function("() => !window.location.search.includes('or=20')", timeout=15_000)
    wait_for_app(page)
    assert_clean(page)


def test_receptive_field_click_an_output_position(app_url, page):
    page.goto(f"{app_url}/receptive-field?n=32")
    wait_for_app(page)
    strip = scene(page, "receptive-field_outputs_chart").locator(".panel").first
    strip.locator("rect.clickable").nth(2).click()
    caption = scene_equation(page, "receptive-field_outputs_chart")
    position = int(caption.split()[1])
    page.wait_for_function(f"() => window.location.search.includes('o={position}')", timeout=15_000)
    wait_for_app(page)
    assert (
        f"paths to output {position}" in scene(page, "receptive-field_outputs_chart").inner_text()
    )
    assert_clean(page)


def test_a_long_input_strip_takes_smaller_cells_and_the_outputs_stay_clickable(app_url, page):
    """AlexNet-like at n = 224: the inputs one output reads span 585 cells, too many for the
    scene at 8 px. That strip takes smaller cells rather than push the page sideways; the
    outputs' strip, which fits, keeps 8 px cells to click."""
    page.goto(f"{app_url}/receptive-field?preset=AlexNet-like&n=224")
    settled(page)
    drawn = scene(page, "receptive-field_outputs_chart")
    outputs, inputs = drawn.locator(".panel svg").all()[:2]
    assert page.evaluate(OVERFLOWING) == []
    assert inputs.bounding_box()["width"] <= drawn.bounding_box()["width"]
    first, second = (cell.bounding_box() for cell in outputs.locator("rect.clickable").all()[:2])
    assert second["x"] - first["x"] == 8, (first, second)  # 8 px a cell, gaps included
    assert_clean(page)


def test_a_slider_reruns_only_its_own_section(app_url, page):
    """Moving the first section's k resends its animation, not the stacking section below."""
    frames: list[bytes] = []
    page.on(
        "websocket",
        lambda socket: socket.on(
            "framereceived",
            lambda payload: frames.append(payload if isinstance(payload, bytes) else b""),
        ),
    )
    page.goto(f"{app_url}/dilated")
    wait_for_app(page)
    page.wait_for_selector(".st-key-dilated_support_chart .js-plotly-plot")
    scene(page, "dilated_chart")
    assert any(b"dilated_support_chart" in frame for frame in frames), "sent on a full run"
    frames.clear()
    slider = page.locator(".st-key-dilated_k").get_by_role("slider")
    slider.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => window.location.search.includes('k=4')", timeout=15_000)
    wait_for_app(page)
    sent = b"".join(frames)
    assert b"dilated_chart" in sent, "the animation of the moved section is redrawn"
    assert b"dilated_support_chart" not in sent, "the stacking section must not rerun"
    assert_clean(page)
