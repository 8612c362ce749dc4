"""Receptive-field figures: growth with depth, and what one output sees along a line."""

from __future__ import annotations

import numpy as np

from conv_engine import ReceptiveFieldRow
from i18n import t

from . import theme
from .scenes import Box, Panel, boxes_scene

CHART = {"font": {"family": theme.FONT_FAMILY, "size": 15}}


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
        **theme.figure_layout(height=380, showlegend=True, **CHART),
        "margin": {"l": 60, "r": 20, "t": 50, "b": 50},
        "title": {"text": title},
        "xaxis": {"title": {"text": t("layers")}, "dtick": 1},
        "yaxis": {"title": {"text": t("receptive field (cells)")}, "rangemode": "tozero"},
        "legend": {"orientation": "h", "y": -0.25},
    }
    return {"data": data, "layout": layout}


def span_scene(
    counts: np.ndarray, row: ReceptiveFieldRow, input_size: int, pinned: int, outputs: int
) -> dict:
    """What each output of a stack sees along the input: Play sweeps its span across.

    ``counts`` (``input_size``): paths from each input cell to output ``pinned`` (holes are
    0). The input strip covers the pinned output's span and a margin as wide (at least
    8 cells, so a class can read it); the sweep visits the outputs whose spans fit in it.
    Cells outside the input are padding.
    """
    first, last = row.span(pinned)
    margin = max(8, last - first + 1)
    low, high = first - margin, last + margin
    inside = [t for t in range(outputs) if low <= row.span(t)[0] and row.span(t)[1] <= high]
    positions = sorted({*inside[:: max(1, -(-len(inside) // 128))], pinned})
    columns = np.arange(low, high + 1)
    real = (columns >= 0) & (columns < input_size)
    values = np.zeros(columns.size)
    values[real] = counts[columns[real]]
    kinds = np.where(real, 0, 1)
    panels = [
        Panel(
            t("Outputs: click one"),
            np.asarray(positions, float)[None, :],
            "count",
            "output",
            numbers=len(positions) <= 40,
        ),
        Panel(
            t("Inputs {low} … {high}: paths to output {pinned}", low=low, high=high, pinned=pinned),
            values[None, :],
            "count",
            "x",
            kinds[None, :],
            col_labels=[str(c) for c in columns],
            numbers=columns.size <= 48,
        ),
    ]
    steps, captions = [], []
    for index, position in enumerate(positions):
        start, end = row.span(position)
        steps.append([Box(0, 0, index, 0, index), Box(1, 0, start - low, 0, end - low)])
        outside = max(0, -start) + max(0, end - (input_size - 1))
        padding = t(", {outside} in padding", outside=outside) if outside else ""
        captions.append(
            t(
                "output {position} sees inputs {start} … {end}: {cells} cells",
                position=position,
                start=start,
                end=end,
                cells=end - start + 1,
            )
            + padding
        )
    scene = boxes_scene(
        panels,
        steps,
        captions,
        start=positions.index(pinned),
        legend=[
            ("window", t("the receptive field (closed form)")),
            ("padding", t("padding (outside the input)")),
        ],
        clickable=0,
    )
    scene["positions"] = positions  # step → output position, for the page
    return scene
