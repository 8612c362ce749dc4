"""The size solver against brute force over its bounds, and its Keras notes against Keras."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

import conv_engine as ce

from ..naive import keras_transpose_length, naive_conv, naive_conv_transpose, tf_same_pads

BOUNDS = ce.SolverBounds(max_kernel=5, max_stride=3, max_dilation=3, max_padding=4)


def _settings(bounds=BOUNDS):
    """Every (k, d, s) within the bounds the solver states, with every padding it states
    (0 … max_padding, whatever the kernel's extent; dilation only on k ≥ 2)."""
    for k, d, s in itertools.product(
        range(1, bounds.max_kernel + 1),
        range(1, bounds.max_dilation + 1),
        range(1, bounds.max_stride + 1),
    ):
        if k == 1 and d > 1:
            continue
        extent = d * (k - 1) + 1
        yield k, d, s, extent, range(bounds.max_padding + 1)


def brute_conv(n, o, bounds=BOUNDS):
    """Every (k, s, p, d) whose output length, counted by running a naive conv, is o."""
    found = set()
    for k, d, s, extent, paddings in _settings(bounds):
        for p in paddings:
            if n + 2 * p < extent:
                continue
            x, w = np.ones((1, 1, n)), np.ones((1, 1, k))
            if naive_conv(x, w, None, (s,), ((p, p),), (d,), 1).shape[-1] == o:
                found.add((k, s, p, d))
    return found


def brute_transposed(n, o, bounds=BOUNDS):
    found = set()
    for k, d, s, extent, paddings in _settings(bounds):
        for p, op in itertools.product(paddings, range(max(s, d))):
            full = (n - 1) * s + extent + op
            if full - 2 * p < 1:
                continue
            x, w = np.ones((1, 1, n)), np.ones((1, 1, k))
            out = naive_conv_transpose(x, w, None, (s,), (p,), (op,), (d,), 1)
            if out.shape[-1] == o:
                found.add((k, s, p, op, d))
    return found


@pytest.mark.parametrize("n", [1, 2, 5, 8, 13])
def test_conv_solver_finds_exactly_what_brute_force_finds(n):
    for o in range(1, 2 * n + 4):
        solved = ce.solve_conv(n, o, BOUNDS)
        rows = {(r.kernel_size, r.stride, r.padding, r.dilation) for r in solved}
        assert rows == brute_conv(n, o), (n, o)
        assert len(rows) == len(solved)


@pytest.mark.parametrize("n", [1, 2, 3, 7])
def test_transposed_solver_finds_exactly_what_brute_force_finds(n):
    for o in range(1, 4 * n + 8):
        solved = ce.solve_transposed(n, o, BOUNDS)
        rows = {(r.kernel_size, r.stride, r.padding, r.output_padding, r.dilation) for r in solved}
        assert rows == brute_transposed(n, o), (n, o)
        assert len(rows) == len(solved)


def test_textbook_answers_come_first():
    first = ce.solve_conv(224, 112)[0]
    assert (first.kernel_size, first.stride, first.padding, first.dilation) == (2, 2, 0, 1)
    assert (3, 2, 1, 1) in {
        (r.kernel_size, r.stride, r.padding, r.dilation) for r in ce.solve_conv(224, 112)
    }
    up = ce.solve_transposed(7, 15)[0]
    assert (up.kernel_size, up.stride, up.padding, up.output_padding) == (3, 2, 0, 0)
    dcgan = {
        (r.kernel_size, r.stride, r.padding, r.output_padding)
        for r in ce.solve_transposed(112, 224)
    }
    assert (4, 2, 1, 0) in dcgan  # DCGAN's upsampling layer


def test_rows_that_skip_inputs_come_last():
    rows = ce.solve_conv(224, 112)
    skipping = [r.skips_inputs for r in rows]
    assert skipping == sorted(skipping) and skipping[-1]  # k = 1, s = 2 reads every other cell


def test_the_issues_no_layer_answers_have_layers():
    """Padding was silently capped at k_eff − 1: 28 → 19 (k ≤ 6, d ≤ 2) and 8 → 1 were
    answered "none" although Conv2d(3, stride=2, padding=6) and ConvTranspose2d(2,
    padding=4) do it, within the stated bounds."""
    conv = ce.solve_conv(28, 19, ce.SolverBounds(max_kernel=6, max_dilation=2))
    assert (3, 2, 6, 1) in {(r.kernel_size, r.stride, r.padding, r.dilation) for r in conv}
    assert all(r.pads_past_kernel for r in conv if r.padding >= r.kernel_size)
    up = ce.solve_transposed(8, 1)
    assert (2, 1, 4, 0, 1) in {
        (r.kernel_size, r.stride, r.padding, r.output_padding, r.dilation) for r in up
    }


@pytest.mark.parametrize("bounds", [ce.SolverBounds(), ce.SolverBounds(3, 2, 2, 9)])
def test_every_no_layer_answer_is_confirmed_by_brute_force(bounds):
    """Wherever the solver finds nothing, a naive run of every layer within the bounds it
    states finds nothing either (lengths up to 12 → up to 30)."""
    for n in range(1, 9):
        for o in range(1, 31):
            if not ce.solve_conv(n, o, bounds):
                assert not brute_conv(n, o, bounds), (n, o)
            if not ce.solve_transposed(n, o, bounds):
                assert not brute_transposed(n, o, bounds), (n, o)


def test_keras_notes_follow_the_tf_rule():
    for n, o in [(224, 112), (7, 7), (10, 4), (9, 3)]:
        for row in ce.solve_conv(n, o):
            k, s, p, d = row.kernel_size, row.stride, row.padding, row.dilation
            if s > 1 and d > 1:
                assert row.keras_refusal and row.keras_same_pads is None
                continue
            pads = tf_same_pads(n, k, s, d)
            extent = d * (k - 1) + 1
            same_length = (n + sum(pads) - extent) // s + 1
            assert row.keras_same_pads == (pads if same_length == o else None)
            expected = "valid" if p == 0 else "same" if pads == (p, p) else "ZeroPadding + valid"
            assert row.keras == expected


def test_transposed_keras_spellings_follow_keras_lengths():
    for n, o in [(7, 15), (112, 224), (3, 8), (4, 9), (7, 14)]:
        for row in ce.solve_transposed(n, o):
            k, s, d = row.kernel_size, row.stride, row.dilation
            default = keras_transpose_length(n, k, s, "same", None, d)
            assert (row.keras_default_window is not None) == (default == o)
            if row.keras is None:
                assert row.keras_refusal and s > 1 and d > 1
                continue
            spelling = row.keras
            length = keras_transpose_length(n, k, s, spelling.padding, spelling.output_padding, d)
            assert length + sum(spelling.zero_pad) - sum(spelling.crop) == o


@pytest.mark.parametrize(
    "args",
    [(0, 5), (5, 0), (4097, 5), (5, -1), ("7", 3), (2.5, 3)],
)
def test_bad_lengths_are_refused_with_a_sentence(args):
    with pytest.raises(ce.ConvConfigError, match="size"):
        ce.solve_conv(*args)
    with pytest.raises(ce.ConvConfigError, match="size"):
        ce.solve_transposed(*args)


def test_bad_bounds_are_refused():
    with pytest.raises(ce.ConvConfigError, match="max_kernel"):
        ce.SolverBounds(max_kernel=0)
    with pytest.raises(ce.ConvConfigError, match="max_padding"):
        ce.SolverBounds(max_padding=1000)
