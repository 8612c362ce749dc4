"""The Chinese interface in a real browser: rendered with a CJK font, and switchable
without losing a setting."""

from __future__ import annotations

import pytest

from .conftest import screenshot
from .harness import PROJECTOR, assert_clean, scene, wait_for_app

pytestmark = pytest.mark.e2e

# Draw a text with an element's own font on a canvas, and the same number of characters no
# font has (private use area: every one a missing-glyph box). Equal pixels mean tofu.
TOFU = """([selector, text]) => {
    const element = document.querySelector(selector);
    const font = getComputedStyle(element).font;
    const draw = (value) => {
        const canvas = document.createElement('canvas');
        canvas.width = 400; canvas.height = 60;
        const context = canvas.getContext('2d');
        context.font = font;
        context.fillText(value, 4, 44);
        return canvas.toDataURL();
    };
    const boxes = Array.from(text, (_, i) => String.fromCharCode(0xE000 + i)).join('');
    return draw(text) === draw(boxes);
}"""


@pytest.mark.parametrize(
    ("path", "title", "chart"),
    [
        ("standard?lang=zh&k=2&s=2", "标准卷积", "standard_chart"),
        ("causal?lang=zh&leak=1", "因果卷积", "causal_chart"),
    ],
)
def test_chinese_pages_render_their_text(browser, app_url, path, title, chart):
    context = browser.new_context(viewport=PROJECTOR)
    page = context.new_page()
    try:
        page.goto(f"{app_url}/{path}")
        wait_for_app(page)
        heading = page.locator("h1").first
        assert title in heading.inner_text()
        assert not page.evaluate(TOFU, ["h1", title]), "the title is drawn as empty boxes"
        drawn = scene(page, chart)
        assert "播放" in drawn.locator("button.play").inner_text()
        screenshot(page, f"zh-{chart.removesuffix('_chart')}")
    finally:
        context.close()


def test_switching_the_language_keeps_every_other_setting(app_url, page):
    page.goto(f"{app_url}/standard?k=2&s=2&p=same&h=7&w=7")
    wait_for_app(page)
    assert "Standard convolution" in page.locator("h1").first.inner_text()
    page.get_by_role("radio", name="中文").click()
    page.wait_for_function("() => window.location.search.includes('lang=zh')", timeout=15_000)
    wait_for_app(page)
    assert "标准卷积" in page.locator("h1").first.inner_text()
    query = page.evaluate("() => window.location.search")
    for setting in ("k=2", "s=2", "p=same", "h=7", "w=7"):
        assert setting in query, query
    page.get_by_role("radio", name="English").click()
    page.wait_for_function("() => window.location.search.includes('lang=en')", timeout=15_000)
    wait_for_app(page)
    assert "Standard convolution" in page.locator("h1").first.inner_text()
    assert_clean(page)
