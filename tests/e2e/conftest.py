"""Browser-test harness: a real Streamlit server and Debian's headless Chromium.

Playwright's own browser download does not work on these machines, so the tests launch
``/usr/bin/chromium``. Without it they are skipped with a loud reason, unless
``REQUIRE_BROWSER=1`` (set by CI), which turns the skip into a failure.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .harness import CHROMIUM, CHROMIUM_ARGS, ROOT, phone_context, start_app, stop_app

SCREENSHOTS = ROOT / "artifacts" / "screenshots"
# Console noise that is not an error of the app (see TESTING.md).
KNOWN_NOISE = ("_stcore/health", "_stcore/host-config", "favicon", "Failed to load resource")


def _browser_missing() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} is missing (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright Python client is not installed"
    return None


@pytest.fixture(scope="session")
def app_url():
    """Start the app on a free loopback port; stop it after the session."""
    try:
        server, url = start_app()
    except RuntimeError as error:
        pytest.fail(str(error))
    yield url
    stop_app(server)


@pytest.fixture(scope="session")
def browser():
    missing = _browser_missing()
    if missing:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but {missing}")
        pytest.skip(f"BROWSER TESTS SKIPPED: {missing}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageErrors:
    """Collects console errors and page exceptions that are not known noise."""

    def __init__(self, page) -> None:
        self.messages: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.messages.append(f"pageerror: {error}"))
        page.on("response", self._response)

    def _response(self, response) -> None:
        # "Failed to load resource" console lines are noise only for the deep-link probes
        # of /<page>/_stcore/{health,host-config}; any other failed request is an error.
        if response.status >= 400 and "/_stcore/" not in response.url:
            self.messages.append(f"HTTP {response.status}: {response.url}")

    def _console(self, message) -> None:
        if message.type == "error" and not any(n in message.text for n in KNOWN_NOISE):
            self.messages.append(f"console: {message.text}")


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 2000})
    page = context.new_page()
    page.errors = PageErrors(page)
    yield page
    context.close()


@pytest.fixture
def phone(browser):
    """A page on a phone (its screen, touch and user agent), closed after the test."""
    context = phone_context(browser)
    yield context.new_page()
    context.close()


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


def pytest_collection_modifyitems(items):
    """All browser tests on one xdist worker: one app server and one Chromium, while the
    other worker runs the computing tests (``-n 2 --dist loadgroup`` in pyproject.toml)."""
    for item in items:
        if "tests/e2e/" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.xdist_group("browser"))
