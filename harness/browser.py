"""Driving Debian's headless Chromium through the app: waiting for a rerun, finding a scene,
the screens that matter (a projector, a phone)."""

from __future__ import annotations

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def wait_for_app(page, timeout: float = 30_000) -> None:
    """Wait until the script finished its rerun and no skeleton remains."""
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout
    )
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=timeout
    )


def scene(page, key: str):
    """The animated scene of the chart ``key`` (a locator inside the component's shadow root;
    Playwright's CSS selectors pierce open shadow roots)."""
    locator = page.locator(f".st-key-{key} .scene")
    locator.wait_for(timeout=30_000)
    return locator


def scene_step(page, key: str) -> int:
    return int(scene(page, key).get_attribute("data-step"))


def scene_equation(page, key: str) -> str:
    return scene(page, key).locator(".equation").inner_text().strip()


PROJECTOR = {"width": 1280, "height": 720}
# a phone's own user agent: Streamlit (and the app: ui.page.on_a_phone) decide "mobile"
# from it (a narrow desktop window keeps its sidebar open after navigating)
PHONE_AGENT = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/130.0.0.0 Mobile Safari/537.36"
)
PHONE = {"width": 390, "height": 844}


def phone_context(browser, **options):
    """A browser context as a phone: its screen, touch and its user agent."""
    return browser.new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, user_agent=PHONE_AGENT, **options
    )
