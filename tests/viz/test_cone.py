"""The receptive-field lab's cone (issue 24): each layer's dots at the centre of their
field, the cone's dots and taps those of the engine's dependency cone."""

from __future__ import annotations

import numpy as np

import conv_engine as ce
from viz.receptive import cone_figure


def test_the_cone_of_a_strided_stack_sits_on_the_fields_centres():
    stack = [ce.Layer(3, 1, 1, 1), ce.Layer(2, 2, 1, 0), ce.Layer(3, 1, 2, "same")]
    rows = ce.receptive_field(stack, 24)
    cone = ce.dependency_cone(stack, 24, 5)
    grid, edges, nodes = cone_figure(rows, cone, 5, 24)["data"]
    # every layer's every cell, once, at the centre of its field (the input at its index)
    expected = [(float(i), 0) for i in range(24)]
    for level, row in enumerate(rows, start=1):
        expected += [
            (row.start + j * row.jump + (row.size - 1) / 2, level) for j in range(row.output_size)
        ]
    assert list(zip(grid["x"], grid["y"], strict=True)) == expected
    # the highlighted input dots are exactly the cells that can change output 5
    inputs = sorted(x for x, y in zip(nodes["x"], nodes["y"], strict=True) if y == 0)
    assert inputs == np.flatnonzero(ce.support_counts(stack, 24, 5)).tolist()
    top = [x for x, y in zip(nodes["x"], nodes["y"], strict=True) if y == len(stack)]
    assert top == [rows[-1].start + 5 * rows[-1].jump + (rows[-1].size - 1) / 2]
    assert edges["x"].count(None) == sum(len(level.edges) for level in cone)


def test_a_colour_bar_describes_every_panel_it_stands_for():
    """Issue 24: the checkerboard's bar fitted one panel; Causal's said 0…1 for weights."""
    from viz.transposed import overlap_figure

    figure = overlap_figure(5, 3, 2)
    maps = [trace for trace in figure["data"] if trace["type"] == "heatmap"]
    high = max(max(max(row) for row in trace["z"]) for trace in maps)
    assert {(trace["zmin"], trace["zmax"]) for trace in maps} == {(0.0, high)}
    assert sum(trace["showscale"] for trace in maps) == 1
