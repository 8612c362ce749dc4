"""Receptive-field figures: growth with depth, and what one output sees along a line."""

from __future__ import annotations

import numpy as np

from conv_engine import ReceptiveFieldRow

from . import theme
from .sliding import CONTROL_BAND, animation_controls

LAYOUT = {
    "plot_bgcolor": theme.BACKGROUND,
    "paper_bgcolor": theme.BACKGROUND,
    "font": {**theme.FONT, "size": 15},
    "margin": {"l": 60, "r": 20, "t": 50, "b": 50},
}


def growth_figure(series: dict[str, list[int]], title: str) -> dict:
    """Receptive-field size against depth, one line per stack (e.g. plain vs dilated)."""
    colours = [theme.TAP_COLOURS[i] for i in (4, 5, 2, 0, 6)]
    data = [
        {
            "type": "scatter",
            "x": list(range(1, len(sizes) + 1)),
            "y": sizes,
            "mode": "lines+markers+text",
            "name": name,
            "text": [str(s) for s in sizes],
            "textposition": "top center",
            "line": {"width": 3, "color": colours[i % 5]},
            "marker": {"size": 9},
        }
        for i, (name, sizes) in enumerate(series.items())
    ]
    layout = {
        **LAYOUT,
        "height": 380,
        "title": {"text": title},
        "xaxis": {"title": {"text": "layers"}, "dtick": 1, "gridcolor": "#eee"},
        "yaxis": {
            "title": {"text": "receptive field (cells)"},
            "gridcolor": "#eee",
            "rangemode": "tozero",
        },
        "legend": {"orientation": "h", "y": -0.25},
    }
    return {"data": data, "layout": layout}


def support_line_figure(
    counts: np.ndarray, row: ReceptiveFieldRow, positions: list[int], active: int
) -> dict:
    """Paths from each input cell to one output, with the closed-form span and the padding.

    ``counts`` holds one row per output in ``positions``; Play sweeps the outputs so the
    receptive field slides over the input (client-side frames), starting at ``active``.
    """
    size = counts.shape[1]
    spans = [row.span(position) for position in positions]
    low = min(min(first for first, _ in spans), 0) - 1
    high = max(max(last for _, last in spans), size - 1) + 1

    def frame(index: int) -> list[dict]:
        first, last = spans[index]
        return [
            {
                "type": "scatter",
                "x": [first - 0.5, last + 0.5, last + 0.5, first - 0.5, first - 0.5],
                "y": [0, 0, 1, 1, 0],
            },
            {"type": "bar", "y": counts[index].tolist()},
        ]

    span, bars = frame(active)
    shapes = [
        {
            "type": "rect",
            "xref": "x",
            "yref": "y domain",
            "x0": x0,
            "x1": x1,
            "y0": 0,
            "y1": 1,
            "fillcolor": theme.PADDING_FILL,
            "opacity": 0.6,
            "line": {"width": 0},
            "layer": "below",
        }
        for x0, x1 in ((low, -0.5), (size - 0.5, high))
    ]
    data = [
        {
            **span,
            "mode": "lines",
            "fill": "toself",
            "yaxis": "y2",
            "hoverinfo": "skip",
            "fillcolor": theme.with_alpha(theme.TAP_COLOURS[0], 0.18),
            "line": {"color": theme.WINDOW_OUTLINE, "width": 2, "dash": "dash"},
        },
        {
            **bars,
            "x": list(range(size)),
            "marker": {"color": theme.TAP_COLOURS[4]},
            "name": "paths to the output",
            "hovertemplate": "input %{x}: %{y} path(s)<extra></extra>",
        },
    ]
    first, last = spans[active]
    names = tuple(
        f"output {p}: inputs {a} … {b}" for p, (a, b) in zip(positions, spans, strict=True)
    )
    height = 300 + CONTROL_BAND
    layout = {
        **LAYOUT,
        "height": height,
        "shapes": shapes,
        "bargap": 0.05,
        "showlegend": False,
        "margin": {"l": 60, "r": 20, "t": 50, "b": 0},
        "title": {
            "text": f"Output {positions[active]} sees inputs {first} … {last} "
            "(grey: padding, dashed: the closed-form span)"
        },
        "xaxis": {"title": {"text": "input position"}, "range": [low, high], "domain": [0, 1]},
        "yaxis": {
            "title": {"text": "paths"},
            "rangemode": "tozero",
            "domain": [CONTROL_BAND / height + 0.16, 1],
        },
        "yaxis2": {"overlaying": "y", "range": [0, 1], "visible": False, "fixedrange": True},
        **animation_controls(names, active, theme.FRAME_MS, height),
    }
    frames = [{"name": str(i), "data": frame(i), "traces": [0, 1]} for i in range(len(positions))]
    return {"data": data, "layout": layout, "frames": frames}
