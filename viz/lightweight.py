"""Lightweight/dynamic convolution figures: per-step kernels and cost against length."""

from __future__ import annotations

import numpy as np

from i18n import t

from . import theme
from .receptive import CHART
from .scenes import Box, Panel, boxes_scene


def step_kernels_scene(kernels: np.ndarray) -> dict:
    """Dynamic conv: each time step's predicted (softmaxed) kernel as a row; Play walks t.

    kernels : ``(T, K)`` for one head.
    """
    length, taps = kernels.shape
    panels = [Panel(t("Kernel predicted at each step t (head 0)"), kernels, "count", "w")]
    boxes = [[Box(0, step, 0, step, taps - 1)] for step in range(length)]
    captions = [
        t(
            "step {step}: w_t = softmax(W·x_t) = [{weights}], its own kernel, used only for "
            "output t",
            step=step,
            weights=", ".join(theme.format_number(v) for v in kernels[step].tolist()),
        )
        for step in range(length)
    ]
    return boxes_scene(panels, boxes, captions, legend=[("window", t("this step's kernel"))])


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
        **theme.figure_layout(height=380, showlegend=True, **CHART),
        "margin": {"l": 60, "r": 20, "t": 50, "b": 50},
        "title": {"text": t("Cost against sequence length")},
        "xaxis": {"title": {"text": t("sequence length n")}},
        "yaxis": {"title": {"text": t("multiply-adds")}, "type": "log"},
        "legend": {"orientation": "h", "y": -0.3},
    }
    return {"data": data, "layout": layout}
