"""Animation traces: every step's window, products and value against the naive definition."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given

import conv_engine as ce

from ..naive import naive_conv
from .strategies import conv_cases, transpose_cases


@given(conv_cases())
def test_every_step_reads_the_window_the_definition_reads(case):
    """Step t of output o: tap k reads x_pad[o·s + k·d]; the products sum to y[o]."""
    x = case.x[0]
    weight = case.weight[0, : x.shape[0]] if case.groups == 1 else case.weight[0]
    if case.groups != 1:
        x = x[: weight.shape[0]]
    args = case.engine_args()
    args.pop("groups")
    trace = ce.conv_trace(x, weight, bias=0.5, ndim=case.ndim, **args)
    expected = naive_conv(
        x[None], weight[None], np.array([0.5]), case.stride, case.pads, case.dilation, 1
    )[0, 0]
    padded = np.pad(x, [(0, 0), *case.pads])
    assert trace.num_steps == expected.size
    for step, position in enumerate(np.ndindex(*expected.shape)):
        frame = trace.step(step)
        assert frame.output_position == position
        assert np.isclose(frame.value, expected[position])
        for tap_index, tap in enumerate(np.ndindex(*weight.shape[1:])):
            cell = tuple(
                o * s + t * d
                for o, t, s, d in zip(position, tap, case.stride, case.dilation, strict=True)
            )
            np.testing.assert_array_equal(frame.input_positions[tap_index], cell)
            np.testing.assert_allclose(
                frame.products[:, tap_index],
                padded[(slice(None), *cell)] * weight[(slice(None), *tap)],
            )


def test_trace_marks_padding_cells():
    trace = ce.conv_trace(np.ones((3, 3)), np.ones((3, 3)), padding=1)
    assert trace.grid.shape == (1, 5, 5)
    assert (trace.cell_kind == ce.PADDING).sum() == 25 - 9
    assert trace.input_origin == (1, 1)
    first = trace.step(0)
    assert first.output_position == (0, 0)
    assert (first.cell_kinds == ce.PADDING).sum() == 5
    assert first.value == 4.0


def test_trace_windows_show_dilation_gaps():
    trace = ce.conv_trace(np.arange(7.0), np.ones(3), dilation=2, ndim=1)
    np.testing.assert_array_equal(trace.step(1).input_positions[:, 0], [1, 3, 5])


def test_trace_step_of_d2l_example():
    """d2l's 3×3 input 0…8 with [[0, 1], [2, 3]]: step 3 is y[1, 1] = 4·0 + 5·1 + 7·2 + 8·3."""
    x, w = np.arange(9.0).reshape(3, 3), np.array([[0.0, 1.0], [2.0, 3.0]])
    frame = ce.conv_trace_step(x, w, 3)
    assert frame.output_position == (1, 1) and frame.value == 43.0
    np.testing.assert_array_equal(frame.input_values.ravel(), [4, 5, 7, 8])
    np.testing.assert_array_equal(frame.products.ravel(), [0, 5, 14, 24])
    with pytest.raises(ce.ConvConfigError, match="step"):
        ce.conv_trace(x, w).step(99)


@given(transpose_cases())
def test_transposed_traces_equal_conv_transpose(case):
    x = case.x[0, :1]
    weight = case.weight[:1, 0]
    pick = (lambda v: v[0]) if case.ndim == 1 else (lambda v: v)
    args = dict(
        stride=pick(case.stride),
        padding=pick(case.padding),
        output_padding=pick(case.output_padding),
        dilation=pick(case.dilation),
    )
    op = ce.conv_transpose1d if case.ndim == 1 else ce.conv_transpose2d
    expected = op(x, weight[:, None], **args)[0]
    zero_insertion = ce.transposed_trace(x, weight, ndim=case.ndim, **args)
    np.testing.assert_allclose(zero_insertion.output, expected, atol=1e-10)
    scatter = ce.scatter_trace(x[0], weight[0], ndim=case.ndim, **args)
    np.testing.assert_allclose(scatter.output, expected, atol=1e-10)
    # every inserted zero sits between two input cells; the grid holds the input in place
    kinds = zero_insertion.cell_kind
    assert (kinds == ce.INPUT).sum() <= x[0].size
    assert np.all(zero_insertion.grid[0][kinds != ce.INPUT] == 0)


def test_zero_insertion_view_of_stride_two():
    trace = ce.transposed_trace(
        np.array([1.0, 2.0, 3.0]), np.array([1.0, 1.0, 1.0]), stride=2, ndim=1
    )
    np.testing.assert_array_equal(trace.cell_kind, [1, 1, 0, 2, 0, 2, 0, 1, 1])
    assert trace.output.shape == (7,)


def test_trace_budget_is_bounded():
    with pytest.raises(ce.ConvConfigError, match="smaller"):
        ce.conv_trace(np.zeros((400, 400)), np.zeros((5, 5)))
