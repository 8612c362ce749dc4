"""A shared link opened as the very first request of a fresh server must get the full app.

(Runs first in the session on purpose: were the page files in a folder named ``pages/``,
Streamlit 1.x would take a first request for ``/standard`` as its old multipage mode and
serve the page file alone, without navigation, to this and every later visitor. So they
live in ``app_pages/``, which only ``st.navigation`` reads.)
"""

from __future__ import annotations

import pytest

from .harness import assert_clean, wait_for_app

pytestmark = pytest.mark.e2e


def test_first_request_deep_link_has_navigation_and_its_settings(app_url, page):
    page.goto(f"{app_url}/standard?k=5&p=same&s=2")
    wait_for_app(page)
    page.locator(".st-key-standard_chart .scene").wait_for(timeout=30_000)
    navigation = page.locator("[data-testid='stTopNav']").inner_text()
    assert "Convolutions" in navigation and "Home" in navigation, navigation
    slider_text = page.locator(".st-key-standard_k").inner_text()
    assert "5" in slider_text, f"k=5 from the link was not applied: {slider_text!r}"
    assert "s=2" in page.url and "p=same" in page.url
    assert_clean(page)
