"""Exported pictures (viz.frames, viz.picture, viz.export): each step's marks and
equation are the engine's, each GIF frame is that step, and the files stay in bounds."""

from __future__ import annotations

import io
import tempfile
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

import conv_engine as ce
import viz.frames as vf
import viz.picture as vp
import viz.slide_text as vt
from conv_engine.presets import kernel_preset
from tests.naive import naive_conv, naive_conv_transpose
from viz import export, theme
from viz.channels import separable_scene
from viz.scene_contract import unpacked
from viz.scenes import scatter_scene, sliding_scene
from viz.volume import layer_scene


def text(value: float) -> str:
    return vf.shown(theme.format_number(value))


def sliding_2d(**settings):
    x = (np.arange(30.0).reshape(5, 6) % 7) - 2
    return ce.conv_trace(x, kernel_preset("sobel", 3), **settings)


SLIDING = [
    {},
    {"padding": 1, "stride": 2},
    {"padding": "same", "dilation": 2},
    {"padding": ((2, 0), (1, 1))},
]


@pytest.mark.parametrize("settings", SLIDING)
def test_sliding_marks_are_the_naive_window_and_sum(settings):
    """Tap t of step n sits on padded cell output·stride + tap·dilation, and the caption
    is that window's products and the naive conv's value."""
    trace = sliding_2d(**settings)
    scene = sliding_scene(trace)
    (top, bottom), (left, right) = trace.geometry.padding
    stride, dilation = trace.geometry.stride, trace.geometry.dilation
    grid = trace.grid[0]  # the padded grid the marks index
    x = grid[top : grid.shape[0] - bottom, left : grid.shape[1] - right]
    expected = naive_conv(
        x[None, None],
        trace.weight[0][None, None],
        None,
        stride,
        trace.geometry.padding,
        dilation,
        1,
    )[0, 0]
    rows, cols = expected.shape
    for step in range(rows * cols):
        frame = vf.step_view(unpacked(scene), step)
        row, col = divmod(step, cols)
        taps = [m for m in frame.marks if m.style == "tap"]
        assert {m.panel for m in taps} == {0}
        cells = {(m.row0, m.col0) for m in taps}
        assert cells == {
            (row * stride[0] + i * dilation[0], col * stride[1] + j * dilation[1])
            for i in range(3)
            for j in range(3)
        }
        (equation,) = frame.caption
        assert equation.startswith(f"y[{row}, {col}] = ")
        assert equation.endswith(f" = {text(expected[row, col])}")
        assert equation.count("·") == 9
        assert frame.pending == tuple(range(step + 1, rows * cols))
        current = [m for m in frame.marks if m.panel == 2]
        assert [(m.row0, m.col0) for m in current] == [(row, col)]


def test_one_d_marks_span_every_channel_and_grey_the_future():
    trace = ce.conv_trace(np.arange(10.0), np.array([1.0, -1.0, 2.0]), padding=(4, 0), ndim=1)
    scene = sliding_scene(trace, time_masks=True)
    frame = vf.step_view(unpacked(scene), 3)
    taps = [m for m in frame.marks if m.style == "tap"]
    (future,) = [m for m in frame.marks if m.style == "shade"]
    assert [(m.col0, m.col1) for m in taps] == [(3, 3), (4, 4), (5, 5)]
    # output 3 is at input time 3 (padded column 7): everything after it is greyed
    assert (future.col0, future.col1) == (8, scene["panels"][0]["cols"] - 1)
    assert frame.caption == ("y[3] = 0·1 + 0·(−1) + 1·2 = 2",)


