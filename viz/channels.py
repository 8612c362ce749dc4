"""Channels made visible: stacks of feature maps, depthwise then pointwise.

The C maps of a stack are drawn as one near-square grid, a blank line between maps.
"""

from __future__ import annotations

import math

import numpy as np

from i18n import t

from . import theme
from .scenes import Box, Panel, boxes_scene


def stack(maps: np.ndarray) -> tuple[np.ndarray, list[tuple[int, int]]]:
    """Maps ``(C, H, W)`` → one array holding them in a near-square grid (⌈√C⌉ maps a row,
    a blank row and column between neighbours), and each map's top-left cell.

    Square rather than one tall column: on a projector the scene's height is what limits
    its cells, and four 5 × 5 maps in a column would leave each cell a few pixels.
    """
    channels, height, width = maps.shape
    across = math.ceil(math.sqrt(channels))
    down = math.ceil(channels / across)
    out = np.full((down * (height + 1) - 1, across * (width + 1) - 1), np.nan)
    corners = []
    for channel in range(channels):
        row, column = divmod(channel, across)
        top, left = row * (height + 1), column * (width + 1)
        out[top : top + height, left : left + width] = maps[channel]
        corners.append((top, left))
    return out, corners


def separable_scene(
    x: np.ndarray,
    depthwise: np.ndarray,
    middle: np.ndarray,
    pointwise: np.ndarray,
    output: np.ndarray,
) -> dict:
    """Depthwise (each input channel with its own kernels) then pointwise (1×1 mixing).

    Parameters
    ----------
    x : ``(C_in, H, W)``; depthwise : ``(C_in·m, k, k)``; middle : ``(C_in·m, H', W')``;
    pointwise : ``(C_out, C_in·m)``; output : ``(C_out, H', W')``

    Steps first walk the depthwise channels (input c → its kernel → its map), then the
    outputs (row o of the pointwise matrix mixes every depthwise map into output o).
    """
    multiplier = depthwise.shape[0] // x.shape[0]
    stacks = [stack(x), stack(depthwise), stack(middle), None, stack(output)]
    shapes = [x.shape[1:], depthwise.shape[1:], middle.shape[1:], (1, 1), output.shape[1:]]
    titles = (
        t("Input channels"),
        t("Depthwise kernels"),
        t("Depthwise maps"),
        t("Pointwise 1×1 weights"),
        t("Output channels"),
    )
    grids = [s[0] if s else pointwise for s in stacks]
    # every map prints its numbers where its cells are large enough for them (small
    # settings, presenter mode: the renderer wraps the pipeline when that makes them fit)
    panels = [
        Panel(title, grid, "diverging", name, symmetric=True)
        for title, grid, name in zip(titles, grids, ("x", "w", "m", "P", "y"), strict=True)
    ]

    def block(panel: int, channel: int) -> Box:
        top, left = stacks[panel][1][channel]
        height, width = shapes[panel]
        return Box(panel, top, left, top + height - 1, left + width - 1)

    mid_channels, out_channels = middle.shape[0], output.shape[0]
    boxes, captions = [], []
    for channel in range(mid_channels):
        source = channel // multiplier
        boxes.append([block(0, source), block(1, channel), block(2, channel)])
        captions.append(
            t(
                "depthwise: input channel {source} ∗ its own kernel {channel} → map {channel} "
                "(no other channel is read)",
                source=source,
                channel=channel,
            )
        )
    for out in range(out_channels):
        weights = " + ".join(
            f"{theme.format_number(w)}·m{c}" for c, w in enumerate(pointwise[out].tolist())
        )
        boxes.append(
            [*(block(2, c) for c in range(mid_channels)), Box(3, out, 0, out, mid_channels - 1)]
            + [block(4, out)]
        )
        captions.append(
            t(
                "pointwise: output {out} = {weights} (row {out} of the 1×1 weights)",
                out=out,
                weights=weights,
            )
        )
    return boxes_scene(
        panels,
        boxes,
        captions,
        legend=[("window", t("what this step reads and writes")), ("scale:diverging", "− 0 +")],
    )
