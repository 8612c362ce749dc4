"""Side-by-side heatmaps with titles: count maps, masks, image comparisons."""

from __future__ import annotations

import numpy as np
from plotly.colors import get_colorscale

from . import theme


def as_2d(array: np.ndarray) -> np.ndarray:
    """Draw a 1-D array as a single-row grid."""
    return array[None, :] if array.ndim == 1 else array


def heatmaps_figure(
    panels: list[tuple[str, np.ndarray]],
    scale: str | list = "Viridis",
    numbers: bool = True,
    height: int = 360,
    outlines: list[tuple[int, int, int, int] | None] | None = None,
    scales: list[str | list] | None = None,
    click_ids: np.ndarray | None = None,
) -> dict:
    """Several heatmaps side by side with titles (count maps, image comparisons).

    Each panel keeps square cells; numbers are printed when the cells are big enough.
    ``outlines`` optionally draws one rectangle ``(row0, col0, row1, col1)`` (inclusive cell
    span, may extend past the grid) on each panel, e.g. a theoretical receptive field.
    ``click_ids`` (the first panel's shape) makes that panel's cells clickable: transparent
    markers named ``"output cells"`` whose ``customdata`` is the id of each cell.
    """
    from .sliding import rectangle_path

    count = len(panels)
    # plotly.js knows fewer scale names than plotly.py (no "_r"): always send explicit lists
    scales = [get_colorscale(s) if isinstance(s, str) else s for s in (scales or [scale] * count)]
    gap = 0.04
    width = (1 - gap * (count - 1)) / count
    data, layout = [], {}
    for index, (title, values) in enumerate(panels, start=1):
        suffix = "" if index == 1 else str(index)
        values = as_2d(np.asarray(values, dtype=float))
        trace = {
            "type": "heatmap",
            "z": np.round(values, 4).tolist(),
            "colorscale": scales[index - 1],
            "showscale": False,
            # thin gaps show the cell grid on small maps (not on photos)
            "xgap": 1 if max(values.shape) <= 48 else 0,
            "ygap": 1 if max(values.shape) <= 48 else 0,
            "xaxis": f"x{suffix}",
            "yaxis": f"y{suffix}",
            "hovertemplate": "[%{y}, %{x}] = %{z}<extra></extra>",
        }
        if numbers and max(values.shape) <= 20:
            trace["text"] = [[theme.format_number(v) for v in row] for row in values.tolist()]
            trace["texttemplate"] = "%{text}"
        data.append(trace)
        box = outlines[index - 1] if outlines else None
        if box is not None:
            bx, by = rectangle_path(np.array([box]))
            data.append(
                {
                    "type": "scatter",
                    "x": bx,
                    "y": by,
                    "mode": "lines",
                    "line": {"color": theme.WINDOW_OUTLINE, "width": 3, "dash": "dash"},
                    "hoverinfo": "skip",
                    "xaxis": f"x{suffix}",
                    "yaxis": f"y{suffix}",
                }
            )
        if index == 1 and click_ids is not None:
            rows, cols = np.indices(values.shape)
            data.append(
                {
                    "type": "scatter",
                    "x": cols.ravel().tolist(),
                    "y": rows.ravel().tolist(),
                    "mode": "markers",
                    "name": "output cells",
                    "customdata": np.asarray(click_ids).ravel().astype(int).tolist(),
                    "marker": {"symbol": "square", "size": 14, "color": "rgba(0,0,0,0)"},
                    "hovertemplate": "click to choose this output<extra></extra>",
                    "selected": {"marker": {"opacity": 1}},
                    "unselected": {"marker": {"opacity": 1}},
                    "xaxis": f"x{suffix}",
                    "yaxis": f"y{suffix}",
                }
            )
        left = (index - 1) * (width + gap)
        layout[f"xaxis{suffix}"] = {
            "domain": [left, left + width],
            "range": [-0.5, values.shape[1] - 0.5],
            "side": "top",
            "title": {"text": title},
            "showgrid": False,
            "zeroline": False,
            "fixedrange": True,
            "showticklabels": False,
            "ticks": "",
            "anchor": f"y{suffix}",
        }
        layout[f"yaxis{suffix}"] = {
            "domain": [0, 0.86],
            "range": [values.shape[0] - 0.5, -0.5],
            "showgrid": False,
            "zeroline": False,
            "fixedrange": True,
            "showticklabels": False,
            "ticks": "",
            "scaleanchor": f"x{suffix}",
            "constrain": "domain",
            "constraintoward": "top",
            "anchor": f"x{suffix}",
        }
    layout.update(
        theme.figure_layout(
            height=height,
            margin={"l": 10, "r": 10, "t": 10, "b": 10},
            plot_bgcolor=theme.GRID_LINES,
        )
    )
    return {"data": data, "layout": layout}
