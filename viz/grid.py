"""The grid toolkit of the static figures: square-celled axes, cell outlines, cell labels.

Every static heatmap figure (count maps, matrices, photos) lays out its panels with
:func:`grid_axes` and outlines spans of cells with :func:`rectangle_path`.
"""

from __future__ import annotations

import numpy as np

from . import theme

TITLE_LINE = 44  # latin characters a panel title keeps on one line (a CJK one counts two)


def two_lines(title: str) -> str:
    """A long panel title broken once, at the space nearest its middle (an SVG title
    cannot wrap: on a narrow screen it ran past both edges)."""
    width = sum(2 if ord(char) > 0x2E80 else 1 for char in title)
    if width <= TITLE_LINE or "<br>" in title:
        return title
    breaks = [i for i, char in enumerate(title) if char == " " or char in "，：、"]
    if not breaks:
        return title
    middle = len(title) / 2
    at = min(breaks, key=lambda i: abs(i - middle))
    keep = title[at] if title[at] != " " else ""
    return f"{title[:at]}{keep}<br>{title[at + 1 :]}"


def grid_axes(
    index: int,
    domain: tuple[float, float],
    shape: tuple[int, int],
    title: str = "",
    *,
    y_domain: tuple[float, float] = (0.0, 0.86),
    ticks: bool = False,
) -> dict:
    """The x/y axis pair of panel ``index`` (1-based): square cells, row 0 at the top."""
    suffix = "" if index == 1 else str(index)
    rows, cols = shape
    common = {
        "showgrid": False,
        "zeroline": False,
        "fixedrange": True,
        "showticklabels": ticks,
        "ticks": "",
    }
    return {
        f"xaxis{suffix}": {
            **common,
            "domain": list(domain),
            "range": [-0.5, cols - 0.5],
            "side": "top",
            "title": {"text": two_lines(title)},
            "anchor": f"y{suffix}",
        },
        f"yaxis{suffix}": {
            **common,
            "domain": list(y_domain),
            "range": [rows - 0.5, -0.5],
            "scaleanchor": f"x{suffix}",
            "constrain": "domain",
            "constraintoward": "top",
            "anchor": f"x{suffix}",
        },
    }


def axis_refs(index: int) -> dict:
    """The ``xaxis``/``yaxis`` references of panel ``index`` for a trace."""
    suffix = "" if index == 1 else str(index)
    return {"xaxis": f"x{suffix}", "yaxis": f"y{suffix}"}


def rectangle_path(rectangles: np.ndarray) -> tuple[list, list]:
    """Closed polygons (None-separated) around inclusive cell spans (row0, col0, row1, col1)."""
    xs: list = []
    ys: list = []
    for row0, col0, row1, col1 in np.asarray(rectangles)[:, :4].tolist():
        left, right, top, bottom = col0 - 0.5, col1 + 0.5, row0 - 0.5, row1 + 0.5
        xs += [left, right, right, left, left, None]
        ys += [top, top, bottom, bottom, top, None]
    return xs, ys


def cell_texts(values: np.ndarray) -> list[list[str]]:
    """Every value of a grid as short text, row by row."""
    return [[theme.format_number(v) for v in row] for row in np.atleast_2d(values).tolist()]
