"""A layer's trace (C_out kernels of C_in slices, a bias) against the naive definition."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given

import conv_engine as ce

from ..naive import naive_conv
from .strategies import conv_cases


@given(conv_cases())
def test_every_step_is_one_output_cell_of_the_layer(case):
    """Step n writes y[n // P, …] (channel by channel); its products, summed over every
    input channel and tap, plus that channel's bias, are the definition's output cell."""
    weight = case.weight  # (C_out, C_in / groups, k…): a layer over the first C_in / groups
    x = case.x[0, : weight.shape[1]]
    args = case.engine_args()
    args.pop("groups")
    trace = ce.layer_trace(x, weight, case.bias, ndim=case.ndim, **args)
    bias = np.zeros(len(weight)) if case.bias is None else case.bias
    expected = naive_conv(x[None], weight, bias, case.stride, case.pads, case.dilation, 1)[0]
    np.testing.assert_allclose(trace.output, expected, atol=1e-10)
    assert trace.has_bias == (case.bias is not None)
    assert trace.num_steps == expected.size
    for step, cell in enumerate(np.ndindex(*expected.shape)):
        assert trace.output_position(step) == cell
        frame = trace.step(step)
        assert np.isclose(frame.products.sum() + frame.bias, expected[cell])
        np.testing.assert_array_equal(frame.weights, weight[cell[0]].reshape(len(x), -1))


@pytest.mark.parametrize(
    ("x", "weight", "bias", "rule"),
    [
        (np.ones((2, 5, 5)), np.ones((3, 1, 3, 3)), None, "cover every input channel"),
        (np.ones((1, 5, 5)), np.ones((2, 1, 3, 3)), [1.0, 2.0, 3.0], "one number per output"),
        (np.ones((1, 5, 5)), np.ones((1, 3, 3)), None, r"weight \(C_out, C_in"),
        (np.ones((1, 5, 5)), np.ones((0, 1, 3, 3)), None, "at least one output channel"),
    ],
)
def test_a_layer_that_does_not_fit_is_refused_in_a_sentence(x, weight, bias, rule):
    with pytest.raises(ce.ConvConfigError, match=rule):
        ce.layer_trace(x, weight, bias)


def test_a_layer_too_large_to_animate_is_refused():
    with pytest.raises(ce.ConvConfigError, match="fewer channels"):
        ce.layer_trace(np.ones((64, 40, 40)), np.ones((64, 64, 5, 5)))


def test_padding_modes_pad_every_input_channel():
    """reflect: the padded border of every channel mirrors that channel, in every kernel."""
    x = np.arange(2 * 4 * 4, dtype=float).reshape(2, 4, 4)
    trace = ce.layer_trace(x, np.ones((3, 2, 3, 3)), padding=1, padding_mode="reflect")
    expected = np.pad(x, ((0, 0), (1, 1), (1, 1)), mode="reflect")
    for kernel in trace.kernels:
        np.testing.assert_array_equal(kernel.grid, expected)
