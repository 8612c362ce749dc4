"""Take the README screenshots as a class sees the app: a 1280 × 720 projector and one
phone; and the README's GIFs, made by the app's own "Export for
slides" button. Saved in docs/.

Run: ``make screenshots`` (needs /usr/bin/chromium).
"""

from __future__ import annotations

import sys
from pathlib import Path

from harness import (
    CHROMIUM,
    CHROMIUM_ARGS,
    PHONE,
    PROJECTOR,
    phone_context,
    start_app,
    stop_app,
    wait_for_app,
)

ROOT = Path(__file__).resolve().parents[1]

SHOTS = {
    "home": "",
    "standard": "standard?p=same&s=2&k=3&h=6&w=7&step=4",
    "conv1d": "conv1d?d=2&p=same&n=12&step=3",
    "transposed": "transposed?n=3&k=3&s=2&step=12",
    "dilated": "dilated?rates=1, 2, 4&step=6",
    "receptive-field": "receptive-field?n=48",
    "causal": "causal?leak=1&k=3&n=12&step=5",
    "separable": "separable?cin=3&cout=4&k=3",
    "lightweight": "lightweight?c=8&h=2&k=3&step=4",
    "presenter": "standard?present=1&k=3&h=6&w=6&step=7",
    "presenter-transposed": "transposed?present=1&n=3&k=3&s=2&step=12",
    "solver": "solver?kind=conv&n=224&o=112",
    "exercises": "exercises?topic=standard&q=4&seed=1",
    "zh-standard": "standard?lang=zh&p=same&s=2&k=3&h=6&w=7&step=4",
    "zh-transposed": "transposed?lang=zh&n=3&k=3&s=2&step=12",
}
GIFS = {
    "standard": "standard?p=same&s=2&k=3&h=6&w=6",
    "transposed": "transposed?n=3&k=3&s=2",
}
PHONE_SHOTS = {"phone-standard": "standard?step=4"}


def main(names: list[str]) -> None:
    from playwright.sync_api import sync_playwright

    server, url = start_app()
    try:
        out = ROOT / "docs"
        out.mkdir(exist_ok=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for shots, viewport in ((SHOTS, PROJECTOR), (PHONE_SHOTS, PHONE)):
                context = (
                    phone_context(browser)
                    if viewport is PHONE
                    else browser.new_context(viewport=viewport)
                )
                page = context.new_page()
                for name, path in shots.items():
                    if names and name not in names:
                        continue
                    page.goto(f"{url}/{path}")
                    wait_for_app(page)
                    page.wait_for_timeout(1500)
                    page.screenshot(path=str(out / f"{name}.png"))
                    print("saved", out / f"{name}.png")
                page.close()
            page = browser.new_page(viewport=PROJECTOR)
            for name, path in GIFS.items():
                if names and f"{name}.gif" not in names:
                    continue
                page.goto(f"{url}/{path}")
                wait_for_app(page)
                page.get_by_text("Export for slides").click()
                page.get_by_role("button", name="Make the GIF and MP4").click()
                button = page.get_by_role("button", name="GIF (")
                button.wait_for(timeout=120_000)
                with page.expect_download() as download:
                    button.click()
                download.value.save_as(out / f"{name}.gif")
                print("saved", out / f"{name}.gif")
            browser.close()
    finally:
        stop_app(server)


if __name__ == "__main__":
    main(sys.argv[1:])
