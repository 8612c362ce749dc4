"""Channels made visible: stacks of feature maps, depthwise then pointwise, and groups.

A stack of C maps is drawn as one tall heatmap with a blank row between maps, so a page
with 16 channels is still one trace per column.
"""

from __future__ import annotations

import numpy as np

from . import theme
from .sliding import CONTROL_BAND, animation_controls, rectangle_path


def _stack(maps: np.ndarray) -> tuple[np.ndarray, list[int]]:
    """Maps ``(C, H, W)`` → one ``(C·(H+1) − 1, W)`` array with NaN gaps; block top rows."""
    channels, height, width = maps.shape
    out = np.full((channels * (height + 1) - 1, width), np.nan)
    tops = []
    for c in range(channels):
        top = c * (height + 1)
        out[top : top + height] = maps[c]
        tops.append(top)
    return out, tops


def _nullable(values: np.ndarray) -> list:
    return [[None if v != v else round(v, 4) for v in row] for row in values.tolist()]


def separable_figure(
    x: np.ndarray,
    depthwise: np.ndarray,
    middle: np.ndarray,
    pointwise: np.ndarray,
    output: np.ndarray,
    frame_ms: int = theme.FRAME_MS,
) -> dict:
    """Depthwise (each input channel with its own kernels) then pointwise (1×1 mixing).

    Parameters
    ----------
    x : ``(C_in, H, W)``; depthwise : ``(C_in·m, k, k)``; middle : ``(C_in·m, H', W')``;
    pointwise : ``(C_out, C_in·m)``; output : ``(C_out, H', W')``

    Frames first walk the depthwise channels (input c → kernel → map), then the outputs
    (row o of the pointwise matrix mixes every depthwise map into output o).
    """
    multiplier = depthwise.shape[0] // x.shape[0]
    columns = [
        ("Input channels", *_stack(x)),
        ("Depthwise kernels", *_stack(depthwise)),
        ("Depthwise output", *_stack(middle)),
        ("Pointwise 1×1 weights", pointwise, list(range(pointwise.shape[0]))),
        ("Output channels", *_stack(output)),
    ]
    widths = np.array([max(c[1].shape[1], 3) for c in columns], dtype=float)
    widths[3] = max(pointwise.shape[1], 4)
    gap = 0.035
    fractions = widths / widths.sum() * (1 - gap * (len(columns) - 1))
    grid_height = 520
    height = grid_height + 70 + CONTROL_BAND
    layout: dict = {}
    data: list[dict] = []
    left = 0.0
    for index, ((title, values, _), width) in enumerate(zip(columns, fractions, strict=True), 1):
        suffix = "" if index == 1 else str(index)
        layout[f"xaxis{suffix}"] = {
            "domain": [left, left + width],
            "range": [-0.5, values.shape[1] - 0.5],
            "side": "top",
            "title": {"text": title, "font": {"size": 15}},
            "showticklabels": False,
            "ticks": "",
            "showgrid": False,
            "zeroline": False,
            "fixedrange": True,
            "anchor": f"y{suffix}",
        }
        layout[f"yaxis{suffix}"] = {
            "domain": [CONTROL_BAND / height, 1 - 70 / height],
            "range": [values.shape[0] - 0.5, -0.5],
            "showticklabels": False,
            "ticks": "",
            "showgrid": False,
            "zeroline": False,
            "fixedrange": True,
            "anchor": f"x{suffix}",
        }
        high = float(np.nanmax(np.abs(values))) or 1.0
        data.append(
            {
                "type": "heatmap",
                "z": _nullable(values),
                "colorscale": theme.DIVERGING,
                "zmin": -high,
                "zmax": high,
                "showscale": False,
                "xgap": 1,
                "ygap": 1,
                "xaxis": f"x{suffix}",
                "yaxis": f"y{suffix}",
                "hovertemplate": "%{z}<extra>" + title + "</extra>",
            }
        )
        left += width + gap
    mid_channels, out_channels = middle.shape[0], output.shape[0]
    heights = [x.shape[1], depthwise.shape[1], middle.shape[1], 1, output.shape[1]]

    def block(column: int, channel: int) -> list[int]:
        _, values, tops = columns[column]
        return [tops[channel], 0, tops[channel] + heights[column] - 1, values.shape[1] - 1]

    def frame(step: int) -> list[dict]:
        boxes: list[list[list[int]]] = [[] for _ in columns]
        if step < mid_channels:
            boxes[0].append(block(0, step // multiplier))
            boxes[1].append(block(1, step))
            boxes[2].append(block(2, step))
        else:
            out = step - mid_channels
            boxes[2] += [block(2, c) for c in range(mid_channels)]
            boxes[3].append([out, 0, out, pointwise.shape[1] - 1])
            boxes[4].append(block(4, out))
        traces = []
        for column in range(len(columns)):
            bx, by = rectangle_path(np.array(boxes[column], dtype=int).reshape(-1, 4))
            traces.append({"type": "scatter", "x": bx or [None], "y": by or [None]})
        return traces

    first = frame(0)
    dynamic = []
    for column, trace in enumerate(first):
        suffix = "" if column == 0 else str(column + 1)
        dynamic.append(len(data))
        data.append(
            {
                **trace,
                "mode": "lines",
                "line": {"color": theme.WINDOW_OUTLINE, "width": 3},
                "hoverinfo": "skip",
                "xaxis": f"x{suffix}",
                "yaxis": f"y{suffix}",
            }
        )
    steps = mid_channels + out_channels
    names = tuple(
        f"depthwise: channel {s // multiplier} → map {s}"
        if s < mid_channels
        else f"pointwise: output {s - mid_channels}"
        for s in range(steps)
    )
    frames = [{"name": str(s), "data": frame(s), "traces": dynamic} for s in range(steps)]
    layout.update(animation_controls(names, 0, frame_ms, height))
    layout.update(theme.figure_layout(height=height, margin={"l": 10, "r": 10, "t": 10, "b": 0}))
    return {"data": data, "layout": layout, "frames": frames}
