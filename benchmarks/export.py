"""Export for slides: how long the GIF + MP4, a PNG and an SVG take, and how large they are.

For each page's main animation at its defaults and at its largest settings it prints the
animation's frames, the GIF's and the MP4's megabytes and the seconds to draw and encode
both (once per setting, then kept), and the PNG's and SVG's.
Run: ``python -m benchmarks.export`` (part of ``make bench``).
"""

from __future__ import annotations

import time

import numpy as np

import conv_engine as ce
from conv_engine.presets import kernel_preset
from viz import export, frames, picture
from viz.scenes import scatter_scene, sliding_scene


def cases() -> list[tuple[str, dict]]:
    rng = np.random.default_rng(0)
    x = rng.integers(-9, 10, size=(12, 12)).astype(float)
    sobel = kernel_preset("sobel", 3)
    return [
        (
            "standard, default (6×6, VALID, 16 steps)",
            sliding_scene(ce.conv_trace(x[:6, :6], sobel)),
        ),
        (
            "standard, largest (12×12, FULL, d=2: 256 steps)",
            sliding_scene(ce.conv_trace(x, sobel, padding="full", dilation=2)),
        ),
        (
            "conv1d, largest (24 steps, causal, d=4)",
            sliding_scene(
                ce.conv_trace(x.ravel()[:24], np.ones(3), padding="causal", dilation=4, ndim=1)
            ),
        ),
        (
            "transposed, default (3×3, k=3, s=2: 9 stamps)",
            scatter_scene(ce.scatter_trace(x[:3, :3], sobel, stride=2), (1, 1)),
        ),
        (
            "transposed, largest (7×7, k=4, s=2: 49 stamps)",
            scatter_scene(ce.scatter_trace(x[:7, :7], np.ones((4, 4)), stride=2), (3, 3)),
        ),
    ]


def timed(function, *args, **kwargs) -> tuple[bytes, float]:
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - start


def main() -> None:
    header = ("frames", "GIF MB", "MP4 MB", "s", "PNG kB", "s", "SVG kB", "s")
    print(f"{'scene':52} " + " ".join(f"{h:>10}" for h in header))
    for name, scene in cases():
        animation, animation_s = timed(export.animation_files, scene, name)
        png, png_s = timed(picture.still_png, scene, 0, name)
        svg, svg_s = timed(picture.still_svg, scene, 0, name)
        count = len(frames.frame_steps(scene["steps"]))
        row = (
            count,
            len(animation.gif) / 1e6,
            len(animation.mp4) / 1e6,
            animation_s,
            len(png) / 1e3,
            png_s,
            len(svg) / 1e3,
            svg_s,
        )
        print(f"{name:52} " + " ".join(f"{v:>10.2f}" for v in row))


if __name__ == "__main__":
    main()
