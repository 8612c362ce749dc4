"""Cached computations of the dilated page's stacks and the receptive-field lab."""

from __future__ import annotations

import numpy as np

import conv_engine as ce
from conv_engine.presets import (
    image_patch,
)
from viz import theme
from viz.heatmaps import heatmaps_figure
from viz.receptive import growth_figure, support_line_figure

from ..controls import (
    ScheduleSpec,
)
from ._common import cached, sample_image


@cached
def support_panels(layers: tuple[ce.Layer, ...], size: int) -> dict:
    """What the centre output of each prefix of the stack sees: the article's (a), (b), (c)."""
    panels, outlines = [], []
    final = ce.receptive_field(layers, size)[-1]
    low, high = final.span(final.output_size // 2)
    low, high = max(low - 2, 0), min(high + 2, size - 1)  # every panel shows the final span
    for depth in range(1, len(layers) + 1):
        prefix = layers[:depth]
        rows = ce.receptive_field(prefix, size)
        centre = rows[-1].output_size // 2
        line = ce.support_counts(prefix, size, centre)[low : high + 1]
        first, last = (edge - low for edge in rows[-1].span(centre))
        panels.append(
            (f"after layer {depth}: {rows[-1].size}×{rows[-1].size}", np.outer(line, line))
        )
        outlines.append((first, first, last, last))
    return heatmaps_figure(
        panels[-4:], scale=theme.COUNT_SCALE, numbers=False, height=330, outlines=outlines[-4:]
    )


@cached
def gridding_figure(layers: tuple[ce.Layer, ...], size: int) -> tuple[dict, int]:
    """The exact support of the centre output (path counts, holes at 0) and on a photo."""
    rows = ce.receptive_field(layers, size)
    centre = rows[-1].output_size // 2
    line = ce.support_counts(layers, size, centre)
    mask = np.outer(line, line)
    first, last = rows[-1].span(centre)
    photo = image_patch(sample_image(), (size, size), levels=256) / 255
    seen = np.where(mask > 0, photo, np.nan)
    holes = ce.hole_count(layers, size, centre, ndim=2)
    figure = heatmaps_figure(
        [("paths from each input cell", mask), ("what it sees of a photo", seen)],
        scales=[theme.COUNT_SCALE, "Greys_r"],
        numbers=False,
        height=380,
        outlines=[(first, first, last, last)] * 2,
    )
    return figure, holes


@cached
def growth_chart(schedule: ScheduleSpec) -> dict:
    """Receptive field vs depth: plain stack (linear), doubling rates, the chosen schedule."""
    depth = max(len(schedule.rates), 4)
    k = schedule.kernel_size

    def sizes(rates):
        return [row.size for row in ce.receptive_field([ce.Layer(k, dilation=r) for r in rates])]

    return growth_figure(
        {
            "plain (d = 1): (k − 1)·L + 1": sizes([1] * depth),
            "doubling d = 1, 2, 4, …": sizes([2**i for i in range(depth)]),
            "your schedule": sizes(schedule.rates),
        },
        "Receptive field vs depth: linear vs exponential",
    )


def layer_table(rows: tuple[ce.ReceptiveFieldRow, ...]) -> list[dict]:
    """The per-layer numbers of a stack, as rows for ``st.dataframe``."""
    return [
        {
            "layer": row.index,
            "kind": row.layer.kind,
            "k": row.layer.kernel_size,
            "s": row.layer.stride,
            "d": row.layer.dilation,
            "k_eff": row.layer.kernel_extent,
            "padding (l, r)": f"{row.padding[0]}, {row.padding[1]}",
            "input size": row.input_size,
            "output size": row.output_size,
            "RF size r": row.size,
            "jump j": row.jump,
            "start": row.start,
        }
        for row in rows
    ]


@cached
def support_line(layers: tuple[ce.Layer, ...], size: int, position: int) -> dict:
    """What one output sees along the input (1-D); Play sweeps it across the outputs."""
    rows = ce.receptive_field(layers, size)
    outputs = rows[-1].output_size
    # Play sweeps up to 48 outputs (all of them when there are few), the chosen one included
    positions = sorted(
        {*np.linspace(0, outputs - 1, min(outputs, 48)).round().astype(int), position}
    )
    counts = np.stack([ce.support_counts(layers, size, p) for p in positions])
    return support_line_figure(counts, rows[-1], positions, positions.index(position))


@cached
def support_grid(layers: tuple[ce.Layer, ...], size: int, position: int) -> dict | None:
    """The same output in 2-D on a square input (≤ 96): paths and effective RF, or None."""
    if size > 96:
        return None
    first, last = ce.receptive_field(layers, size)[-1].span(position)
    line = ce.support_counts(layers, size, position)
    uniform = ce.effective_receptive_field(layers, size, position)
    random = ce.effective_receptive_field(
        layers, size, position, seeds=8, rng=np.random.default_rng(0)
    )
    return heatmaps_figure(
        [
            ("what it sees (2-D, paths)", np.outer(line, line)),
            ("effective RF, uniform weights", uniform),
            ("effective RF, random weights", random),
        ],
        scale=theme.COUNT_SCALE,
        numbers=False,
        height=360,
        outlines=[(first, first, last, last)] * 3,
    )


@cached
def layerwise_panels(layers: tuple[ce.Layer, ...], size: int, row: int, col: int) -> dict:
    """Which cells of each lower layer feed the chosen output cell, top layer first.

    Every panel shows the same window around the cell (the final receptive field plus a
    margin); the first panel's cells are clickable (``customdata`` = row · size + col).
    """
    rows_levels = ce.layer_supports(layers, size, row)
    cols_levels = ce.layer_supports(layers, size, col)
    final = ce.receptive_field(layers, size)[-1]
    half = (final.size - 1) // 2 + 2
    top, left = max(row - half, 0), max(col - half, 0)
    bottom, right = min(row + half, size - 1), min(col + half, size - 1)
    names = [f"output of layer {len(layers)}: pick a cell"] + [
        f"output of layer {depth}" if depth else "input" for depth in range(len(layers) - 1, -1, -1)
    ]
    panels = [
        (name, np.outer(r, c)[top : bottom + 1, left : right + 1])
        for name, r, c in zip(names, rows_levels, cols_levels, strict=True)
    ]
    ids = np.add.outer(np.arange(top, bottom + 1) * size, np.arange(left, right + 1))
    return heatmaps_figure(
        panels, scale=theme.COUNT_SCALE, numbers=False, height=300, click_ids=ids
    )


@cached
def outputs_strip(outputs: int, position: int) -> dict | None:
    """The last layer's outputs as a clickable strip (the chosen one filled), up to 96 wide."""
    if outputs > 96:
        return None
    chosen = np.zeros((1, outputs))
    chosen[0, position] = 1
    return heatmaps_figure(
        [("outputs of the last layer: click one", chosen)],
        scale=theme.COUNT_SCALE,
        numbers=False,
        height=110,
        click_ids=np.arange(outputs)[None, :],
    )
