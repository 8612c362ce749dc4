"""Scenes as animations for slides: a looping GIF and an MP4 of every step.

Drawn frame by frame by :class:`viz.picture.ScenePicture` from the very scene spec the
browser plays. Bounds keep a shared server safe: at most :data:`viz.frames.MAX_FRAMES`
frames (a longer animation keeps that many steps spread evenly, the first and the last
among them), and a GIF that would pass :data:`MAX_GIF_BYTES` is drawn again smaller.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import imageio_ffmpeg
import numpy as np
from PIL import Image

from . import theme
from .frames import MAX_FRAMES, frame_steps
from .picture import ScenePicture
from .slide_text import drawing_fonts

MAX_GIF_BYTES = 5_000_000
GIF_WIDTH = 1280  # px: a projector's width; smaller files than slide width
TRANSPARENT = 255  # the GIF palette index of "unchanged since the last frame"

Progress = Callable[[int, int], None]  # (frames drawn, frames in all)


def _frames(scene: dict, width: int, title: str, progress: Progress | None) -> list[np.ndarray]:
    with drawing_fonts():
        picture = ScenePicture(scene, width, title)
        steps = frame_steps(scene["steps"])
        frames = []
        for done, step in enumerate(steps, start=1):
            picture.show(step)
            frames.append(picture.rgb())
            if progress is not None:
                progress(done, len(steps))
        return frames


def _packed(pixels: np.ndarray) -> np.ndarray:
    pixels = pixels.astype(np.uint32)
    return (pixels[..., 0] << 16) | (pixels[..., 1] << 8) | pixels[..., 2]


class _Paletter:
    """Maps frames to one palette of the 255 most frequent exact colours of a few frames.

    The pictures are flat fills and text: their own colours (white, the cell fills, the
    outlines) stay exact; anti-aliased edges take their nearest palette colour. (Pillow's
    own mapping rounds colours, which turns the white background grey.) Each colour is
    looked up once, in a table over all 2²⁴ colours.
    """

    def __init__(self, samples: list[np.ndarray]) -> None:
        colours, counts = np.unique(
            np.concatenate([_packed(s).ravel() for s in samples]), return_counts=True
        )
        chosen = colours[np.argsort(counts)[::-1][:TRANSPARENT]]
        self.rgb = np.stack([(chosen >> 16) & 255, (chosen >> 8) & 255, chosen & 255], axis=1)
        self.table = np.full(1 << 24, TRANSPARENT, dtype=np.uint8)  # TRANSPARENT: not yet
        self.table[chosen] = np.arange(len(chosen), dtype=np.uint8)

    def indices(self, frame: np.ndarray) -> np.ndarray:
        packed = _packed(frame)
        index = self.table[packed]
        unknown = np.unique(packed[index == TRANSPARENT])
        if unknown.size:
            rgb = np.stack([(unknown >> 16) & 255, (unknown >> 8) & 255, unknown & 255], axis=1)
            distance = ((rgb[:, None, :].astype(int) - self.rgb[None].astype(int)) ** 2).sum(-1)
            self.table[unknown] = distance.argmin(axis=1).astype(np.uint8)
            index = self.table[packed]
        return index

    def palette(self) -> list[int]:
        flat = self.rgb.astype(np.uint8).ravel().tolist()
        return flat + [0, 0, 0] * (256 - len(self.rgb))


def _encode_gif(frames: list[np.ndarray], frame_ms: int) -> bytes:
    """Frames with one shared palette (no flicker), the last one held longer.

    After the first frame, pixels that did not change are written as transparent: the GIF
    then stores little more than the window, the new output and the caption of each step.
    """
    paletter = _Paletter([frames[0], frames[len(frames) // 2], frames[-1]])
    palette = paletter.palette()
    images, previous = [], None
    for frame in frames:
        index = paletter.indices(frame)
        shown = index if previous is None else np.where(index == previous, TRANSPARENT, index)
        previous = index
        image = Image.fromarray(shown.astype(np.uint8), mode="P")
        image.putpalette(palette)
        images.append(image)
    durations = [frame_ms] * len(images)
    durations[-1] = frame_ms * 3
    out = io.BytesIO()
    images[0].save(
        out,
        format="GIF",
        save_all=True,
        append_images=images[1:],
        duration=durations,
        loop=0,
        transparency=TRANSPARENT,
        disposal=1,  # keep each frame: the next one draws only what changed
        optimize=False,
    )
    return out.getvalue()


def _frame_ms(scene: dict) -> int:
    frame_ms = int(scene.get("frameMs", theme.FRAME_MS))
    if scene["steps"] > MAX_FRAMES:  # a sampled animation moves on faster
        frame_ms = max(200, frame_ms // 2)
    return frame_ms


def _encode_mp4(frames: list[np.ndarray], frame_ms: int) -> bytes:
    """H.264 (yuv420p, which slides and phones play) with the ffmpeg that imageio-ffmpeg
    ships; each step lasts ``frame_ms`` and the last one three times as long."""
    height, width = frames[0].shape[:2]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "animation.mp4"
        writer = imageio_ffmpeg.write_frames(
            str(path),
            (width, height),
            fps=1000 / frame_ms,
            codec="libx264",
            pix_fmt_in="rgb24",
            pix_fmt_out="yuv420p",
            macro_block_size=2,
            output_params=["-crf", "20", "-preset", "veryfast"],
            ffmpeg_log_level="error",
        )
        writer.send(None)  # start ffmpeg
        for frame in [*frames, frames[-1], frames[-1]]:
            writer.send(np.ascontiguousarray(frame))
        writer.close()
        return path.read_bytes()


@dataclass(frozen=True)
class Animation:
    """A scene's animation as files: a looping GIF and an MP4 video of the same frames."""

    gif: bytes
    mp4: bytes


def _bounded_gif(
    scene: dict,
    title: str,
    width: int,
    progress: Progress | None,
    max_bytes: int,
    frames: list[np.ndarray],
) -> bytes:
    """The GIF of ``frames`` (drawn ``width`` wide); past ``max_bytes`` the scene is drawn
    again, smaller, down to 480 px."""
    gif = _encode_gif(frames, _frame_ms(scene))
    while len(gif) > max_bytes and width > 480:
        width = int(width * 0.75)
        gif = _encode_gif(_frames(scene, width, title, progress), _frame_ms(scene))
    return gif


def animation_files(
    scene: dict,
    title: str = "",
    *,
    width: int = GIF_WIDTH,
    progress: Progress | None = None,
    max_bytes: int = MAX_GIF_BYTES,
) -> Animation:
    """Every step of ``scene`` (at most :data:`MAX_FRAMES`), drawn once, as a GIF of at
    most ``max_bytes`` (drawn again smaller if need be) and as an MP4."""
    frames = _frames(scene, width, title, progress)
    gif = _bounded_gif(scene, title, width, progress, max_bytes, frames)
    return Animation(gif, _encode_mp4(frames, _frame_ms(scene)))


def animation_gif(
    scene: dict,
    title: str = "",
    *,
    width: int = GIF_WIDTH,
    progress: Progress | None = None,
    max_bytes: int = MAX_GIF_BYTES,
) -> bytes:
    """Every step of ``scene`` (at most :data:`MAX_FRAMES`) as a looping GIF ≤ ``max_bytes``."""
    frames = _frames(scene, width, title, progress)
    return _bounded_gif(scene, title, width, progress, max_bytes, frames)
