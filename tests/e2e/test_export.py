"""A lecturer takes the animation to a slide: the PNG and the GIF download and open."""

from __future__ import annotations

import pytest
from PIL import Image

from .harness import assert_clean, reported, scene, scene_step, wait_for_app

pytestmark = pytest.mark.e2e


def download(page, label: str) -> Image.Image:
    return Image.open(fetch(page, label).path())


def fetch(page, label: str):
    button = page.get_by_role("button", name=label)
    button.wait_for(timeout=60_000)
    with page.expect_download(timeout=60_000) as event:
        button.click()
    return event.value


def test_png_and_gif_download_from_the_page(app_url, page):
    page.goto(f"{app_url}/standard?h=5&w=5&k=3&p=valid&s=1&d=1&step=4")
    wait_for_app(page)
    page.get_by_text("Export for slides").click()
    wait_for_app(page)
    file = fetch(page, "PNG of this step")
    assert file.suggested_filename.endswith("-step5.png"), "the link's step=4 is 5 / 9"
    png = Image.open(file.path())
    assert png.format == "PNG" and png.size == (1920, 1080), "a 16:9 slide"
    page.get_by_role("button", name="Make the GIF and MP4").click()
    gif = download(page, "GIF (")
    assert gif.format == "GIF"
    assert gif.n_frames == 9, "one frame per step of the 3 × 3 output"
    button = page.get_by_role("button", name="MP4 (")
    with page.expect_download(timeout=60_000) as event:
        button.click()
    with open(event.value.path(), "rb") as video:
        assert video.read(12)[4:8] == b"ftyp", "an MP4 file"
    assert_clean(page)


def test_the_png_of_a_transposed_conv_is_the_stamp_on_screen(app_url, page):
    """Issue 24: at 1 / 49 the PNG was step 49; it is the stamp the viewer sees."""
    page.goto(f"{app_url}/transposed")
    wait_for_app(page)
    page.get_by_text("Export for slides").click()
    wait_for_app(page)
    key = "transposed_scatter_chart"
    first = scene_step(page, key)
    name = fetch(page, "PNG of this step").suggested_filename
    assert name.endswith(f"-step{first + 1}.png"), name
    box = scene(page, key)
    for _ in range(2):
        box.locator("button[aria-label='Next step (→)']").click()
    reported(page, key, first + 2)  # the stamp is reported once the viewer settles
    assert scene_step(page, key) == first + 2, "the stamp stays"
    name = fetch(page, "PNG of this step").suggested_filename
    assert name.endswith(f"-step{first + 3}.png"), name
    assert page.locator("[data-testid='stException']").count() == 0