def test_scatter_frames_sum_the_stamps_to_the_naive_transposed_conv():
    x = np.arange(1.0, 7.0).reshape(2, 3) - 3
    w = np.array([[1.0, -1.0], [2.0, 0.5]])
    trace = ce.scatter_trace(x, w, stride=2, padding=1)
    scene = scatter_scene(trace, (1, 2))
    expected = naive_conv_transpose(
        x[None, None], w[None, None], None, (2, 2), (1, 1), (0, 0), (1, 1), 1
    )[0, 0]
    last = vf.step_view(unpacked(scene), scene["steps"] - 1)
    sums = [last.cells[2][i][0] for i in range(expected.size)]
    np.testing.assert_allclose(np.reshape(sums, expected.shape), expected, rtol=1e-6)
    first = vf.step_view(unpacked(scene), 0)
    assert (
        first.caption[0]
        == f"x[0, 0] = {text(x[0, 0])} stamps ({text(x[0, 0])})·w onto 1 output cells"
    )
    assert first.caption[1].startswith("y[1, 2] = ")
    assert first.caption[1].split("  (")[0].endswith(f" = {text(expected[1, 2])}")
    # the stamp of x[0, 0] lands only where 0·2 + t·1 − 1 is inside: tap (1, 1) at (0, 0)
    stamps = [m for m in first.marks if m.style == "stamp"]
    assert [(m.row0, m.col0) for m in stamps] == [(0, 0)]


@given(st.integers(1, 2000), st.integers(2, 300))
def test_frame_steps_are_bounded_ordered_and_keep_both_ends(steps, limit):
    chosen = vf.frame_steps(steps, limit)
    assert len(chosen) <= limit
    assert chosen[0] == 0 and chosen[-1] == steps - 1
    assert chosen == sorted(set(chosen))
    if steps <= limit:
        assert chosen == list(range(steps))


def gif_frames(gif: bytes) -> list[np.ndarray]:
    image = Image.open(io.BytesIO(gif))
    frames = []
    for n in range(image.n_frames):
        image.seek(n)
        frames.append(np.asarray(image.convert("RGB"), dtype=float))
    return frames


def window_pixels(picture: vp.ScenePicture, step: int) -> tuple[int, int]:
    """Where the top edge of step ``step``'s window outline is drawn, in pixels."""
    (outline,) = [m for m in vf.step_view(picture.scene, step).marks if m.style == "window"]
    box = picture.boxes[0]
    x = box.left + (outline.col0 + (outline.col1 - outline.col0 + 1) / 2) * box.cell
    return round(box.top + outline.row0 * box.cell), round(x)


def test_the_gif_has_one_frame_per_step_and_each_frame_is_its_step():
    scene = sliding_scene(sliding_2d(padding=1, stride=2))
    gif = export.animation_gif(scene, "Standard", width=800)
    frames = gif_frames(gif)
    assert len(frames) == scene["steps"] == 9
    picture = vp.ScenePicture(scene, 800, "Standard")
    drawn = {}
    for step in (0, scene["steps"] - 1):
        picture.show(step)
        drawn[step] = picture.rgb().astype(float)
    first, last = frames[0], frames[-1]
    assert first.shape == drawn[0].shape
    # each end frame is its own step's drawing (up to the GIF's 255 colours), not the other's
    assert np.abs(first - drawn[0]).mean() < 2 < np.abs(first - drawn[8]).mean()
    assert np.abs(last - drawn[8]).mean() < 2 < np.abs(last - drawn[0]).mean()
    window = np.array([int(theme.WINDOW_OUTLINE[i : i + 2], 16) for i in (1, 3, 5)])
    for frame, step in ((first, 0), (last, 8)):
        row, col = window_pixels(picture, step)
        assert np.abs(frame[row, col] - window).max() < 40, frame[row, col]


