"""Driving Debian's headless Chromium through the app: waiting for a rerun, finding a scene,
the screens that matter (a projector, a phone)."""

from __future__ import annotations

from playwright.sync_api import TimeoutError as PlaywrightTimeout

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
    Playwright's CSS selectors pierce open shadow roots), once it is drawn and fitted to the
    screen (the player marks it ``data-ready``)."""
    page.locator(f".st-key-{key} .scene[data-ready]").wait_for(timeout=30_000)
    return page.locator(f".st-key-{key} .scene")


SCENES_READY = """() => {
    // every component on the page but the document-language one is a scene: each must hold
    // a drawn, fitted scene (looked for through the components' shadow roots)
    const deep = (root, selector) => root.querySelector(selector) || [...root.querySelectorAll('*')]
        .some((el) => el.shadowRoot && deep(el.shadowRoot, selector));
    const hosts = [...document.querySelectorAll('.stBidiComponent')]
        .filter((host) => !host.closest('.st-key-document_language'));
    return hosts.every((host) => deep(host, '.scene[data-ready]'));
}"""


def settled(page, timeout: float = 30_000) -> None:
    """Wait until the script's rerun is over and every scene on the page is drawn and
    fitted to the screen."""
    wait_for_app(page, timeout)
    page.wait_for_function(SCENES_READY, timeout=timeout)


def stays(page, key: str, step: int, window_ms: float) -> bool:
    """Whether the scene ``key`` is still at ``step`` after ``window_ms``: fails as soon as
    it moves (an observation window for what must *not* happen, not a sleep to sync on)."""
    handle = scene(page, key).element_handle()
    try:
        page.wait_for_function(
            "([el, step]) => Number(el.dataset.step) !== step",
            arg=[handle, step],
            timeout=window_ms,
        )
    except PlaywrightTimeout:
        return True
    return False


def until_step(page, key: str, condition: str, timeout: float = 30_000) -> int:
    """Wait until the scene ``key``'s step meets ``condition`` (a JS expression of
    ``step``, e.g. ``"step >= 3"``); return the step."""
    handle = scene(page, key).element_handle()
    page.wait_for_function(
        f"(el) => {{ const step = Number(el.dataset.step); return {condition}; }}",
        arg=handle,
        timeout=timeout,
    )
    return scene_step(page, key)


def reported(page, key: str, step: int, timeout: float = 30_000) -> None:
    """Wait until the scene ``key`` has told the server its step ``step`` (the player does
    it once the viewer settles) and the rerun it causes is over."""
    page.locator(f".st-key-{key} .scene[data-reported='{step}']").wait_for(timeout=timeout)
    wait_for_app(page, timeout)


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
