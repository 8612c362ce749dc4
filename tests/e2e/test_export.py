"""A lecturer takes the animation to a slide: the PNG and the GIF download and open."""

from __future__ import annotations

import pytest
from PIL import Image

from .harness import wait_for_app

pytestmark = pytest.mark.e2e


def download(page, label: str) -> Image.Image:
    button = page.get_by_role("button", name=label)
    button.wait_for(timeout=60_000)
    with page.expect_download(timeout=60_000) as event:
        button.click()
    return Image.open(event.value.path())


def test_png_and_gif_download_from_the_page(app_url, page):
    page.goto(f"{app_url}/standard?h=5&w=5&k=3&p=valid&s=1&d=1&step=4")
    wait_for_app(page)
    page.get_by_text("Export for slides").click()
    wait_for_app(page)
    png = download(page, "PNG of this step")
    assert png.format == "PNG" and png.width == 1920
    page.get_by_role("button", name="Make the GIF and MP4").click()
    gif = download(page, "GIF (")
    assert gif.format == "GIF"
    assert gif.n_frames == 9, "one frame per step of the 3 × 3 output"
    button = page.get_by_role("button", name="MP4 (")
    with page.expect_download(timeout=60_000) as event:
        button.click()
    with open(event.value.path(), "rb") as video:
        assert video.read(12)[4:8] == b"ftyp", "an MP4 file"
    assert page.locator("[data-testid='stException']").count() == 0
    assert not page.errors.messages, page.errors.messages