def test_the_mp4_has_the_gifs_frames_and_holds_the_last():
    import imageio_ffmpeg

    scene = sliding_scene(sliding_2d(padding=1, stride=2))
    animation = export.animation_files(scene, "Standard", width=640)
    assert len(gif_frames(animation.gif)) == scene["steps"]
    with tempfile.TemporaryDirectory() as folder:
        path = f"{folder}/a.mp4"
        with open(path, "wb") as out:
            out.write(animation.mp4)
        reader = imageio_ffmpeg.read_frames(path)
        meta = next(reader)
        frames = [
            np.frombuffer(f, np.uint8).reshape(meta["size"][1], meta["size"][0], 3) for f in reader
        ]
    assert len(frames) == scene["steps"] + 2  # the last step held three frames long
    assert meta["fps"] == pytest.approx(1000 / theme.FRAME_MS, rel=0.01)
    picture = vp.ScenePicture(scene, 640, "Standard")
    picture.show(0)
    first = picture.rgb().astype(float)
    assert np.abs(frames[0].astype(float) - first).mean() < 4  # lossy, but the same picture
    picture.show(scene["steps"] - 1)
    assert np.abs(frames[-1].astype(float) - picture.rgb()).mean() < 4


def test_a_long_animation_keeps_at_most_200_frames_and_5_mb():
    """The largest Standard setting: 12 × 12, FULL, k = 3, d = 2 → 16 × 16 = 256 steps."""
    x = np.random.default_rng(0).integers(-9, 10, size=(12, 12)).astype(float)
    scene = sliding_scene(ce.conv_trace(x, np.ones((3, 3)), padding="full", dilation=2))
    assert scene["steps"] == 256
    seen = []
    gif = export.animation_gif(scene, "Standard", progress=lambda done, total: seen.append(total))
    assert len(gif) <= export.MAX_GIF_BYTES
    assert len(gif_frames(gif)) == vf.MAX_FRAMES == seen[-1]


