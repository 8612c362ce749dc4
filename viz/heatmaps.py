"""Side-by-side heatmaps with titles (count maps, masks, image comparisons), and maps as
grey pictures."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image
from plotly.colors import get_colorscale

from i18n import t

from . import theme
from .grid import axis_refs, cell_texts, grid_axes, rectangle_path

MAX_NUMBERED_SIDE = 20  # larger grids show colours only (hover gives the numbers)


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
    colour_key: str | None = None,
    zranges: list[tuple[float, float] | None] | None = None,
    key_panel: int | None = None,
) -> dict:
    """Several heatmaps side by side with titles (count maps, image comparisons).

    Each panel keeps square cells; numbers are printed when the cells are big enough.
    ``outlines`` optionally draws one rectangle ``(row0, col0, row1, col1)`` (inclusive cell
    span, may extend past the grid) on each panel, e.g. a theoretical receptive field.
    ``click_ids`` (the first panel's shape) makes that panel's cells clickable: transparent
    markers whose ``customdata`` is the id of each cell. ``colour_key`` titles a colour bar
    beside the last panel (for panels that share one scale), or beside panel ``key_panel``
    (1-based) when only some do: ``zranges`` then gives each panel its ``(zmin, zmax)``, the
    same for the panels the bar describes.
    """
    count = len(panels)
    # plotly.js knows fewer scale names than plotly.py (no "_r"): always send explicit lists
    scales = [get_colorscale(s) if isinstance(s, str) else s for s in (scales or [scale] * count)]
    gap = 0.04
    right = 0.9 if colour_key else 1.0
    width = (right - gap * (count - 1)) / count
    data, layout = [], {}
    for index, (title, values) in enumerate(panels, start=1):
        values = as_2d(np.asarray(values, dtype=float))
        small = max(values.shape) <= 48
        trace = {
            "type": "heatmap",
            "z": np.round(values, 4).tolist(),
            "colorscale": scales[index - 1],
            "showscale": bool(colour_key) and index == (key_panel or count),
            # thin gaps show the cell grid on small maps (not on photos)
            "xgap": 1 if small else 0,
            "ygap": 1 if small else 0,
            "hovertemplate": "[%{y}, %{x}] = %{z}<extra></extra>",
            **axis_refs(index),
        }
        if colour_key and index == (key_panel or count):
            trace["colorbar"] = {"title": {"text": colour_key}, "thickness": 14, "len": 0.8}
        zrange = zranges[index - 1] if zranges else None
        if zrange is not None:
            trace["zmin"], trace["zmax"] = zrange
        if numbers and max(values.shape) <= MAX_NUMBERED_SIDE:
            trace["text"] = cell_texts(values)
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
                    **axis_refs(index),
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
                    "name": "cells",
                    "customdata": np.asarray(click_ids).ravel().astype(int).tolist(),
                    "marker": {"symbol": "square", "size": 14, "color": "rgba(0,0,0,0)"},
                    "hovertemplate": t("click to choose this cell") + "<extra></extra>",
                    "selected": {"marker": {"opacity": 1}},
                    "unselected": {"marker": {"opacity": 1}},
                    **axis_refs(index),
                }
            )
        left = (index - 1) * (width + gap)
        layout.update(grid_axes(index, (left, left + width), values.shape, title))
    layout.update(theme.figure_layout(height=height, margin={"l": 10, "r": 10, "t": 10, "b": 10}))
    return {"data": data, "layout": layout}


def grey_png(values: np.ndarray, zoom: int = 4) -> bytes:
    """A map of numbers as a grey PNG, each value a ``zoom`` × ``zoom`` block of pixels.

    For photos and their filtered maps, where the picture is the point and one number per
    pixel is not: sent as an image, cached by the browser, instead of a heatmap's numbers.
    Light is high. A map with negative values (an edge filter's) is drawn around mid-grey
    = 0; one without runs from its lowest (black) to its highest (white).
    """
    values = as_2d(np.asarray(values, dtype=float))
    low, high = float(values.min()), float(values.max())
    if low < 0:
        reach = max(-low, high) or 1.0
        level = 0.5 + values / (2 * reach)
    else:
        level = (values - low) / ((high - low) or 1.0)
    pixels = np.kron(np.rint(level * 255).astype(np.uint8), np.ones((zoom, zoom), np.uint8))
    out = io.BytesIO()
    Image.fromarray(pixels, mode="L").save(out, format="PNG", optimize=True)
    return out.getvalue()
