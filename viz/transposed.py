"""Static figures of the transposed-convolution page: the matrix view (C, and the row of Cᵀ
for one output cell), overlap counts, upsampled photos, the 7 → 15 → 31 chain."""

from __future__ import annotations

import numpy as np

import conv_engine as ce
from i18n import t

from . import theme
from .grid import axis_refs, cell_texts, grid_axes, rectangle_path
from .heatmaps import heatmaps_figure
from .scenes import Panel, still_scene

MAX_WIDTH = 1100


def matrix_figure(
    transposed: np.ndarray, input_shape: tuple[int, ...], pinned_row: int | None = None
) -> dict:
    """The convolution C (input cells of the transposed conv × its output cells), and row
    ``pinned_row`` of Cᵀ (the weights one output cell takes) drawn as the input grid.

    ``transposed`` is Cᵀ, ``(output cells, input cells)``; C is drawn wide (one row per
    input cell of the transposed conv), so even an 81-cell output stays legible; the pinned
    output cell is a column of C, outlined, and the same numbers as a grid on the right.
    """
    conv = transposed.T
    rows, cols = conv.shape
    high = float(np.abs(conv).max()) or 1.0
    grid_rows, grid_cols = (1, input_shape[0]) if len(input_shape) == 1 else input_shape
    cell = min(28, (MAX_WIDTH - 40 - 30 * grid_cols) / cols, 360 / rows)
    left_width = cols * cell
    right_width = grid_cols * max(cell, 30)
    width = left_width + right_width + 120
    height = max(rows * cell, grid_rows * max(cell, 30)) + 80
    split = left_width / width

    def heatmap(values: np.ndarray, index: int) -> dict:
        trace = {
            "type": "heatmap",
            "z": values.tolist(),
            "colorscale": theme.DIVERGING,
            "zmin": -high,
            "zmax": high,
            "showscale": index == 2,
            "xgap": 1,
            "ygap": 1,
            "hovertemplate": t("row %{y}, column %{x}: %{z}") + "<extra></extra>",
            **axis_refs(index),
        }
        if index == 2:
            trace["colorbar"] = {"title": {"text": t("weight")}, "thickness": 12, "len": 0.7}
        if index == 2:  # the pinned cell's weights: its zeros too (an all-zero row is news)
            trace["text"] = cell_texts(values)
            trace["texttemplate"] = "%{text}"
        elif cell >= 18:
            trace["text"] = [[t if t != "0" else "" for t in row] for row in cell_texts(values)]
            trace["texttemplate"] = "%{text}"
        return trace

    data = [heatmap(conv, 1)]
    layout = grid_axes(
        1,
        (0, split),
        conv.shape,
        t(
            "C, the convolution: one row per input cell of the transposed conv, one column "
            "per output cell"
        ),
        y_domain=(0, 1 - 60 / height),
        ticks=True,
    )
    if pinned_row is not None:
        hx, hy = rectangle_path(np.array([[0, pinned_row, rows - 1, pinned_row]]))
        data.append(
            {
                "type": "scatter",
                "x": hx,
                "y": hy,
                "mode": "lines",
                "line": {"color": theme.PINNED_OUTLINE, "width": 3},
                "hoverinfo": "skip",
                **axis_refs(1),
            }
        )
        weights = transposed[pinned_row].reshape(grid_rows, grid_cols)
        data.append(heatmap(weights, 2))
        layout.update(
            grid_axes(
                2,
                (split + 40 / width, 1 - 60 / width),
                weights.shape,
                t("row {row} of Cᵀ: the weight of each input cell", row=pinned_row),
                y_domain=(0, 1 - 60 / height),
            )
        )
    layout.update(
        theme.figure_layout(
            height=int(height), width=int(width), margin={"l": 40, "r": 40, "t": 10, "b": 10}
        )
    )
    return {"data": data, "layout": layout}


