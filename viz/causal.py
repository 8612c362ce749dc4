"""The WaveNet dependency tree: one output, and every earlier step it depends on."""

from __future__ import annotations

import numpy as np

from conv_engine import causal_dependencies
from i18n import t

from . import theme


def dependency_tree_figure(
    kernel_size: int, dilations: list[int], length: int, position: int | None = None
) -> dict:
    """Levels of a dilated causal stack (input at the bottom) over ``length`` time steps.

    Highlights the nodes and edges that output ``position`` (default: the last step) depends
    on; the rest of the grid is drawn faintly.
    """
    position = length - 1 if position is None else position
    levels = causal_dependencies(kernel_size, dilations, length, position)
    depth = len(dilations)
    grid_x = np.tile(np.arange(length), depth + 1).tolist()
    grid_y = np.repeat(np.arange(depth + 1), length).tolist()
    edge_x: list = []
    edge_y: list = []
    for index, dilation in enumerate(reversed(dilations)):  # from the output down
        level = depth - index
        for node in levels[index].tolist():
            for tap in range(kernel_size):
                child = node - tap * dilation
                if child >= 0:
                    edge_x += [node, child, None]
                    edge_y += [level, level - 1, None]
    node_x = [int(t) for level in levels for t in level]
    node_y = [depth - i for i, level in enumerate(levels) for _ in level]
    labels = [t("input")] + [
        t("layer {number} (d = {d})", number=i + 1, d=d) for i, d in enumerate(dilations)
    ]
    data = [
        {
            "type": "scatter",
            "x": grid_x,
            "y": grid_y,
            "mode": "markers",
            "marker": {"size": 6, "color": theme.TREE_NODE},
            "hoverinfo": "skip",
            "name": t("a time step the output does not need"),
        },
        {
            "type": "scatter",
            "x": edge_x,
            "y": edge_y,
            "mode": "lines",
            "line": {"color": theme.TAP_COLOURS[4], "width": 1.5},
            "hoverinfo": "skip",
            "name": t("one kernel tap (d steps back)"),
        },
        {
            "type": "scatter",
            "x": node_x,
            "y": node_y,
            "mode": "markers",
            "marker": {"size": 9, "color": theme.WINDOW_OUTLINE},
            "hovertemplate": t("time %{x}") + "<extra></extra>",
            "name": t("a step the output depends on"),
        },
    ]
    layout = {
        **theme.figure_layout(
            height=170 + 46 * depth,
            margin={"l": 130, "r": 20, "t": 70, "b": 40},
            font={"family": theme.FONT_FAMILY, "size": 14},
            showlegend=True,
            legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom"},
        ),
        "title": {
            "text": t(
                "Output at time {position} depends on {count} input steps",
                position=position,
                count=levels[-1].size,
            ),
            "y": 0.98,
            "yanchor": "top",
        },
        "xaxis": {
            "title": {"text": t("time step")},
            "range": [-1, length],
            "showgrid": False,
            "zeroline": False,
        },
        "yaxis": {
            "tickvals": list(range(depth + 1)),
            "ticktext": labels,
            "showgrid": False,
            "zeroline": False,
            "range": [-0.6, depth + 0.6],
        },
    }
    return {"data": data, "layout": layout}
