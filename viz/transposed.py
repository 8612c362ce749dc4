"""Figures of the transposed-convolution page: scatter animation, matrix view, count maps.

All builders return plain plotly spec dicts (see ``viz.figure``).
"""

from __future__ import annotations

import numpy as np

from conv_engine import ScatterTrace

from . import theme
from .heatmaps import as_2d
from .sliding import (
    animation_controls,
    cell_grid,
    grid_layout,
    heatmap_labels,
    rectangle_path,
)


def _labels(values: np.ndarray, size: int, hover: str) -> dict:
    """A heatmap's own cell labels, and hover as ``hover[r, c] = value``."""
    return {
        **heatmap_labels(cell_grid(values), {"size": size, "color": theme.TEXT}),
        "hoverinfo": "text",
        "hovertemplate": f"{hover}[%{{y}}, %{{x}}] = %{{text}}<extra></extra>",
    }


def _heatmap(values: np.ndarray, ref: tuple[str, str], scale, zmin=None, zmax=None) -> dict:
    return {
        "type": "heatmap",
        "z": values.tolist(),
        "colorscale": scale,
        "showscale": False,
        "zmin": float(values.min()) if zmin is None else zmin,
        "zmax": (float(values.max()) if zmax is None else zmax) + 1e-9,
        "xgap": theme.GRID_GAP,
        "ygap": theme.GRID_GAP,
        "hoverinfo": "skip",
        "xaxis": ref[0],
        "yaxis": ref[1],
    }


def scatter_figure(trace: ScatterTrace, pinned_output: tuple[int, ...] | None = None) -> dict:
    """Each input cell stamps the kernel, scaled by its value, into the output; stamps add.

    Frame ``n`` outlines input cell ``n``, colours the output cells its stamp reaches (one
    colour per kernel tap, as in the kernel panel) and shows the running sums.
    ``pinned_output`` outlines one output cell in every frame (the cell chosen elsewhere).
    """
    x, weight = as_2d(trace.input), as_2d(trace.weight)
    running = trace.running.reshape(trace.num_steps, *as_2d(trace.running[0]).shape)
    targets = (
        trace.targets
        if trace.targets.shape[-1] == 2
        else np.concatenate([np.zeros_like(trace.targets), trace.targets], axis=-1)
    )
    grid = grid_layout(
        [x.shape, weight.shape, running.shape[1:]],
        ("Input", "Kernel", "Output (sum of stamps)"),
        vertical=x.shape[0] == 1,
    )
    (ri, rk, ro), size = grid.refs, max(10, min(theme.CELL_FONT_SIZE, int(grid.cell * 0.4)))
    num_taps = weight.size
    colours = min(num_taps, len(theme.TAP_COLOURS))

    high = float(np.abs(running).max()) or 1.0
    out_shape = running.shape[1:]

    def frame(step: int) -> list[dict]:
        """Outline of input cell ``step``; the sums so far; its stamp's cells by tap colour.

        The stamp is a heatmap (empty cells are null, so transparent) over the sums, and
        it carries the sums' labels: heatmap text is drawn above the heatmap's own colours,
        so the numbers stay crisp on the coloured cells.
        """
        row, col = np.unravel_index(step, x.shape)
        ix, iy = rectangle_path(np.array([[row, col, row, col]]))
        stamp = np.full(out_shape, None, dtype=object)
        inside = trace.inside[step]
        cells = targets[step][inside]
        stamp[cells[:, 0], cells[:, 1]] = np.flatnonzero(inside) % len(theme.TAP_COLOURS)
        return [
            {"type": "scatter", "x": ix, "y": iy},
            {"type": "heatmap", "z": running[step].tolist()},
            {
                "type": "heatmap",
                "z": stamp.tolist(),
                "text": cell_grid(running[step]),
            },
        ]

    first = frame(0)
    data = [
        {
            **_heatmap(np.zeros(x.shape), ri, [[0, theme.INPUT_FILL], [1, theme.INPUT_FILL]], 0, 1),
            **_labels(x, size, "x"),
        },
        {
            **first[0],
            "mode": "lines",
            "line": {"color": theme.WINDOW_OUTLINE, "width": 4},
            "hoverinfo": "skip",
            "xaxis": ri[0],
            "yaxis": ri[1],
        },
        {
            **_heatmap(
                np.arange(num_taps).reshape(weight.shape) % len(theme.TAP_COLOURS),
                rk,
                theme.tap_scale(colours),
                -0.5,
                colours - 0.5,
            ),
            **_labels(weight, size, "w"),
        },
        {**_heatmap(running[0], ro, theme.DIVERGING, -high, high), **first[1]},
        {
            **_heatmap(
                np.zeros(out_shape), ro, theme.tap_scale(colours, 0.45), -0.5, colours - 0.5
            ),
            **_labels(running[0], size, "y"),
            **first[2],
        },
    ]
    if pinned_output is not None:
        row, col = (0, *pinned_output) if len(pinned_output) == 1 else pinned_output
        px, py = rectangle_path(np.array([[row, col, row, col]]))
        data.append(
            {
                "type": "scatter",
                "x": px,
                "y": py,
                "mode": "lines",
                "line": {"color": theme.PINNED_OUTLINE, "width": 4, "dash": "dash"},
                "hoverinfo": "skip",
                "xaxis": ro[0],
                "yaxis": ro[1],
            }
        )
    dynamic = [1, 3, 4]
    names = tuple(
        "x[" + ", ".join(str(int(i)) for i in np.unravel_index(step, trace.input.shape)) + "]"
        for step in range(trace.num_steps)
    )
    frames = [
        {"name": str(step), "data": frame(step), "traces": dynamic}
        for step in range(trace.num_steps)
    ]
    layout = {**grid.layout, **animation_controls(names, 0, theme.FRAME_MS, grid.height)}
    return {"data": data, "layout": layout, "frames": frames}


