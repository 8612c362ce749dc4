"""The WaveNet dependency tree draws every layer, and exactly the steps an output needs."""

from __future__ import annotations

import math

import pytest

from viz.causal import DOTS, dependency_tree_figure


def needed(kernel_size: int, dilations: list[int], position: int) -> list[set[int]]:
    """Naively, top down: the steps each level's output at ``position`` reads."""
    levels = [{position}]
    for dilation in reversed(dilations):
        levels.append(
            {
                n - tap * dilation
                for n in levels[-1]
                for tap in range(kernel_size)
                if n >= tap * dilation
            }
        )
    return levels


def drawn(figure: dict, depth: int) -> list[set[int]]:
    """The steps the figure marks at each level (dots, and the stretches drawn as lines)."""
    dots, runs = figure["data"][2], figure["data"][3] if len(figure["data"]) > 3 else None
    levels: list[set[int]] = [set() for _ in range(depth + 1)]
    for x, y in zip(dots["x"], dots["y"], strict=True):
        levels[depth - y].add(x)
    if runs:
        points = list(zip(runs["x"], runs["y"], strict=True))
        for (start, y), (end, _), _ in zip(points[::3], points[1::3], points[2::3], strict=True):
            levels[depth - y].update(range(math.ceil(start), math.floor(end) + 1))
    return levels


@pytest.mark.parametrize(
    ("kernel_size", "dilations"),
    [
        (2, [1, 2, 4, 8]),
        (2, [2**i for i in range(10)]),  # the page's default: 10 layers, 1,024 steps
        (3, [1, 2, 4, 8, 16, 32, 64]),
        (2, [1, 3, 9, 27, 81]),  # stretches with holes
        (4, [2**i for i in range(6)] * 2),
    ],
)
def test_every_layer_and_exactly_the_needed_steps_are_drawn(kernel_size, dilations):
    length = 1 + (kernel_size - 1) * sum(dilations)
    figure = dependency_tree_figure(kernel_size, dilations, length)
    depth = len(dilations)
    assert len(figure["layout"]["yaxis"]["ticktext"]) == depth + 1
    assert drawn(figure, depth) == needed(kernel_size, dilations, length - 1)


def test_dense_levels_are_stretches_and_their_taps_are_left_out():
    dilations = [2**i for i in range(10)]
    figure = dependency_tree_figure(2, dilations, 1024)
    dots = figure["data"][2]
    assert max(dots["y"].count(y) for y in set(dots["y"])) <= DOTS
    edges = figure["data"][1]
    lowest = min(y for y in edges["y"] if y is not None)
    assert lowest >= 1 and figure["data"][3]["x"], "no taps into a level drawn as stretches"


def test_the_default_stack_is_drawn_whole():
    from ui.causal import WaveNetSpec, wavenet_tree

    _, shown = wavenet_tree(WaveNetSpec(2, 512, 1, False, 16000))
    assert shown == 10