def test_a_gif_over_its_budget_is_drawn_again_smaller():
    scene = sliding_scene(sliding_2d(padding=1))
    full = export.animation_gif(scene, width=1280)
    small = export.animation_gif(scene, width=1280, max_bytes=len(full) // 2)
    assert len(small) <= len(full) // 2 or Image.open(io.BytesIO(small)).width <= 480
    assert Image.open(io.BytesIO(small)).width < Image.open(io.BytesIO(full)).width


def test_png_and_svg_are_slide_wide_pictures_of_the_step():
    rng = np.random.default_rng(1)
    scene = separable_scene(
        rng.normal(size=(2, 3, 3)),
        rng.normal(size=(2, 3, 3)),
        rng.normal(size=(2, 3, 3)),
        rng.normal(size=(3, 2)),
        rng.normal(size=(3, 3, 3)),
    )
    png = Image.open(io.BytesIO(vp.still_png(scene, 1, "Separable")))
    assert png.width == vp.SLIDE_WIDTH and png.format == "PNG"
    svg = ET.fromstring(vp.still_svg(scene, 1, "Separable"))
    assert svg.tag.endswith("svg")
    assert float(svg.get("width").removesuffix("pt")) == pytest.approx(vp.SLIDE_WIDTH * 72 / vp.DPI)
    # text stays text (editable on a slide): the step's caption is in the drawing
    assert scene["captions"][1] in "".join(svg.itertext())


def test_chinese_pictures_draw_every_glyph():
    """A Chinese scene exports without a missing glyph (the CJK font is used)."""
    import os
    import warnings

    import i18n

    if "Noto Sans CJK SC" not in vt.installed_fonts():
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail("fonts-noto-cjk is missing (scripts/ensure_packages.sh installs it)")
        pytest.skip("CHINESE EXPORT TEST SKIPPED: no CJK font (apt-get install fonts-noto-cjk)")
    i18n.use("zh")
    try:
        scene = sliding_scene(sliding_2d(padding=1))
        assert scene["panels"][0]["title"] == "输入（已填充）"
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            png = vp.still_png(scene, 3, "标准卷积")
        missing = [str(w.message) for w in caught if "missing from font" in str(w.message)]
        assert not missing, missing[:3]
        assert Image.open(io.BytesIO(png)).width == vp.SLIDE_WIDTH
    finally:
        i18n.use("en")


def test_captions_wrap_english_at_spaces_and_chinese_anywhere():
    import unicodedata

    def columns(line: str) -> int:
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)

    english = "y[1, 2] = 0·1 + 3·(−1) + 5·2 = 7 and some more words to wrap"
    lines = vt.wrap(english, 20)
    assert " ".join(lines) == english and all(columns(line) <= 20 for line in lines)
    chinese = "输出在每一层之后能看到的范围：这是一句很长的中文说明，没有空格。"
    lines = vt.wrap(chinese, 20)
    assert "".join(lines) == chinese and all(columns(line) <= 20 for line in lines)
    assert len(lines) == -(-columns(chinese) // 20)


def test_a_slide_is_16_by_9_with_the_sum_as_its_largest_words():
    """Issue 24: the step's sum is the largest text, centred; the title names the layer."""
    scene = sliding_scene(sliding_2d(padding=1, stride=2))
    picture = vp.ScenePicture(scene, vp.SLIDE_WIDTH, "Conv2d 5×6, k = 3, s = 2, padding")
    assert (picture.width, picture.height) == (1920, 1080)
    picture.show(3)
    texts = picture.axes.texts
    sizes = {text.get_text(): text.get_fontsize() for text in texts if text.get_text()}
    caption = picture.caption.get_text()
    assert caption.startswith("y[") and caption.endswith(text(scene_output(scene, 3)))
    assert sizes[caption] == max(sizes.values())
    assert picture.caption.get_horizontalalignment() == "center"
    assert picture.caption.get_position()[0] == pytest.approx(picture.width / 2)
    title = next(t for t in texts if t.get_text().startswith("Conv2d"))
    assert title.get_fontsize() < sizes[caption]
    # every panel lies inside the slide, under the sum and above the legend
    for box, panel in zip(picture.boxes, picture.panels, strict=True):
        assert box.left >= 0 and box.left + panel["cols"] * box.cell <= picture.width
        assert box.top > picture.caption_y
        assert box.top + panel["rows"] * box.cell < picture.legend_y


def scene_output(scene: dict, step: int) -> float:
    output = unpacked(scene)["panels"][-1]
    return output["values"][step]


def test_a_viewers_own_title_is_drawn_as_typed():
    """A title with dollar signs or backslashes ("$\\frac$") is words, not mathtext."""
    scene = sliding_scene(sliding_2d())
    title = r"Week 3: $\frac$ and 50% off $"
    picture = vp.ScenePicture(scene, 800, title)
    picture.show(0)
    assert Image.open(io.BytesIO(picture.png())).width == 800
    assert title in "".join(ET.fromstring(picture.svg()).itertext())


def test_a_layers_export_draws_its_volumes_and_every_channels_window():
    """The exported picture of a layer: one window outline per input channel and one around
    the current kernel, where the step's marks put them; its caption is the player's sum."""
    rng = np.random.default_rng(4)
    layer = ce.layer_trace(
        rng.integers(0, 9, size=(3, 4, 5)), rng.integers(-1, 2, size=(2, 3, 2, 2)), [0.5, -1.0]
    )
    scene = layer_scene(layer)
    gif = export.animation_gif(scene, "Conv2d 3→2 + b", width=800)
    frames = gif_frames(gif)
    assert len(frames) == scene["steps"] == 2 * 3 * 4
    picture = vp.ScenePicture(scene, 800, "Conv2d 3→2 + b")
    last = scene["steps"] - 1
    view = vf.step_view(picture.scene, last)
    windows = [m for m in view.marks if m.style == "window"]
    assert [m.panel for m in windows] == [0, 0, 0, 1]  # one per input map, then the kernel
    assert view.caption[0].startswith("y[1, 2, 3] = ")
    assert len(view.caption) == 4  # the sum, then a line per input channel
    window = np.array([int(theme.WINDOW_OUTLINE[i : i + 2], 16) for i in (1, 3, 5)])
    box = picture.boxes[0]
    for outline in windows[:3]:  # each input map's window is drawn in the last frame
        row = round(box.top + outline.row0 * box.cell)
        col = round(box.left + (outline.col0 + outline.col1 + 1) / 2 * box.cell)
        assert np.abs(frames[-1][row, col] - window).max() < 40, (outline, frames[-1][row, col])
