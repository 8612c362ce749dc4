"""Animation traces: every step's products sum to the output; cells are marked correctly."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given

import conv_engine as ce

from .strategies import conv_cases, transpose_cases


@given(conv_cases())
def test_trace_output_equals_conv(case):
    x = case.x[0]
    weight = case.weight[0, : x.shape[0]] if case.groups == 1 else case.weight[0]
    if case.groups != 1:
        x = x[: weight.shape[0]]
    args = case.engine_args()
    args.pop("groups")
    trace = ce.conv_trace(x, weight, bias=0.5, ndim=case.ndim, **args)
    op = ce.conv1d if case.ndim == 1 else ce.conv2d
    expected = op(x, weight[None], np.array([0.5]), **args)[0]
    np.testing.assert_allclose(trace.output, expected, atol=1e-10)
    assert trace.num_steps == int(np.prod(expected.shape))
    for step in range(trace.num_steps):
        frame = trace.step(step)
        assert np.isclose(frame.products.sum() + frame.bias, frame.value)
        assert np.isclose(frame.value, expected[frame.output_position])
        np.testing.assert_allclose(frame.products, frame.input_values * frame.weights)


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


def test_trace_step_is_pure_function_of_its_arguments():
    x, w = np.arange(16.0).reshape(4, 4), np.arange(4.0).reshape(2, 2)
    one = ce.conv_trace_step(x, w, 3, stride=1)
    two = ce.conv_trace(x, w).step(3)
    assert one.value == two.value and one.output_position == two.output_position == (1, 0)
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
