"""Support sets, holes, the HDC rules and the effective receptive field."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given

import conv_engine as ce
from conv_engine import Layer
from tests.conv_engine.strategies import stack_and_output


@given(stack_and_output())
def test_support_is_exactly_what_perturbation_changes(case):
    stack, length, rows, position = case
    counts = ce.support_counts(stack, length, position)
    x = np.random.default_rng(0).uniform(1, 2, size=(1, 1, length))

    def forward(signal):
        for layer, row in zip(stack, rows, strict=True):
            weight = np.ones((1, 1, layer.kernel_size))
            signal = ce.conv1d(signal, weight, None, layer.stride, row.padding, layer.dilation)
        return signal[0, 0, position]

    base = forward(x)
    for i in range(length):
        bumped = x.copy()
        bumped[0, 0, i] += 1.0
        changes = forward(bumped) - base
        assert np.isclose(changes, counts[i]), f"cell {i}: {changes} vs {counts[i]} paths"
    first, last = rows[-1].span(position)
    outside = [i for i in range(length) if not first <= i <= last]
    assert not counts[outside].any(), "support lies inside the closed-form span"


def test_known_hole_counts_and_sizes():
    def stack(rates):
        return [Layer(3, dilation=r, padding="same") for r in rates]

    assert ce.hole_count(stack((1, 2, 5)), 64, 32) == 0
    assert ce.hole_count(stack((2, 4, 8)), 64, 32) > 0
    assert ce.hole_count(stack((1, 2, 4)), 64, 32) == 0
    counts = ce.support_counts(stack((1, 2, 4)), 64, 32)
    assert np.count_nonzero(counts) == 15, "3 → 7 → 15"
    wavenet = [Layer(2, dilation=2**i, padding="causal") for i in range(10)]
    support = ce.support_counts(wavenet, 1500, 1400)
    assert np.count_nonzero(support) == 1024 and support.max() == 1, "a tree: one path each"


@pytest.mark.parametrize(
    ("rates", "passes"),
    [
        ((1, 2, 5), True),
        ((1, 2, 4), True),
        ((1, 2, 4, 8), True),
        ((1, 1, 1), True),
        ((2, 4, 8), False),
        ((2, 2, 2), False),
        ((1, 2, 9), False),
    ],
)
def test_hdc_rules(rates, passes):
    verdict = ce.hdc_check(rates, 3)
    assert verdict.passes is passes, verdict


def test_hdc_recurrence_values():
    assert ce.hdc_check((1, 2, 9)).max_distances == (3, 5, 9)
    assert ce.hdc_check((2, 4, 8)).common_factor == 2


def test_effective_receptive_field_is_peaked_and_inside_the_theoretical_one():
    stack = [Layer(3, padding=1)] * 6
    uniform = ce.effective_receptive_field(stack, 31)
    random = ce.effective_receptive_field(stack, 31, seeds=4, rng=np.random.default_rng(0))
    for erf in (uniform, random):
        peak = np.unravel_index(erf.argmax(), erf.shape)
        assert erf.max() == 1.0 and all(12 <= p <= 18 for p in peak), peak
        assert not erf[:9].any() and not erf[:, 22:].any(), "outside 13×13: exactly zero"
    assert uniform[15, 15] == 1.0
    # Gaussian-like: most of the mass sits well inside the theoretical 13×13 field
    inner = uniform[12:19, 12:19].sum() / uniform.sum()
    assert inner > 0.6


def test_layer_supports_walk_down_to_the_input_support():
    stack = [Layer(3, dilation=d, padding="same") for d in (1, 2, 4)]
    levels = ce.layer_supports(stack, 41, 20)
    assert len(levels) == 4 and levels[0][20] == 1 and levels[0].sum() == 1
    np.testing.assert_array_equal(levels[-1], ce.support_counts(stack, 41, 20))
    # one layer down (d = 4): exactly the cells 16, 20, 24 of layer 2's output
    assert np.flatnonzero(levels[1]).tolist() == [16, 20, 24]
    assert [np.count_nonzero(level) for level in levels] == [1, 3, 7, 15]


@given(stack_and_output())
def test_the_cone_is_the_naive_window_of_each_cell_on_it(case):
    """Issue 24's stacked-layers picture: each layer's cells on the cone, and the inputs
    each reads (out·stride + tap·dilation − padding before, inside the input), walking
    down from the chosen output to exactly the input cells that can change it."""
    stack, length, rows, position = case
    cone = ce.dependency_cone(stack, length, position)
    assert len(cone) == len(stack)
    assert cone[0].cells == (position,)
    below_cells = None
    for level, layer, row in zip(cone, reversed(stack), reversed(rows), strict=True):
        if below_cells is not None:
            assert set(level.cells) == below_cells, "an edge's end is on the level below"
        naive = set()
        for out in level.cells:
            for tap in range(layer.kernel_size):
                read = out * layer.stride + tap * layer.dilation - row.padding[0]
                if 0 <= read < row.input_size:
                    naive.add((out, read))
        assert set(level.edges) == naive
        below_cells = {read for _, read in level.edges}
    counts = ce.support_counts(stack, length, position)
    assert below_cells == set(np.flatnonzero(counts).tolist())
