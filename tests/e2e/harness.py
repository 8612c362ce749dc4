"""The browser tests' own helpers, beside the shared harness (``harness/``: the server and
Chromium, which the benchmarks and scripts use too)."""

from __future__ import annotations

from harness import *  # noqa: F403  (the shared harness; the tests import it from here)
from harness import PROJECTOR

OVERFLOWING = """() => {
    // elements on screen whose content is wider than they are and that scroll sideways
    const wide = [];
    const shown = (el) => {  // on screen: not collapsed, not slid out (a closed sidebar)
        const box = el.getBoundingClientRect();
        return box.width > 0 && box.height > 0 && box.right > 0 && box.left < innerWidth;
    };
    const walk = (root) => {
        for (const el of root.querySelectorAll('*')) {
            if (!shown(el)) continue;
            const style = getComputedStyle(el);
            // a table of data may scroll sideways (WCAG 1.4.10 excepts two-dimensional ones),
            // and so may a row of tabs (Streamlit's tab list scrolls on its own, by arrow keys)
            const table = String(el.className).includes('stDataFrameGlideDataEditor')
                || el.closest('[data-testid="stTable"]') || el.getAttribute('role') === 'tablist';
            if (!table && ['auto', 'scroll'].includes(style.overflowX)
                && el.scrollWidth > el.clientWidth + 1)
                wide.push((el.className && el.className.baseVal === undefined
                    ? el.className : el.tagName) + ' ' + el.scrollWidth + '>' + el.clientWidth);
            if (el.shadowRoot) walk(el.shadowRoot);
        }
    };
    walk(document);
    const page = document.scrollingElement;
    if (page.scrollWidth > page.clientWidth + 1) wide.push('page');
    return wide;
}"""


def inside_first_screen(locator, height: int = PROJECTOR["height"]) -> bool:
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


def assert_clean(page) -> None:
    """The page shows no Python exception, and the browser logged no error or exception."""
    assert page.locator("[data-testid='stException']").count() == 0
    assert not page.errors.messages, page.errors.messages
