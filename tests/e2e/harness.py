"""Starting the app and driving Chromium: shared by the browser tests, the page benchmark and
the screenshot script (plain functions, no pytest)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_app(
    script: Path = ROOT / "app.py", port: int | None = None, timeout: float = 60
) -> tuple[subprocess.Popen, str]:
    """Serve ``script`` on loopback; return the process and its URL once it is healthy."""
    port = port or free_port()
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]
    server = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().decode() == "ok":
                    return server, url
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise RuntimeError(f"{script} did not become healthy within {timeout} s")


def stop_app(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()


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
