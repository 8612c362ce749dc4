"""Receptive fields: closed forms, known values, and a brute-force perturbation check."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import conv_engine as ce
from conv_engine import Layer
from tests.conv_engine.strategies import layers


def test_dilated_stack_3_7_15():
    rows = ce.receptive_field([Layer(3, dilation=d) for d in (1, 2, 4)])
    assert [row.size for row in rows] == [3, 7, 15]


@pytest.mark.parametrize("depth", [1, 2, 3, 5, 10])
def test_plain_stacks_grow_linearly(depth):
    rows = ce.receptive_field([Layer(3)] * depth)
    assert rows[-1].size == (3 - 1) * depth + 1


def test_wavenet_block_is_1024():
    rows = ce.receptive_field([Layer(2, dilation=2**i, padding="causal") for i in range(10)])
    assert rows[-1].size == 1024
    assert rows[-1].start == -1023, "causal: output 0 sees 1023 padding cells before input 0"


def test_strided_stack_jump_and_start():
    rows = ce.receptive_field([Layer(3, 2, padding=1), Layer(3, 2, padding=1), Layer(2, 2)], 32)
    assert [(r.size, r.jump, r.start) for r in rows] == [(3, 2, -1), (7, 4, -3), (11, 8, -3)]
    assert [r.output_size for r in rows] == [16, 8, 4]
    assert rows[1].span(2) == (5, 11)


def test_same_with_stride_needs_input_size():
    with pytest.raises(ce.ConvConfigError, match="input_size"):
        ce.receptive_field([Layer(3, 2, padding="same")])
    rows = ce.receptive_field([Layer(3, 2, padding="same")], input_size=6)
    assert rows[0].padding == (0, 1)


def test_layer_that_no_longer_fits_is_named():
    with pytest.raises(ce.ConvConfigError, match="layer 3"):
        ce.receptive_field([Layer(3), Layer(3), Layer(5)], input_size=7)


@given(st.lists(layers(3), min_size=1, max_size=4), st.integers(8, 40))
def test_receptive_field_matches_perturbation(stack, length):
    """Perturb each input cell; the outputs that change are exactly the predicted spans."""
    try:
        rows = ce.receptive_field(stack, input_size=length)
    except ce.ConvConfigError:
        assume(False)
    rng = np.random.default_rng(0)
    x = rng.uniform(1, 2, size=(1, 1, length))

    def forward(signal):
        for layer, row in zip(stack, rows, strict=True):
            weight = np.ones((1, 1, layer.kernel_size))
            signal = ce.conv1d(signal, weight, None, layer.stride, row.padding, layer.dilation)
        return signal[0, 0]

    base = forward(x)
    final = rows[-1]
    assert base.shape == (final.output_size,)
    for i in range(length):
        bumped = x.copy()
        bumped[0, 0, i] += 1.0
        changed = np.flatnonzero(~np.isclose(forward(bumped), base))
        expected = [
            t
            for t in range(final.output_size)
            if final.span(t)[0] <= i <= final.span(t)[1] and _reaches(stack, rows, i, t)
        ]
        assert changed.tolist() == expected, f"input {i}"


def _reaches(stack, rows, i, t):
    """Exact reachability (dilation and padding leave holes in the span): walk the stack down."""
    positions = {t}
    for layer, row in zip(reversed(stack), reversed(rows), strict=True):
        before = row.padding[0]
        positions = {
            p * layer.stride + k * layer.dilation - before
            for p in positions
            for k in range(layer.kernel_size)
        }
        positions = {p for p in positions if 0 <= p < row.input_size}  # padding feeds nothing
    return i in positions
