"""The layered dependency picture both the Causal page's WaveNet tree and the receptive-field
lab's cone draw: every cell of every level as a grey dot (the input at the bottom), the taps
one output depends on as lines, and the cells it depends on as dots of the window colour."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from . import theme


@dataclass(frozen=True)
class Trace:
    """Points of one trace; ``None`` in ``x`` and ``y`` breaks a line."""

    x: list
    y: list
    name: str


def dependency_figure(
    grid: Trace,
    edges: Trace,
    nodes: Trace,
    levels: Sequence[str],
    title: str,
    x_title: str,
    x_range: tuple[float, float],
    *,
    node_hover: str | None = None,
    runs: Trace | None = None,
    level_height: int = 46,
    left_margin: int = 130,
    grid_size: int = 6,
    node_size: int = 9,
) -> dict:
    """A plotly figure of ``len(levels)`` levels (``levels[0]`` at the bottom).

    ``runs`` are stretches of nodes too dense for dots, drawn as thick lines in the nodes'
    colour.
    """
    depth = len(levels) - 1
    hover = {"hovertemplate": node_hover} if node_hover else {"hoverinfo": "skip"}
    data = [
        {
            "type": "scatter",
            "x": grid.x,
            "y": grid.y,
            "mode": "markers",
            "marker": {"size": grid_size, "color": theme.TREE_NODE},
            "hoverinfo": "skip",
            "name": grid.name,
        },
        {
            "type": "scatter",
            "x": edges.x,
            "y": edges.y,
            "mode": "lines",
            "line": {"color": theme.TAP_COLOURS[4], "width": 1.5},
            "hoverinfo": "skip",
            "name": edges.name,
        },
        {
            "type": "scatter",
            "x": nodes.x,
            "y": nodes.y,
            "mode": "markers",
            "marker": {"size": node_size, "color": theme.WINDOW_OUTLINE},
            **hover,
            "name": nodes.name,
        },
    ]
    if runs is not None and runs.x:
        data.append(
            {
                "type": "scatter",
                "x": runs.x,
                "y": runs.y,
                "mode": "lines",
                "line": {"color": theme.WINDOW_OUTLINE, "width": node_size},
                "hoverinfo": "skip",
                "name": runs.name,
                "showlegend": False,  # the nodes' entry names them
            }
        )
    layout = {
        **theme.figure_layout(
            height=170 + level_height * depth,
            margin={"l": left_margin, "r": 20, "t": 70, "b": 40},
            font={"family": theme.FONT_FAMILY, "size": 14},
            showlegend=True,
            legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom"},
        ),
        "title": {"text": title, "y": 0.98, "yanchor": "top"},
        "xaxis": {
            "title": {"text": x_title},
            "range": list(x_range),
            "showgrid": False,
            "zeroline": False,
        },
        "yaxis": {
            "tickvals": list(range(depth + 1)),
            "ticktext": list(levels),
            "showgrid": False,
            "zeroline": False,
            "range": [-0.6, depth + 0.6],
        },
    }
    return {"data": data, "layout": layout}
