"""The size solver against brute force over its bounds, and its Keras notes against Keras."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

import conv_engine as ce

from ..naive import keras_transpose_length, naive_conv, naive_conv_transpose, tf_same_pads

BOUNDS = ce.SolverBounds(max_kernel=5, max_stride=3, max_dilation=3, max_padding=4)


def _settings():
    for k, d, s in itertools.product(range(1, 6), range(1, 4), range(1, 4)):
        if k == 1 and d > 1:
            continue
        extent = d * (k - 1) + 1
        yield k, d, s, extent, range(min(4, extent - 1) + 1)


def brute_conv(n, o):
    """Every (k, s, p, d) whose output length, counted by running a naive conv, is o."""
    found = set()
    for k, d, s, extent, paddings in _settings():
        for p in paddings:
            if n + 2 * p < extent:
                continue
            x, w = np.ones((1, 1, n)), np.ones((1, 1, k))
            if naive_conv(x, w, None, (s,), ((p, p),), (d,), 1).shape[-1] == o:
                found.add((k, s, p, d))
    return found


def brute_transposed(n, o):
    found = set()
    for k, d, s, extent, paddings in _settings():
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


def test_keras_notes_follow_the_tf_rule():
    for n, o in [(224, 112), (7, 7), (10, 4), (9, 3)]:
        for row in ce.solve_conv(n, o):
            k, s, p, d = row.kernel_size, row.stride, row.padding, row.dilation
            if s > 1 and d > 1:
                assert row.keras_refusal and not row.keras_same_fits
                continue
            pads = tf_same_pads(n, k, s, d)
            extent = d * (k - 1) + 1
            same_length = (n + sum(pads) - extent) // s + 1
            assert row.keras_same_fits == (same_length == o)
            expected = "valid" if p == 0 else "same" if pads == (p, p) else "ZeroPadding + valid"
            assert row.keras == expected


def test_transposed_keras_notes_follow_keras_lengths():
    for n, o in [(7, 15), (112, 224), (3, 8), (4, 9)]:
        for row in ce.solve_transposed(n, o):
            k, s, p, op, d = (
                row.kernel_size,
                row.stride,
                row.padding,
                row.output_padding,
                row.dilation,
            )
            default = keras_transpose_length(n, k, s, "same", None, d)
            assert row.keras_default_fits == (default == o)
            if row.keras in ("valid", "same"):
                assert keras_transpose_length(n, k, s, row.keras, op, d) == o
            elif row.keras == "valid + Cropping":
                assert keras_transpose_length(n, k, s, "valid", op, d) - 2 * p == o
            else:
                assert row.keras_refusal and (op >= s or (s > 1 and d > 1))


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
