"""The WaveNet dependency tree: one output, and every earlier step it depends on."""

from __future__ import annotations

import numpy as np

from conv_engine import causal_dependencies
from i18n import pt, t

from .dependency import Trace, dependency_figure

DOTS = 64  # a level needing more steps than this draws them as stretches: dots would merge
GRID_STEPS = 128  # the faint grid of unneeded steps, up to this many steps


def dependency_tree_figure(
    kernel_size: int, dilations: list[int], length: int, position: int | None = None
) -> dict:
    """Levels of a dilated causal stack (input at the bottom) over ``length`` time steps.

    Highlights the nodes and edges that output ``position`` (default: the last step) depends
    on; the rest of the grid is drawn faintly. A deep stack stays whole: a level that needs
    more than ``DOTS`` steps is drawn as its stretches of consecutive steps, with the taps
    into it left out (they would fill the space between the levels).
    """
    position = length - 1 if position is None else position
    levels = causal_dependencies(kernel_size, dilations, length, position)
    depth = len(dilations)
    grid_x, grid_y = [], []
    if length <= GRID_STEPS:
        grid_x = np.tile(np.arange(length), depth + 1).tolist()
        grid_y = np.repeat(np.arange(depth + 1), length).tolist()
    edge_x: list = []
    edge_y: list = []
    for index, dilation in enumerate(reversed(dilations)):  # from the output down
        if levels[index + 1].size > DOTS:
            break
        level = depth - index
        for node in levels[index].tolist():
            for tap in range(kernel_size):
                child = node - tap * dilation
                if child >= 0:
                    edge_x += [node, child, None]
                    edge_y += [level, level - 1, None]
    node_x: list = []
    node_y: list = []
    run_x: list = []
    run_y: list = []
    for index, level in enumerate(levels):
        height = depth - index
        if level.size <= DOTS:
            node_x += level.tolist()
            node_y += [height] * level.size
            continue
        for run in np.split(level, np.flatnonzero(np.diff(level) != 1) + 1):
            run_x += [int(run[0]) - 0.3, int(run[-1]) + 0.3, None]
            run_y += [height, height, None]
    labels = [pt("a stack's bottom row: its input, below the layers", "input")] + [
        t("layer {number} (d = {d})", number=i + 1, d=d) for i, d in enumerate(dilations)
    ]
    return dependency_figure(
        Trace(grid_x, grid_y, t("a time step the output does not need")),
        Trace(edge_x, edge_y, t("one kernel tap (d steps back)")),
        Trace(node_x, node_y, t("a step the output depends on")),
        labels,
        t(
            "Output at time {position} depends on {count} input steps",
            position=position,
            count=levels[-1].size,
        ),
        t("time step"),
        (-1, length),
        node_hover=t("time %{x}") + "<extra></extra>",
        runs=Trace(run_x, run_y, ""),
        level_height=max(24, min(46, 640 // max(depth, 1))),
    )
