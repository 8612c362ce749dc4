"""Lightweight/dynamic convolution figures: per-step kernels and cost against length."""

from __future__ import annotations

import numpy as np

from . import theme
from .receptive import LAYOUT
from .sliding import CONTROL_BAND, animation_controls, rectangle_path


def step_kernels_figure(kernels: np.ndarray, frame_ms: int = theme.FRAME_MS) -> dict:
    """Dynamic conv: each time step's predicted (softmaxed) kernel as a row; Play walks t.

    kernels : ``(T, K)`` for one head.
    """
    length, taps = kernels.shape
    height = 110 + 26 * length + CONTROL_BAND

    def frame(t: int) -> list[dict]:
        hx, hy = rectangle_path(np.array([[t, 0, t, taps - 1]]))
        return [{"type": "scatter", "x": hx, "y": hy}]

    data = [
        {
            "type": "heatmap",
            "z": kernels.tolist(),
            "colorscale": theme.COUNT_SCALE,
            "zmin": 0,
            "zmax": 1,
            "showscale": True,
            "colorbar": {"title": {"text": "weight"}},
            "text": [[f"{v:.2f}" for v in row] for row in kernels.tolist()],
            "texttemplate": "%{text}",
            "xgap": 2,
            "ygap": 2,
            "hovertemplate": "t = %{y}, tap %{x}: %{z:.3f}<extra></extra>",
        },
        {
            **frame(0)[0],
            "mode": "lines",
            "line": {"color": theme.WINDOW_OUTLINE, "width": 4},
            "hoverinfo": "skip",
        },
    ]
    layout = {
        **LAYOUT,
        "height": height,
        "margin": {"l": 60, "r": 20, "t": 50, "b": 0},
        "title": {"text": "Dynamic conv: the kernel predicted at each step (head 0)"},
        "xaxis": {
            "title": {"text": "tap"},
            "dtick": 1,
            "side": "top",
            "fixedrange": True,
            "domain": [0, 0.6],
        },
        "yaxis": {
            "title": {"text": "time step t"},
            "autorange": "reversed",
            "dtick": 1,
            "fixedrange": True,
            "domain": [CONTROL_BAND / height, 1 - 60 / height],
        },
        **animation_controls(tuple(f"t = {t}" for t in range(length)), 0, frame_ms, height),
    }
    frames = [{"name": str(t), "data": frame(t), "traces": [1]} for t in range(length)]
    return {"data": data, "layout": layout, "frames": frames}


def cost_figure(lengths: list[int], series: dict[str, list[int]]) -> dict:
    """Multiply-adds against sequence length: linear (convolutions) vs quadratic (attention).

    ``series`` maps a legend label to one count per length, drawn in order.
    """
    colours = (theme.TAP_COLOURS[2], theme.TAP_COLOURS[4], theme.TAP_COLOURS[5])
    data = [
        {
            "type": "scatter",
            "x": lengths,
            "y": counts,
            "name": name,
            "mode": "lines",
            "line": {"width": 3, "color": colours[index % len(colours)]},
        }
        for index, (name, counts) in enumerate(series.items())
    ]
    layout = {
        **LAYOUT,
        "height": 360,
        "title": {"text": "Cost against sequence length"},
        "xaxis": {"title": {"text": "sequence length n"}, "gridcolor": "#eee"},
        "yaxis": {"title": {"text": "multiply-adds"}, "type": "log", "gridcolor": "#eee"},
        "legend": {"orientation": "h", "y": -0.3},
    }
    return {"data": data, "layout": layout}
