"""Take the README screenshots: start the app, visit each page, save PNGs in docs/.

Run: ``make screenshots`` (needs /usr/bin/chromium).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.e2e.harness import CHROMIUM, CHROMIUM_ARGS, start_app, stop_app, wait_for_app  # noqa: E402

SHOTS = {
    "home": "",
    "standard": "standard?p=same&s=2&k=3&h=6&w=7&step=4",
    "conv1d": "conv1d?d=2&p=same&n=12",
    "transposed": "transposed?n=3&k=3&s=2&step=12",
    "dilated": "dilated?rates=1, 2, 4",
    "receptive-field": "receptive-field?n=48",
    "causal": "causal?leak=1&k=3&n=12&step=5",
    "separable": "separable?cin=3&cout=4&k=3",
    "lightweight": "lightweight?c=8&h=2&k=3",
}


def main(names: list[str]) -> None:
    from playwright.sync_api import sync_playwright

    server, url = start_app()
    try:
        out = ROOT / "docs"
        out.mkdir(exist_ok=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1500})
            for name in names or list(SHOTS):
                page.goto(f"{url}/{SHOTS[name]}")
                wait_for_app(page)
                page.wait_for_timeout(1500)
                page.screenshot(path=str(out / f"{name}.png"))
                print("saved", out / f"{name}.png")
            browser.close()
    finally:
        stop_app(server)


if __name__ == "__main__":
    main(sys.argv[1:])
