"""A viewer's own picture in the browser (issue 29): uploaded on Separable and on
Standard, it is drawn; a corrupt file is a sentence and the page keeps working."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image

from .harness import scene, wait_for_app

CORRUPT = "not a PNG, JPEG or WebP picture, or it is damaged"


def _png(pixels: np.ndarray) -> bytes:
    out = io.BytesIO()
    Image.fromarray(pixels.astype(np.uint8)).save(out, format="PNG")
    return out.getvalue()


def halves() -> bytes:
    """Black on the left, white on the right: an input of 0s, then 9s."""
    pixels = np.zeros((120, 120, 3))
    pixels[:, 60:] = 255
    return _png(pixels)


def _upload(page, name: str, data: bytes, mime: str = "image/png") -> None:
    page.locator("[data-testid='stFileUploader'] input[type=file]").first.set_input_files(
        files=[{"name": name, "mimeType": mime, "buffer": data}]
    )


def _photos(page) -> list[str]:
    return [img.get_attribute("src") for img in page.locator("[data-testid='stImage'] img").all()]


def test_an_uploaded_picture_goes_through_the_separable_filters(app_url, page):
    page.goto(f"{app_url}/separable")
    wait_for_app(page)
    before = _photos(page)
    assert len(before) == 8  # R, G, B; three filtered; two mixed
    _upload(page, "halves.png", halves())
    page.get_by_text("Your picture is in use here").wait_for(timeout=30_000)
    wait_for_app(page)
    after = _photos(page)
    assert len(after) == 8 and after != before
    page.get_by_role("button", name="Use the app's photo again").click()
    page.get_by_text("Your picture is in use here").wait_for(state="detached", timeout=30_000)
    wait_for_app(page)
    assert len(_photos(page)) == 8


def test_an_uploaded_picture_is_the_standard_pages_input_and_a_corrupt_one_a_sentence(
    app_url, page
):
    page.goto(f"{app_url}/standard?input=image&h=6&w=6&k=3")
    wait_for_app(page)
    page.get_by_text("Input and kernel").click()
    _upload(page, "broken.png", halves()[:300])
    page.get_by_text(CORRUPT).wait_for(timeout=30_000)
    assert page.locator("[data-testid='stException']").count() == 0
    _upload(page, "halves.png", halves())
    page.get_by_text("Your picture is in use here").wait_for(timeout=30_000)
    wait_for_app(page)
    grid = scene(page, "standard_chart").locator(".panel").first
    titles = grid.locator("rect[data-index] > title").all_text_contents()
    values = {title.split(" = ")[1].split(",")[0] for title in titles}
    assert values == {"0", "9"}, titles  # the picture's halves, as the grid's numbers