def matrix_figure(matrix: np.ndarray, pinned_row: int | None = None) -> dict:
    """The conv as a matrix C (outputs × inputs) beside Cᵀ, the transposed conv.

    ``pinned_row`` outlines one row of Cᵀ: the weights that make that output cell.
    """
    rows, cols = matrix.shape
    # no floor: a larger cell would make the figure wider than the page, and a figure
    # shrunk to fit keeps its height (blank space under the matrices)
    cell = min(26, 520 / max(rows, cols), 1100 / (rows + cols + 4))
    width = cell * (rows + cols) + 160
    height = cell * max(rows, cols) + 90
    high = float(np.abs(matrix).max()) or 1.0
    gap = 60 / width
    split = cols * cell / (width - 100)
    show_numbers = cell >= 22

    def panel(values, axis, domain, title, x_title, y_title):
        suffix = "" if axis == 1 else str(axis)
        trace = {
            "type": "heatmap",
            "z": values.tolist(),
            "colorscale": theme.DIVERGING,
            "zmin": -high,
            "zmax": high,
            "showscale": False,
            "xgap": 1,
            "ygap": 1,
            "xaxis": f"x{suffix}",
            "yaxis": f"y{suffix}",
            "hovertemplate": "row %{y}, column %{x}: %{z}<extra></extra>",
        }
        if show_numbers:
            trace["text"] = [
                [theme.format_number(v) if v else "" for v in row] for row in values.tolist()
            ]
            trace["texttemplate"] = "%{text}"
        n_rows, n_cols = values.shape
        axes = {
            f"xaxis{suffix}": {
                "domain": domain,
                "range": [-0.5, n_cols - 0.5],
                "side": "top",
                "title": {"text": f"{title}<br><sub>{x_title}</sub>"},
                "showgrid": False,
                "zeroline": False,
                "fixedrange": True,
                "anchor": f"y{suffix}",
            },
            f"yaxis{suffix}": {
                "domain": [0, 1 - 80 / height],
                "range": [n_rows - 0.5, -0.5],
                "title": {"text": y_title},
                "showgrid": False,
                "zeroline": False,
                "fixedrange": True,
                "anchor": f"x{suffix}",
                "scaleanchor": f"x{suffix}",
                "constrain": "domain",
                "constraintoward": "top",
            },
        }
        return trace, axes

    left_trace, left_axes = panel(
        matrix, 1, [0, split], "C: the convolution", "input cell (flattened)", "output cell"
    )
    right_trace, right_axes = panel(
        matrix.T,
        2,
        [split + gap, 1],
        "Cᵀ: the transposed conv",
        "its input cell",
        "its output cell",
    )
    data = [left_trace, right_trace]
    if pinned_row is not None:
        hx, hy = rectangle_path(np.array([[pinned_row, 0, pinned_row, rows - 1]]))
        data.append(
            {
                "type": "scatter",
                "x": hx,
                "y": hy,
                "mode": "lines",
                "line": {"color": theme.PINNED_OUTLINE, "width": 3},
                "hoverinfo": "skip",
                "xaxis": "x2",
                "yaxis": "y2",
            }
        )
    layout = {
        **left_axes,
        **right_axes,
        **theme.figure_layout(
            height=int(height),
            # 80 px more on the right: the narrow right panel's title reaches past its edge
            width=int(width) + 80,
            margin={"l": 60, "r": 90, "t": 10, "b": 10},
        ),
    }
    return {"data": data, "layout": layout}
