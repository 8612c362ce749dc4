"""The sliding-window animation: input (with padding), kernel and output, played in the browser.

Built from plain dicts (``go.Frame`` objects are slow to build) and animated with plotly
frames: Play / Pause / Slow / Fast buttons and a step slider, all client-side. Each frame
moves the coloured kernel window, fills in one more output cell and outlines it. The output
cells are clickable points whose ``customdata`` is their step, so a page can pin a cell.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from conv_engine import INSERTED_ZERO, PADDING

from . import theme
from .grid_view import GridView


@dataclass(frozen=True)
class Panel:
    """One grid panel of the figure, placed in pixels before conversion to paper domains."""

    rows: int
    cols: int
    left: float = 0.0
    top: float = 0.0


OUTPUT_CELLS = "output cells"  # name of the clickable trace: its customdata is the step
TITLE_BAND = 56  # px above the grids for panel titles
CONTROL_BAND = 150  # px below the grids for the buttons and the step slider
SIDE_MARGIN = 24
MAX_WIDTH = 1100
MAX_GRID_HEIGHT = 560
PANEL_GAP = 70
MAX_SCRUBBER_STEPS = 32  # more costs redraw time for little (see scrubber_steps)


def _place_panels(
    shapes: list[tuple[int, int]], vertical: bool, control_band: int
) -> tuple[list[Panel], float, float, float]:
    """Place grid panels side by side (or stacked); return them, cell size, width, height."""
    if vertical:  # 1-D strips: stacked, one above the other
        cell = min(theme.CELL_PIXELS, (MAX_WIDTH - 2 * SIDE_MARGIN) / max(c for _, c in shapes))
        panels, top = [], TITLE_BAND
        for rows, cols in shapes:
            panels.append(Panel(rows, cols, SIDE_MARGIN, top))
            top += rows * cell + TITLE_BAND
        width = 2 * SIDE_MARGIN + max(c for _, c in shapes) * cell
        return panels, cell, width, top - TITLE_BAND + control_band
    gaps = PANEL_GAP * (len(shapes) - 1)
    cell = min(
        theme.CELL_PIXELS,
        (MAX_WIDTH - 2 * SIDE_MARGIN - gaps) / sum(c for _, c in shapes),
        MAX_GRID_HEIGHT / max(r for r, _ in shapes),
    )
    panels, left = [], SIDE_MARGIN
    for rows, cols in shapes:
        panels.append(Panel(rows, cols, left, TITLE_BAND))
        left += cols * cell + PANEL_GAP
    width = left - PANEL_GAP + SIDE_MARGIN
    return panels, cell, width, TITLE_BAND + max(r for r, _ in shapes) * cell + control_band


@dataclass(frozen=True)
class GridLayout:
    """Axes for a row (or column) of square-celled grid panels."""

    layout: dict
    refs: list[tuple[str, str]]
    cell: float
    width: float
    height: float


def grid_layout(
    shapes: list[tuple[int, int]],
    titles: tuple[str, ...],
    vertical: bool = False,
    control_band: int = CONTROL_BAND,
) -> GridLayout:
    """Layout dict with one x/y axis pair per panel (square cells, row 0 at the top)."""
    panels, cell, width, height = _place_panels(shapes, vertical, control_band)
    layout: dict = {}
    refs = []
    for index, (panel, title) in enumerate(zip(panels, titles, strict=True), start=1):
        xname, xaxis, yname, yaxis, xref, yref = _axes(panel, index, cell, width, height, title)
        layout[xname], layout[yname] = xaxis, yaxis
        refs.append((xref, yref))
    layout.update(
        theme.figure_layout(
            height=int(height),
            width=int(width),
            margin={"l": 0, "r": 0, "t": 0, "b": 0},
            hoverlabel={"font": {"size": 16}},
        )
    )
    return GridLayout(layout, refs, cell, width, height)


def _axes(panel: Panel, index: int, cell: float, width: float, height: float, title: str):
    """Axis dicts for one panel: square cells, row 0 at the top, titles above."""
    suffix = "" if index == 1 else str(index)
    x0 = panel.left / width
    x1 = (panel.left + panel.cols * cell) / width
    y1 = 1 - panel.top / height
    y0 = 1 - (panel.top + panel.rows * cell) / height
    common = {"showgrid": False, "zeroline": False, "fixedrange": True, "ticks": ""}
    xaxis = {
        **common,
        "domain": [x0, x1],
        "range": [-0.5, panel.cols - 0.5],
        "anchor": f"y{suffix}",
        "side": "top",
        "title": {"text": title, "font": {"size": theme.TITLE_SIZE}, "standoff": 4},
        "showticklabels": False,
        "constraintoward": "left",
    }
    yaxis = {
        **common,
        "domain": [y0, y1],
        "range": [panel.rows - 0.5, -0.5],
        "anchor": f"x{suffix}",
        "scaleanchor": f"x{suffix}",
        "constrain": "domain",
        "constraintoward": "top",
        "showticklabels": False,
    }
    return f"xaxis{suffix}", xaxis, f"yaxis{suffix}", yaxis, f"x{suffix}", f"y{suffix}"


def rectangle_path(rectangles: np.ndarray) -> tuple[list, list]:
    """Closed polygons (None-separated) around inclusive cell spans (row0, col0, row1, col1)."""
    xs: list = []
    ys: list = []
    for row0, col0, row1, col1 in rectangles[:, :4].tolist():
        left, right, top, bottom = col0 - 0.5, col1 + 0.5, row0 - 0.5, row1 + 0.5
        xs += [left, right, right, left, left, None]
        ys += [top, top, bottom, bottom, top, None]
    return xs, ys


def _hatch(kinds: np.ndarray, kind: int) -> tuple[list, list]:
    """A diagonal stroke across every cell of ``kind``: a hatch that reads 'not real input'.

    Strokes of cells that touch corner to corner (down-left to up-right) join into one
    line, so a padding band costs a few lines rather than one per cell (plotly.js draws
    each None-separated piece as its own path: 256 padding cells were ~10 ms a redraw).
    """
    mine = kinds == kind
    rows, cols = mine.shape
    xs: list = []
    ys: list = []
    for row, col in zip(*np.nonzero(mine), strict=True):
        if row + 1 < rows and col > 0 and mine[row + 1, col - 1]:
            continue  # not the lower-left end of its line
        length = 1
        while row - length >= 0 and col + length < cols and mine[row - length, col + length]:
            length += 1
        xs += [col - 0.5, col + length - 0.5, None]
        ys += [row + 0.5, row - length + 0.5, None]
    return xs, ys


def _hatch_traces(kinds: np.ndarray, xref: str, yref: str) -> list[dict]:
    """Static hatch strokes over padding (solid) and inserted zeros (dotted)."""
    traces = []
    for kind, dash in ((PADDING, "solid"), (INSERTED_ZERO, "dot")):
        hx, hy = _hatch(kinds, kind)
        if hx:
            traces.append(
                {
                    "type": "scatter",
                    "x": hx,
                    "y": hy,
                    "mode": "lines",
                    "line": {"color": theme.HATCH, "width": 1, "dash": dash},
                    "hoverinfo": "skip",
                    "xaxis": xref,
                    "yaxis": yref,
                }
            )
    return traces


def cell_centres(shape: tuple[int, int]) -> tuple[np.ndarray, np.ndarray]:
    """Column and row index of every cell of a grid, row-major (plot x, y)."""
    rows, cols = np.indices(shape)
    return cols.ravel(), rows.ravel()


def cell_texts(values: np.ndarray) -> list[str]:
    """Every value of a grid as short text, row-major."""
    return [theme.format_number(v) for v in values.ravel().tolist()]


def cell_grid(values: np.ndarray) -> list[list[str]]:
    """Every value of a grid as short text, row by row."""
    return [cell_texts(row) for row in np.atleast_2d(values)]


def heatmap_labels(text: list[list[str]], font: dict, show: bool = True) -> dict:
    """A heatmap's own cell labels (``text``, printed with ``texttemplate`` if ``show``).

    Labels drawn by a heatmap cost plotly.js about half as much as a scatter trace of text
    (a 25 × 25 grid: ~20 ms less a redraw). They sit above the heatmap's colours and under
    every scatter trace (hatch, outlines, masks), so a heatmap drawn over another one
    repeats the labels of its cells (the window over the input).
    """
    if not show:
        return {"text": text}
    return {"text": text, "texttemplate": "%{text}", "textfont": font}


def sliding_window_figure(
    view: GridView,
    pinned_step: int = 0,
    titles: tuple[str, str, str] = ("Input (padded)", "Kernel", "Output"),
    frame_ms: int = theme.FRAME_MS,
) -> dict:
    """The animated figure (a plotly spec dict) of a sliding-window convolution.

    Parameters
    ----------
    view : display data from :func:`grid_view_2d` / :func:`grid_view_1d`
    pinned_step : the step shown before Play (e.g. an output cell the user clicked)
    titles : the three panel titles
    frame_ms : milliseconds per step at normal speed
    """
    steps = view.num_steps
    pinned_step = int(np.clip(pinned_step, 0, steps - 1))
    shapes = [view.values.shape, view.kernel.shape, view.output.shape]
    grid = grid_layout(shapes, titles, vertical=view.values.shape[0] <= 3)
    layout, refs, cell, height = dict(grid.layout), grid.refs, grid.cell, grid.height
    (xi, yi), (xk, yk), (xo, yo) = refs
    show_text = cell >= theme.MIN_TEXT_CELL
    font = {"size": max(10, min(theme.CELL_FONT_SIZE, int(cell * 0.4))), "color": theme.TEXT}

    data: list[dict] = []
    # --- input grid: fill by cell kind (or by value when cells are too small for numbers),
    # hatch over padding and inserted zeros
    kind_scale = [
        [0.0, theme.INPUT_FILL],
        [0.33, theme.INPUT_FILL],
        [0.34, theme.PADDING_FILL],
        [0.66, theme.PADDING_FILL],
        [0.67, theme.INSERTED_FILL],
        [1.0, theme.INSERTED_FILL],
    ]
    by_value = not show_text
    input_text = np.array(cell_grid(view.values), dtype=object)
    names = {PADDING: "padding", INSERTED_ZERO: "inserted zero"}
    hover = [
        [
            f"{names.get(int(kind), 'x')}[{view.row_labels[r]}, {view.col_labels[c]}] = "
            f"{input_text[r, c]}"
            for c, kind in enumerate(row)
        ]
        for r, row in enumerate(view.kinds)
    ]
    # printed numbers: every cell's, but a dense grid's padding zeros (the hatch says zero)
    labels = input_text.copy()
    if view.values.size + view.output.size > theme.LABEL_BUDGET:
        labels[view.kinds == PADDING] = ""
    data.append(
        {
            "type": "heatmap",
            "z": (view.values if by_value else view.kinds).tolist(),
            "zmin": float(view.values.min()) if by_value else 0,
            "zmax": float(view.values.max()) if by_value else 2,
            "colorscale": theme.VALUE_SCALE if by_value else kind_scale,
            "showscale": False,
            "xgap": theme.GRID_GAP,
            "ygap": theme.GRID_GAP,
            "hovertext": hover,
            "hovertemplate": "%{hovertext}<extra></extra>",
            **heatmap_labels(labels.tolist(), font, show_text),
            "xaxis": xi,
            "yaxis": yi,
        }
    )
    # --- the moving window: its cells coloured by tap (a heatmap over the window's extent,
    # empty between dilated taps), the masked future (if any), then the extent outlined
    rows_in, cols_in = view.values.shape
    num_colours = min(int(view.rectangles[..., 4].max()) + 1, len(theme.TAP_COLOURS))
    # the window's cells and the kernel's taps: a heatmap of tap ids, one colour each
    tap_colours = {
        "zmin": -0.5,
        "zmax": num_colours - 0.5,
        "colorscale": theme.tap_scale(num_colours),
        "showscale": False,
        "xgap": theme.GRID_GAP,
        "ygap": theme.GRID_GAP,
    }

    def window_traces(step: int) -> list[dict]:
        """Tap colours, then the masked future (if any), then the window outline."""
        rectangles = view.rectangles[step]
        top, left = rectangles[:, :2].min(axis=0).tolist()
        bottom, right = rectangles[:, 2:4].max(axis=0).tolist()
        taps = np.full((bottom - top + 1, right - left + 1), None, dtype=object)
        is_tap = np.zeros(taps.shape, dtype=bool)
        for row0, col0, row1, col1, tap in rectangles.tolist():
            cells = slice(row0 - top, row1 - top + 1), slice(col0 - left, col1 - left + 1)
            taps[cells] = tap % len(theme.TAP_COLOURS)
            is_tap[cells] = True
        window = {
            "type": "heatmap",
            "x": list(range(left, right + 1)),
            "y": list(range(top, bottom + 1)),
            "z": taps.tolist(),
        }
        if show_text:  # the taps' numbers again, above the tap colours (not the gaps')
            inside = labels[top : bottom + 1, left : right + 1]
            window["text"] = np.where(is_tap, inside, "").tolist()
        traces = [window]
        if view.present is not None:
            now = int(view.present[step])
            future = [[0, now + 1, rows_in - 1, cols_in - 1]] if now + 1 < cols_in else []
            fx, fy = rectangle_path(np.array(future, dtype=int).reshape(-1, 4))
            traces.append({"type": "scatter", "x": fx or [None], "y": fy or [None]})
        ox, oy = rectangle_path(np.array([[top, left, bottom, right]]))
        traces.append({"type": "scatter", "x": ox, "y": oy})
        return traces

    styles = [
        {**tap_colours, **({"texttemplate": "%{text}", "textfont": font} if show_text else {})}
    ]
    if view.present is not None:
        styles.append(
            {
                "mode": "lines",
                "fill": "toself",
                "fillcolor": theme.FUTURE_FILL,
                "line": {"color": theme.FUTURE_LINE, "width": 2, "dash": "dot"},
            }
        )
    styles.append(
        {"mode": "lines", "fill": "none", "line": {"color": theme.WINDOW_OUTLINE, "width": 3}}
    )
    window_traces_ids = []
    for index, (trace, style) in enumerate(zip(window_traces(pinned_step), styles, strict=True)):
        if index == len(styles) - 1:  # the hatch goes over the tap colours, under the outline
            data.extend(_hatch_traces(view.kinds, xi, yi))
        window_traces_ids.append(len(data))
        data.append({**trace, **style, "hoverinfo": "skip", "xaxis": xi, "yaxis": yi})
    # --- kernel: each tap in its colour, with its weight
    taps = view.kernel_taps
    data.append(
        {
            "type": "heatmap",
            "z": (np.asarray(taps) % len(theme.TAP_COLOURS)).tolist(),
            **tap_colours,
            **heatmap_labels(cell_grid(view.kernel), font, show_text),
            "hovertemplate": "w[%{y}, %{x}] = %{text}<extra></extra>",
            "xaxis": xk,
            "yaxis": yk,
        }
    )
    # --- output: all values drawn once, a cover hides the cells not yet computed,
    # the current cell is outlined, and transparent markers make cells clickable
    output = view.output
    low, high = float(output.min()), float(output.max())
    rows, cols = output.shape
    order = np.arange(output.size).reshape(output.shape)
    output_text = cell_texts(output)
    ox, oy = cell_centres(output.shape)

    def output_traces(step: int) -> list[dict]:
        row, col = (int(v) for v in view.output_cells[step])
        pending = []
        if col + 1 < cols:
            pending.append([row, col + 1, row, cols - 1])
        if row + 1 < rows:
            pending.append([row + 1, 0, rows - 1, cols - 1])
        cx_, cy_ = rectangle_path(np.array(pending, dtype=int).reshape(-1, 4))
        hx, hy = rectangle_path(np.array([[row, col, row, col]]))
        return [
            {"type": "scatter", "x": cx_ or [None], "y": cy_ or [None]},
            {"type": "scatter", "x": hx, "y": hy},
        ]

    first = output_traces(pinned_step)
    data.append(
        {
            "type": "heatmap",
            "z": output.tolist(),
            "zmin": low,
            "zmax": high if high > low else low + 1,
            "colorscale": theme.OUTPUT_SCALE,
            "showscale": False,
            "xgap": theme.GRID_GAP,
            "ygap": theme.GRID_GAP,
            **heatmap_labels(cell_grid(output), font, show_text),
            "hoverinfo": "skip",
            "xaxis": xo,
            "yaxis": yo,
        }
    )
    output_start = len(data)
    data.append(
        {
            **first[0],
            "mode": "lines",
            "fill": "toself",
            "fillcolor": theme.PENDING_FILL,
            "line": {"color": theme.PENDING_LINE, "width": 1, "dash": "dot"},
            "hoverinfo": "skip",
            "xaxis": xo,
            "yaxis": yo,
        }
    )
    data.append(
        {
            **first[1],
            "mode": "lines",
            "line": {"color": theme.WINDOW_OUTLINE, "width": 4},
            "hoverinfo": "skip",
            "xaxis": xo,
            "yaxis": yo,
        }
    )
    if view.flagged is not None and view.flagged.any():
        cells = np.argwhere(view.flagged)
        lx, ly = rectangle_path(np.concatenate([cells, cells], axis=1))
        data.append(
            {
                "type": "scatter",
                "x": lx,
                "y": ly,
                "mode": "lines",
                "line": {"color": theme.LEAK, "width": 3},
                "hoverinfo": "skip",
                "xaxis": xo,
                "yaxis": yo,
            }
        )
    data.append(
        {
            "type": "scatter",
            "x": ox.tolist(),
            "y": oy.tolist(),
            # text mode without text: hoverable and selectable points that draw nothing
            # (256 invisible markers cost plotly.js ~7 ms a redraw)
            "mode": "text",
            "hoveron": "points",
            "customdata": order.ravel().tolist(),
            "hovertext": [
                f"{name} = {t} (click to pin)"
                for name, t in zip(view.output_names, output_text, strict=True)
            ],
            "hoverinfo": "text",
            "xaxis": xo,
            "yaxis": yo,
            "name": OUTPUT_CELLS,
        }
    )
    dynamic = [*window_traces_ids, output_start, output_start + 1]
    frames = [
        {"name": str(step), "data": window_traces(step) + output_traces(step), "traces": dynamic}
        for step in range(steps)
    ]
    layout.update(animation_controls(view.output_names, pinned_step, frame_ms, height))
    layout["clickmode"] = "event+select"
    layout["hoverdistance"] = int(cell)  # a point answers anywhere in its cell
    return {"data": data, "layout": layout, "frames": frames}


def scrubber_steps(count: int, active: int) -> list[int]:
    """The steps the scrubber offers: all of them, or at most about MAX_SCRUBBER_STEPS.

    Each step is a tick and a label that plotly.js measures on every redraw (256 steps:
    ~15 ms; 64 → 32 steps: ~6 ms less per slider move at 256 steps), and 32 stops across a
    900-pixel slider are ~28 pixels apart. Play still runs through every frame; the
    inspector and a click on an output cell reach any step.
    """
    if count <= MAX_SCRUBBER_STEPS:
        return list(range(count))
    stride = -(-count // MAX_SCRUBBER_STEPS)
    return sorted({*range(0, count, stride), count - 1, active})


def animation_controls(
    step_names: tuple[str, ...], active: int, frame_ms: int, height: float
) -> dict:
    """Play / Pause / Slow / Fast buttons and a step slider (all run in the browser).

    They sit in the bottom ``CONTROL_BAND`` pixels of a figure ``height`` pixels tall.
    """
    offered = scrubber_steps(len(step_names), active)
    top = CONTROL_BAND / height

    def play(duration: int) -> dict:
        return {
            "label": "",
            "method": "animate",
            "args": [
                None,
                {
                    "frame": {"duration": duration, "redraw": True},
                    "fromcurrent": True,
                    "transition": {"duration": 0},
                    "mode": "immediate",
                },
            ],
        }

    buttons = [
        {**play(frame_ms), "label": "▶ Play"},
        {
            "label": "⏸ Pause",
            "method": "animate",
            "args": [[None], {"frame": {"duration": 0, "redraw": False}, "mode": "immediate"}],
        },
        {**play(frame_ms * 2), "label": "🐢 Slow"},
        {**play(max(frame_ms // 3, 60)), "label": "⚡ Fast"},
    ]
    slider_steps = [
        {
            "label": name,
            "method": "animate",
            "args": [
                [str(step)],
                {
                    "frame": {"duration": 0, "redraw": True},
                    "mode": "immediate",
                    "transition": {"duration": 0},
                },
            ],
        }
        for step, name in ((step, step_names[step]) for step in offered)
    ]
    return {
        "updatemenus": [
            {
                "type": "buttons",
                "direction": "right",
                "showactive": False,
                "x": 0,
                "xanchor": "left",
                "y": top,
                "yanchor": "top",
                "pad": {"t": 8, "r": 8},
                "font": {"size": 15},
                "buttons": buttons,
            }
        ],
        "sliders": [
            {
                "active": offered.index(active),
                "steps": slider_steps,
                "x": 0,
                "len": 1,
                "y": top - 48 / height,
                "yanchor": "top",
                "pad": {"t": 4, "b": 0},
                "currentvalue": {"prefix": "step: ", "font": {"size": 16}, "xanchor": "left"},
                "font": {"size": 11},
                "transition": {"duration": 0},
            }
        ],
    }