def overlap_figure(
    size: int,
    kernel_size: int,
    stride: int,
    padding: int = 0,
    output_padding: int = 0,
    dilation: int = 1,
) -> dict:
    """Contributions per output cell for one and two stacked transposed convs of a
    ``size × size`` input, beside resize-then-convolve (even by construction)."""
    args = {"stride": stride, "padding": padding, "output_padding": output_padding}
    one = ce.overlap_counts((size, size), kernel_size, dilation=dilation, **args)
    two = ce.overlap_counts((size, size), kernel_size, dilation=dilation, layers=2, **args)
    resized = ce.conv2d(
        ce.upsample_nearest(np.ones((size, size)), stride)[None],
        np.ones((1, 1, kernel_size, kernel_size)),
        padding="same",
    )[0]
    high = float(max(one.max(), two.max(), resized.max())) or 1.0
    return heatmaps_figure(
        [
            (t("1 transposed layer"), one),
            (t("2 stacked layers"), two),
            (t("resize ×s, then conv"), resized),
        ],
        scale=theme.COUNT_SCALE,
        numbers=True,
        height=420,
        colour_key=t("contributions"),
        zranges=[(0.0, high)] * 3,  # one scale for the three panels: the bar reads on each
    )


def upsampled_photo_figure(patch: np.ndarray, kernel_size: int, stride: int) -> dict:
    """A photo patch upsampled by a transposed conv with a box kernel, and by resize-then-
    convolve: the first shows the checkerboard where s does not divide k."""
    kernel = np.ones((1, 1, kernel_size, kernel_size))
    upsampled = ce.conv_transpose2d(patch[None], kernel, stride=stride)[0]
    resized = ce.conv2d(ce.upsample_nearest(patch, stride)[None], kernel, padding="same")[0]
    return heatmaps_figure(
        [
            (t("photo patch {rows}×{cols}", rows=patch.shape[0], cols=patch.shape[1]), patch),
            (t("transposed conv, k={k}, s={s}", k=kernel_size, s=stride), upsampled),
            (t("resize, then conv"), resized),
        ],
        scale="Greys_r",
        numbers=False,
        height=340,
    )


def chain_figure(size: int, kernel_size: int, stride: int) -> dict:
    """Two stacked VALID transposed convs of a ``size × size`` input of ones, all-ones kernels:
    the article's 7 → 15 → 31 for F = 3, S = 2; each cell counts the stamps it received."""
    ones = np.ones((1, 1, kernel_size, kernel_size))
    x = np.ones((1, size, size))
    first = ce.conv_transpose2d(x, ones, stride=stride)
    second = ce.conv_transpose2d(first, ones, stride=stride)
    sides = [x.shape[-1], first.shape[-1], second.shape[-1]]
    return heatmaps_figure(
        [
            (t("input {side} × {side}", side=sides[0]), x[0]),
            (t("layer 1: {side} × {side}", side=sides[1]), first[0]),
            (t("layer 2: {side} × {side}", side=sides[2]), second[0]),
        ],
        scale=theme.COUNT_SCALE,
        numbers=False,
        height=300,
        colour_key=t("stamps"),
    )


def zeros_scene(x: np.ndarray, weight: np.ndarray, stride: int) -> dict:
    """Where the zeros go, drawn like the animations (zeros hatched): between input pixels
    (transposed conv, stride ``stride``) and inside the kernel (dilated conv, d = 2)."""
    spread, dilated = ce.zero_insert(x, stride), ce.zero_insert(weight, 2)
    kinds = [
        np.where(ce.zero_insert(np.ones(a.shape), s) > 0, 0, 2)
        for a, s in ((x, stride), (weight, 2))
    ]
    side = weight.shape[0]
    return still_scene(
        [
            Panel(
                t("transposed, s = {stride}: the input spread out", stride=stride),
                spread,
                "kinds",
                "x",
                kinds[0],
            ),
            Panel(
                t("dilated, d = 2: the {side}×{side} kernel spread out", side=side),
                dilated,
                "kinds",
                "w",
                kinds[1],
            ),
        ],
        legend=[("input", t("a value")), ("inserted", t("an inserted zero"))],
    )
