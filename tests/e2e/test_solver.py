"""The size solver in a browser: ticking a row writes that answer out as layers."""

from __future__ import annotations

import pytest

from .harness import wait_for_app

pytestmark = pytest.mark.e2e


def test_ticking_a_row_writes_it_out_in_both_frameworks(app_url, page):
    page.goto(f"{app_url}/solver?kind=transposed&n=7&o=15")
    wait_for_app(page)
    code = page.locator("[data-testid='stCode']")
    code.first.wait_for()
    assert "nn.ConvTranspose2d(C_in, C_out, 3, stride=2)" in code.first.inner_text()

    # the second answer (k = 2, s = 2, d = 2): its tick box in the grid's first column
    grid = page.locator("[data-testid='stDataFrame']").first
    box = grid.locator("canvas").first.bounding_box()
    header = grid.locator("canvas").nth(1).bounding_box()["height"]
    page.mouse.click(box["x"] + 16, box["y"] + header + 1.5 * 37)
    wait_for_app(page)
    page.get_by_text("dilation=2)").first.wait_for(timeout=15_000)
    assert (
        code.first.inner_text().strip()
        == "nn.ConvTranspose2d(C_in, C_out, 2, stride=2, dilation=2)"
    )
    # Keras cannot write it: the reason, not code
    assert code.count() == 1
    assert page.get_by_text("Keras:").count() >= 1
    assert not page.errors.messages, page.errors.messages
