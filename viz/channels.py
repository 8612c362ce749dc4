"""Channels made visible: stacks of feature maps, depthwise then pointwise.

A stack of C maps is drawn as one tall grid with a blank row between maps.
"""

from __future__ import annotations

import numpy as np

from i18n import t

from . import theme
from .scenes import Box, Panel, boxes_scene


def stack(maps: np.ndarray) -> tuple[np.ndarray, list[int]]:
    """Maps ``(C, H, W)`` → one ``(C·(H+1) − 1, W)`` array with NaN gaps; block top rows."""
    channels, height, width = maps.shape
    out = np.full((channels * (height + 1) - 1, width), np.nan)
    tops = []
    for c in range(channels):
        top = c * (height + 1)
        out[top : top + height] = maps[c]
        tops.append(top)
    return out, tops


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
    heights = [x.shape[1], depthwise.shape[1], middle.shape[1], 1, output.shape[1]]
    titles = (
        t("Input channels"),
        t("Depthwise kernels"),
        t("Depthwise maps"),
        t("Pointwise 1×1 weights"),
        t("Output channels"),
    )
    grids = [s[0] if s else pointwise for s in stacks]
    panels = [
        Panel(title, grid, "diverging", name, symmetric=True, numbers=index == 3)
        for index, (title, grid, name) in enumerate(
            zip(titles, grids, ("x", "w", "m", "P", "y"), strict=True)
        )
    ]

    def block(column: int, channel: int) -> Box:
        values, tops = stacks[column]
        top = tops[channel]
        return Box(column, top, 0, top + heights[column] - 1, values.shape[1] - 1)

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
