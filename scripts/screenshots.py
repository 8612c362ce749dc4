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
    "reflect-padding": "standard?h=5&w=5&k=3&p=full&pmode=reflect&input=count&step=6",
    "layer-volume": "standard?present=1&cin=3&cout=2&bias=1&h=5&w=5&k=3&step=13",
}
GIFS = {
    "standard": "standard?p=same&s=2&k=3&h=6&w=6",
    "transposed": "transposed?n=3&k=3&s=2",
}
PHONE_SHOTS = {"phone-standard": "standard?step=4"}
LIVE_CLASS = (
    "standard?present=1&p=same&k=3&h=6&w=6&input=count&kernel=custom&weights=1 0 -1; 2 0 -2; 1 0 -1"
)


# torchvision's resnet18 stem and first stages, as print(model) shows them
RESNET_STEM = (ROOT / "assets" / "models" / "resnet18-stem.txt").read_text(encoding="utf-8")


def pasted_model(browser, url: str, out: Path) -> None:
    """The receptive-field lab with a pasted ResNet stem: its layers listed, the stack and
    what one output sees."""
    page = browser.new_context(viewport={"width": 1280, "height": 1100}).new_page()
    page.goto(f"{url}/receptive-field?n=96")
    wait_for_app(page)
    page.get_by_text("📋 Paste a model").click()
    box = page.locator(".st-key-receptive-field_paste textarea")
    box.fill(RESNET_STEM)
    box.press("Control+Enter")
    page.get_by_text("are now the lab's stack").wait_for(timeout=30_000)
    wait_for_app(page)
    page.wait_for_timeout(1500)
    page.screenshot(path=str(out / "pasted-model.png"))
    print("saved", out / "pasted-model.png")
    page.context.close()


def live_class(browser, url: str, out: Path) -> None:
    """The live class on a projector: the join screen, then a question answered by three
    students (two right, one wrong) and revealed."""
    teacher = browser.new_context(viewport=PROJECTOR).new_page()
    teacher.goto(f"{url}/{LIVE_CLASS}")
    wait_for_app(teacher)
    teacher.wait_for_timeout(1500)
    teacher.get_by_role("button", name="👥 Start a class").click()
    link = teacher.get_by_role("dialog").get_by_text("?join=")
    link.wait_for()
    code = link.inner_text().strip()[-6:]
    teacher.wait_for_timeout(800)
    teacher.screenshot(path=str(out / "live-class-join.png"))
    print("saved", out / "live-class-join.png")
    teacher.keyboard.press("Escape")
    students = [browser.new_context(viewport=PROJECTOR).new_page() for _ in range(3)]
    for student in students:
        student.goto(f"{url}/?join={code}")
        student.get_by_text("Following the teacher").wait_for(timeout=30_000)
    teacher.get_by_role("button", name="❓ Ask the class").click()
    teacher.get_by_role("button", name="What does the next step write?").click()
    state = teacher.evaluate(
        """async (code) => (await fetch(`/api/class/${code}`, {headers: {"X-Teacher-Key":
            localStorage.getItem(`conv-class-teacher-${code}`)}})).json()""",
        code,
    )
    right = int(state["question"]["answer"])
    for student, answer in zip(students, (right, right, right + 2), strict=True):
        student.get_by_label("Your answer").fill(str(answer))
        student.get_by_role("button", name="Send my answer").click()
    teacher.get_by_text("3 of 3 answered").wait_for(timeout=10_000)
    teacher.get_by_role("button", name="👁 Reveal").click()
    teacher.locator("table.live-histogram th", has_text="✓").wait_for(timeout=10_000)
    teacher.wait_for_timeout(1500)
    teacher.screenshot(path=str(out / "live-class.png"))
    print("saved", out / "live-class.png")


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
            if not names or "live-class" in names:
                live_class(browser, url, out)
            if not names or "pasted-model" in names:
                pasted_model(browser, url, out)
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
