"""Parameter counters (hand-worked values), banded matrices, DropConnect."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import conv_engine as ce


def test_hand_worked_counts():
    assert ce.conv_parameters(8, 16, 3 * 3, bias=False) == 1152
    assert ce.conv_parameters(8, 16, (3, 3), bias=False) == 1152
    assert ce.separable_parameters(8, 16, 3) == 200
    assert ce.separable_parameters(8, 16, 3, bias="keras") == 216
    assert ce.separable_parameters(8, 16, 3, bias="torch") == 224
    assert ce.conv_parameters(1024, 1024, 7, bias=False) == 7_340_032
    assert ce.conv_parameters(1024, 1024, 7, groups=1024, bias=False) == 7168
    assert ce.lightweight_parameters(1024, 7, 16) == 112
    assert ce.attention_parameters(1024) == 4 * 1024**2
    assert ce.conv_parameters(80, 256, 5) == 256 * 80 * 5 + 256


@given(st.integers(1, 64), st.integers(1, 64), st.integers(1, 7), st.integers(1, 4))
def test_separable_ratio(c_in, c_out, k, m):
    """The ratio is the counters' ratio, at every depth multiplier (not only m = 1)."""
    ratio = ce.separable_parameters(c_in, c_out, k, m) / ce.conv_parameters(
        c_in, c_out, (k, k), bias=False
    )
    assert np.isclose(ratio, ce.separable_ratio(c_out, k, m))


def test_separable_ratio_of_the_issue():
    """/separable?cin=3&cout=4&k=3&m=2: 78 / 108 weights, not 1/4 + 1/9."""
    assert ce.separable_parameters(3, 4, 3, 2) == 78
    assert np.isclose(ce.separable_ratio(4, 3, 2), 78 / 108)


def test_article_module_parameters_match_the_counter():
    """depthwise Conv2d(n, n, 3, padding=1, groups=n) + pointwise Conv2d(n, m, 1), with biases."""
    n_in, n_out = 8, 16
    depthwise = ce.conv_parameters(n_in, n_in, (3, 3), groups=n_in)
    pointwise = ce.conv_parameters(n_in, n_out, (1, 1))
    assert depthwise + pointwise == ce.separable_parameters(n_in, n_out, 3, bias="torch")


def test_dynamic_counts_match_the_layer_it_runs():
    """H·k·d weights: the (H·k, d) projection dynamic_conv1d takes; its multiply-adds per
    step are the conv's d·k plus that projection applied to the step's d features."""
    d, k, h, n = 16, 5, 4, 10
    weight = np.ones((h * k, d))
    ce.dynamic_conv1d(np.zeros((d, n)), weight, h, k)  # accepted: the shape is right
    assert ce.dynamic_parameters(d, k, h) == weight.size
    per_step = d * k + weight.size
    assert ce.sequence_multiply_adds("dynamic", n, d, k, h) == n * per_step
    with pytest.raises(ce.ConvConfigError, match="num_heads"):
        ce.dynamic_parameters(6, 3, 4)


def test_sequence_costs_linear_vs_quadratic():
    assert ce.sequence_multiply_adds("conv", 200, 64, 7) == 2 * ce.sequence_multiply_adds(
        "conv", 100, 64, 7
    )
    assert ce.sequence_multiply_adds("attention", 200, 64) == 4 * ce.sequence_multiply_adds(
        "attention", 100, 64
    )


@pytest.mark.parametrize("padding", ["same", "causal", 1])
def test_lightweight_matrix_times_sequence_is_the_conv(padding):
    rng = np.random.default_rng(2)
    x = rng.normal(size=(6, 9))
    weight = rng.normal(size=(3, 3))
    out = ce.lightweight_conv1d(x, weight, padding=padding)
    for channel in range(6):
        matrix = ce.lightweight_matrix(weight, 6, 9, channel, padding)
        np.testing.assert_allclose(matrix @ x[channel], out[channel], atol=1e-12)
        # away from the ends (where the band runs into padding) a row is the whole kernel
        np.testing.assert_allclose(matrix.sum(axis=1)[2:-2], 1.0, err_msg="softmax rows sum to 1")


def test_dynamic_matrix_times_sequence_is_the_conv():
    rng = np.random.default_rng(3)
    x = rng.normal(size=(4, 8))
    weight = rng.normal(size=(2 * 3, 4))
    out = ce.dynamic_conv1d(x, weight, 2, 3, padding="causal")
    kernels = ce.dynamic_kernels(x[None], weight, 2, 3)[0]  # (T, H, K)
    for channel in range(4):
        matrix = ce.dynamic_matrix(kernels[:, channel // 2], left=2)
        np.testing.assert_allclose(matrix @ x[channel], out[channel], atol=1e-12)


def test_drop_connect_is_seeded_and_scaled():
    weights = np.full((4, 5), 0.2)
    one = ce.drop_connect(weights, 0.5, np.random.default_rng(7))
    two = ce.drop_connect(weights, 0.5, np.random.default_rng(7))
    np.testing.assert_array_equal(one, two)
    assert set(np.unique(one)) <= {0.0, 0.4}
    assert (one == 0).any() and (one > 0).any()
    with pytest.raises(ce.ConvConfigError, match="rate"):
        ce.drop_connect(weights, 1.0, np.random.default_rng(0))
    with pytest.raises(ce.ConvConfigError, match="Generator"):
        ce.drop_connect(weights, 0.1, 42)


def test_attention_rows_are_distributions_over_every_step():
    x = np.random.default_rng(0).normal(size=(4, 7))
    weights = ce.self_attention_weights(x, np.random.default_rng(1))
    np.testing.assert_allclose(weights.sum(axis=1), 1.0)
    assert (weights > 0).all(), "attention reaches every step; a convolution only its band"
    causal = ce.self_attention_weights(x, np.random.default_rng(1), causal=True)
    assert np.allclose(np.triu(causal, 1), 0.0) and np.allclose(causal.sum(axis=1), 1.0)
