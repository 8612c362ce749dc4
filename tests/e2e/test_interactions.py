"""Interactions a teacher relies on: clicking an output cell pins it everywhere."""

from __future__ import annotations

import pytest

from .conftest import wait_for_app

pytestmark = pytest.mark.e2e

CLICK_POINT = """([key, index]) => {
    const plot = document.querySelector(`.st-key-${key} .js-plotly-plot`);
    const trace = plot._fullData.find(t => t.name === 'output cells');
    const xa = plot._fullLayout[trace.xaxis.replace('x', 'xaxis')];
    const ya = plot._fullLayout[trace.yaxis.replace('y', 'yaxis')];
    const box = plot.getBoundingClientRect();
    return [box.left + xa._offset + xa.l2p(trace.x[index]),
            box.top + ya._offset + ya.l2p(trace.y[index])];
}"""


def test_clicking_an_output_cell_pins_it(app_url, page):
    page.goto(f"{app_url}/standard?h=6&w=6&k=3&p=valid")
    wait_for_app(page)
    page.wait_for_selector(".st-key-standard_chart .js-plotly-plot")
    x, y = page.evaluate(CLICK_POINT, ["standard_chart", 5])  # output cell y[1, 1]
    page.mouse.click(x, y)
    page.wait_for_function("() => window.location.search.includes('step=5')", timeout=15_000)
    wait_for_app(page)
    active = page.evaluate(
        "() => document.querySelector('.st-key-standard_chart .js-plotly-plot')"
        ".layout.sliders[0].active"
    )
    assert active == 5, f"the figure should open on the pinned step, not {active}"
    assert page.get_by_text("y[1, 1] is the sum").first.is_visible(), "the inspector follows"
    assert page.locator("[data-testid='stException']").count() == 0
    assert not page.errors.messages, page.errors.messages
