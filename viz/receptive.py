"""Receptive-field figures: growth with depth, and what one output sees along a line."""

from __future__ import annotations

import numpy as np

from conv_engine import ReceptiveFieldRow

from . import theme

LAYOUT = {
    "plot_bgcolor": theme.BACKGROUND,
    "paper_bgcolor": theme.BACKGROUND,
    "font": {"family": theme.FONT_FAMILY, "color": theme.TEXT, "size": 15},
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


def support_line_figure(counts: np.ndarray, row: ReceptiveFieldRow, position: int) -> dict:
    """Paths from each input cell to one output, with the closed-form span (and its padding)."""
    first, last = row.span(position)
    size = counts.size
    data = [
        {
            "type": "bar",
            "x": list(range(size)),
            "y": counts.tolist(),
            "marker": {"color": theme.TAP_COLOURS[4]},
            "name": "paths to the output",
            "hovertemplate": "input %{x}: %{y} path(s)<extra></extra>",
        }
    ]
    shapes = [
        {
            "type": "rect",
            "xref": "x",
            "yref": "paper",
            "x0": first - 0.5,
            "x1": last + 0.5,
            "y0": 0,
            "y1": 1,
            "fillcolor": theme.with_alpha(theme.TAP_COLOURS[0], 0.18),
            "line": {"color": theme.WINDOW_OUTLINE, "width": 2, "dash": "dash"},
        },
    ]
    for x0, x1 in ((first - 0.5, -0.5), (size - 0.5, last + 0.5)):
        if x1 > x0:
            shapes.append(
                {
                    "type": "rect",
                    "xref": "x",
                    "yref": "paper",
                    "x0": x0,
                    "x1": x1,
                    "y0": 0,
                    "y1": 1,
                    "fillcolor": theme.PADDING_FILL,
                    "opacity": 0.6,
                    "line": {"width": 0},
                }
            )
    low, high = min(first, 0) - 1, max(last, size - 1) + 1
    layout = {
        **LAYOUT,
        "height": 300,
        "shapes": shapes,
        "bargap": 0.05,
        "title": {
            "text": f"Output {position} sees inputs {first} … {last} "
            f"(grey: padding, dashed: the closed-form span)"
        },
        "xaxis": {"title": {"text": "input position"}, "range": [low, high]},
        "yaxis": {"title": {"text": "paths"}, "rangemode": "tozero"},
    }
    return {"data": data, "layout": layout}
