"""Conv1d over frames × features: the window really is n × F, the output C_out × T'.

A speech input is a sequence of T feature vectors (e.g. 80 log-mel values per frame). A
Conv1d treats the F features as input channels, so each output value is computed from an
``F × n`` block of the spectrogram, and ``C_out`` kernels give a ``C_out × T'`` output.
"""

from __future__ import annotations

import numpy as np

from . import theme
from .sliding import CONTROL_BAND, TITLE_BAND, animation_controls, rectangle_path

GRID_HEIGHT = 380
WIDTH = 1120
GAP = 0.05


def feature_figure(
    x: np.ndarray, kernel: np.ndarray, output: np.ndarray, frame_ms: int = theme.FRAME_MS
) -> dict:
    """Animated spec: spectrogram with the sliding ``F × n`` window, one kernel, the output.

    Parameters
    ----------
    x : ``(F, T)`` features × frames
    kernel : ``(F, n)`` the weights of output channel 0
    output : ``(C_out, T')`` the full Conv1d output (valid padding, stride 1)
    """
    features, frames = x.shape
    n = kernel.shape[1]
    channels, steps = output.shape
    height = TITLE_BAND + GRID_HEIGHT + CONTROL_BAND
    columns = [frames, max(n, 3), steps]
    # panel widths follow their columns, but the output's (often one column) has room for
    # its title; its column(s) stretch to the width
    spans = [*columns[:2], max(steps, 8)]
    usable = 1 - 2 * GAP
    widths = [usable * c / sum(spans) for c in spans]
    y0, y1 = CONTROL_BAND / height, 1 - TITLE_BAND / height
    layout: dict = {}
    left = 0.0
    titles = (
        f"Input: {features} features × {frames} frames",
        f"Kernel 0: {features} × {n}",
        f"Output: {channels} channels (rows) × {steps}",
    )
    for index, (width, title, cols) in enumerate(
        zip(widths, titles, columns, strict=True), start=1
    ):
        suffix = "" if index == 1 else str(index)
        layout[f"xaxis{suffix}"] = {
            "domain": [left, left + width],
            "range": [-0.5, cols - 0.5],
            "side": "top",
            "title": {"text": title, "font": {"size": 16}},
            "showgrid": False,
            "zeroline": False,
            "fixedrange": True,
            "tickfont": {"size": 11},
            "anchor": f"y{suffix}",
        }
        rows = {1: features, 2: features, 3: channels}[index]
        layout[f"yaxis{suffix}"] = {
            "domain": [y0, y1],
            "range": [rows - 0.5, -0.5],
            "showgrid": False,
            "zeroline": False,
            "fixedrange": True,
            "tickfont": {"size": 11},
            "anchor": f"x{suffix}",
        }
        left += width + GAP
    layout["yaxis"]["title"] = {"text": "feature (input channel)"}

    def heatmap(z, axis, scale, name):
        return {
            "type": "heatmap",
            "z": np.asarray(z).tolist(),
            "colorscale": scale,
            "showscale": False,
            "xaxis": f"x{axis}",
            "yaxis": f"y{axis}",
            "name": name,
            "hovertemplate": name + "[%{y}, %{x}] = %{z}<extra></extra>",
        }

    def window(step: int) -> list[dict]:
        box = np.array([[0, step, features - 1, step + n - 1]])
        wx, wy = rectangle_path(box)
        cover = np.array([[0, step + 1, channels - 1, steps - 1]]) if step + 1 < steps else None
        cx, cy = rectangle_path(cover) if cover is not None else ([None], [None])
        ox, oy = rectangle_path(np.array([[0, step, channels - 1, step]]))
        return [
            {"type": "scatter", "x": wx, "y": wy},
            {"type": "scatter", "x": cx, "y": cy},
            {"type": "scatter", "x": ox, "y": oy},
        ]

    first = window(0)
    data = [
        heatmap(x, "", theme.VALUE_SCALE, "x"),
        heatmap(kernel, "2", "RdBu", "w"),
        heatmap(output, "3", "RdBu", "y"),
        {
            **first[0],
            "mode": "lines",
            "fill": "toself",
            "fillcolor": theme.with_alpha(theme.TAP_COLOURS[0], 0.35),
            "line": {"color": theme.WINDOW_OUTLINE, "width": 3},
            "hoverinfo": "skip",
            "xaxis": "x",
            "yaxis": "y",
        },
        {
            **first[1],
            "mode": "lines",
            "fill": "toself",
            "fillcolor": theme.PENDING_FILL,
            "line": {"color": theme.PENDING_LINE, "width": 1},
            "hoverinfo": "skip",
            "xaxis": "x3",
            "yaxis": "y3",
        },
        {
            **first[2],
            "mode": "lines",
            "line": {"color": theme.WINDOW_OUTLINE, "width": 3},
            "hoverinfo": "skip",
            "xaxis": "x3",
            "yaxis": "y3",
        },
    ]
    names = tuple(f"y[:, {t}]" for t in range(steps))
    frames_spec = [
        {"name": str(step), "data": window(step), "traces": [3, 4, 5]} for step in range(steps)
    ]
    layout.update(animation_controls(names, 0, frame_ms, height))
    layout.update(theme.figure_layout(height=height, margin={"l": 80, "r": 10, "t": 0, "b": 0}))
    return {"data": data, "layout": layout, "frames": frames_spec}
