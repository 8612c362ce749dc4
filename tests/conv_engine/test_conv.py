"""conv1d / conv2d: fast path = independent naive definition = engine reference; golden numbers."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given

import conv_engine as ce
from conv_engine.reference import conv1d_reference, conv2d_reference
from tests.naive import naive_conv

from .strategies import conv_cases


def run_engine(case):
    op = ce.conv1d if case.ndim == 1 else ce.conv2d
    return op(case.x, case.weight, case.bias, **case.engine_args())


@given(conv_cases())
def test_fast_path_equals_naive_definition(case):
    expected = naive_conv(
        case.x, case.weight, case.bias, case.stride, case.pads, case.dilation, case.groups
    )
    got = run_engine(case)
    assert got.shape == expected.shape, f"shape {got.shape} != {expected.shape} for {case}"
    np.testing.assert_allclose(got, expected, rtol=1e-10, atol=1e-10)


@given(conv_cases(max_size=6))
def test_engine_reference_equals_naive_definition(case):
    reference = conv1d_reference if case.ndim == 1 else conv2d_reference
    got = reference(case.x, case.weight, case.bias, **case.engine_args())
    expected = naive_conv(
        case.x, case.weight, case.bias, case.stride, case.pads, case.dilation, case.groups
    )
    np.testing.assert_allclose(got, expected, rtol=1e-10, atol=1e-10)


@given(conv_cases())
def test_output_shape_matches_size_functions(case):
    out = run_engine(case)
    geometry = ce.conv_geometry(
        case.x.shape[2:], case.weight.shape[2:], case.stride, case.padding, case.dilation
    )
    for axis in range(case.ndim):
        size = ce.conv_output_size(
            case.x.shape[2 + axis],
            case.weight.shape[2 + axis],
            case.stride[axis],
            case.pads[axis],
            case.dilation[axis],
        )
        assert out.shape[2 + axis] == size == geometry.output_size[axis]
        assert geometry.padding[axis] == case.pads[axis], "padding resolved differently"


@given(conv_cases(ndim=1, max_size=12))
def test_causal_output_ignores_the_future(case):
    """Changing inputs after time t never changes causal outputs at times <= t."""
    args = {**case.engine_args(), "padding": "causal", "stride": 1}
    length = case.x.shape[-1]
    cut = length // 2
    changed = case.x.copy()
    changed[..., cut:] += 100.0
    before = ce.conv1d(case.x, case.weight, case.bias, **args)
    after = ce.conv1d(changed, case.weight, case.bias, **args)
    assert before.shape[-1] == length, "causal padding keeps the length at stride 1"
    np.testing.assert_allclose(before[..., :cut], after[..., :cut], atol=1e-9)


def test_d2l_golden_numbers():
    """d2l's corr2d figure: input 0..8, kernel [[0, 1], [2, 3]] gives 19, 25, 37, 43."""
    x = np.arange(9.0).reshape(3, 3)
    kernel = np.array([[0.0, 1.0], [2.0, 3.0]])
    out = ce.conv2d(x[None], kernel[None, None])
    np.testing.assert_array_equal(out, [[[19.0, 25.0], [37.0, 43.0]]])


def test_tf_same_puts_the_extra_pad_at_the_end():
    assert ce.resolve_padding(5, 3, stride=2, padding="same") == (1, 1)
    assert ce.resolve_padding(6, 3, stride=2, padding="same") == (0, 1)
    assert ce.resolve_padding(4, 2, stride=1, padding="same") == (0, 1)
    # Keras Conv2D(1, 2, padding="same") on ones(3, 3): only bottom/right get zeros.
    out = ce.conv2d(np.ones((1, 3, 3)), np.ones((1, 1, 2, 2)), padding="same")
    np.testing.assert_array_equal(out[0], [[4, 4, 2], [4, 4, 2], [2, 2, 1]])


def test_same_keeps_size_at_stride_one_and_downsamples_with_stride():
    x = np.ones((1, 7, 7))
    for k in (1, 2, 3, 4, 5):
        assert ce.conv2d(x, np.ones((1, 1, k, k)), padding="same").shape == (1, 7, 7)
        assert ce.conv2d(x, np.ones((1, 1, k, k)), stride=2, padding="same").shape == (1, 4, 4)
    assert ce.conv2d(x, np.ones((1, 1, 3, 3)), padding="valid").shape == (1, 5, 5)
    assert ce.conv2d(x, np.ones((1, 1, 3, 3)), padding="full").shape == (1, 9, 9)


def test_unbatched_input_and_dtype():
    x = np.arange(10, dtype=np.int64).reshape(1, 10)
    out = ce.conv1d(x, np.ones((2, 1, 3), dtype=np.int32))
    assert out.shape == (2, 8) and out.dtype == np.float64
    out32 = ce.conv1d(x.astype(np.float32), np.ones((2, 1, 3), dtype=np.float32))
    assert out32.dtype == np.float32
    np.testing.assert_array_equal(out[0], [3, 6, 9, 12, 15, 18, 21, 24])


def test_asymmetric_explicit_padding_2d():
    x = np.arange(12.0).reshape(1, 1, 3, 4)
    w = np.ones((1, 1, 1, 1))
    out = ce.conv2d(x, w, padding=((1, 0), (0, 2)))
    assert out.shape == (1, 1, 4, 6)
    assert out[0, 0, 0].sum() == 0 and out[0, 0, 1, :4].tolist() == [0, 1, 2, 3]


def test_conv1d_speech_example_parameters():
    """Article: Conv1d over T frames × 80 features, 256 channels → (256, T'); n×80 windows."""
    rng = np.random.default_rng(1)
    frames, features, n = 20, 80, 5
    x = rng.normal(size=(features, frames))
    weight = rng.normal(size=(256, features, n))
    out = ce.conv1d(x, weight, np.zeros(256))
    assert out.shape == (256, frames - n + 1)
    # each output is the full n × 80 window against the kernel
    assert np.isclose(out[7, 3], np.sum(x[:, 3 : 3 + n] * weight[7]))
    # the engine's count is the layer's own: its weights and its 256 biases
    assert ce.conv_parameters(features, 256, n) == weight.size + 256


@pytest.mark.parametrize("dilation", [1, 64, 512])
def test_dilated_causal_1d_long_sequence(dilation):
    rng = np.random.default_rng(dilation)
    x = rng.normal(size=(1, 1, 3000))
    w = rng.normal(size=(1, 1, 3))
    out = ce.conv1d(x, w, padding="causal", dilation=dilation)
    t = 2000
    expected = sum(w[0, 0, k] * x[0, 0, t - (2 - k) * dilation] for k in range(3))
    assert np.isclose(out[0, 0, t], expected)
