"""The export panel of every animated page: built only when open, and the GIF on request."""

from __future__ import annotations

import pytest

from tests.app.test_pages import run_page

ANIMATED = [
    "app_pages/standard.py",
    "app_pages/conv1d.py",
    "app_pages/dilated.py",
    "app_pages/receptive-field.py",
    "app_pages/causal.py",
    "app_pages/transposed.py",
    "app_pages/separable.py",
    "app_pages/lightweight.py",
]


def _downloads(at) -> list[str]:
    return [element.proto.label for element in at.get("download_button")]


@pytest.mark.parametrize("page", ANIMATED)
def test_export_offers_png_svg_and_a_gif_of_the_page(page):
    at = run_page(page)
    name = page.removeprefix("app_pages/").removesuffix(".py")
    assert not _downloads(at), "built while closed"
    at.session_state[f"{name}_export"] = True
    at.run()
    assert not at.exception, at.exception
    assert _downloads(at) == ["PNG of this step", "SVG of this step"]
    make = [b for b in at.button if b.label == "Make the GIF and MP4"]
    assert make, [b.label for b in at.button]
    make[0].click().run()
    assert not at.exception, at.exception
    made = [label.split(" (")[0] for label in _downloads(at)]
    assert made == ["PNG of this step", "SVG of this step", "GIF", "MP4"], _downloads(at)
    at.run()  # the animation stays offered on the next rerun (kept per setting)
    assert any(label.startswith("GIF (") for label in _downloads(at))


def test_kept_animations_are_bounded_and_most_recent_first():
    from ui.export import KeptAnimations
    from viz.export import Animation

    kept = KeptAnimations(entries=2)
    for n in range(3):
        kept.put((str(n), ""), Animation(b"gif", b"mp4"))
    assert kept.get(("0", "")) is None
    assert kept.get(("1", "")) is not None  # and now the most recent
    kept.put(("3", ""), Animation(b"gif", b"mp4"))
    assert kept.get(("2", "")) is None and kept.get(("1", "")) is not None
