"""Separable, lightweight and dynamic convolutions against their definitions."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import conv_engine as ce


@given(
    st.integers(1, 4),
    st.integers(1, 2),
    st.integers(1, 4),
    st.integers(1, 3),
    st.sampled_from(["same", "valid", 1]),
    st.integers(0, 2**31),
)
def test_separable_is_pointwise_after_depthwise(
    in_channels, multiplier, out_channels, k, padding, seed
):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(2, in_channels, 6, 5))
    depthwise = rng.normal(size=(in_channels * multiplier, 1, k, k))
    pointwise = rng.normal(size=(out_channels, in_channels * multiplier, 1, 1))
    db, pb = rng.normal(size=in_channels * multiplier), rng.normal(size=out_channels)
    got = ce.depthwise_separable_conv2d(x, depthwise, pointwise, db, pb, padding=padding)
    # independent: each depthwise channel by itself, then a channel mix by einsum
    mid = np.stack(
        [
            ce.conv2d(x[:, [c // multiplier]], depthwise[[c]], db[[c]], padding=padding)[:, 0]
            for c in range(in_channels * multiplier)
        ],
        axis=1,
    )
    expected = np.einsum("oc,nchw->nohw", pointwise[:, :, 0, 0], mid) + pb[:, None, None]
    np.testing.assert_allclose(got, expected, atol=1e-10)


def naive_lightweight(x, weight, left, softmax=True):
    """y[c, t] = Σ_k w[head(c), k] · x[c, t − left + k], head(c) = c // (C/H)."""
    channels, length = x.shape
    heads, taps = weight.shape
    if softmax:
        weight = np.exp(weight) / np.exp(weight).sum(axis=1, keepdims=True)
    out = np.zeros_like(x)
    for c in range(channels):
        for t in range(length):
            for k in range(taps):
                i = t - left + k
                if 0 <= i < length:
                    out[c, t] += weight[c // (channels // heads), k] * x[c, i]
    return out


@given(
    st.sampled_from([(4, 1), (4, 2), (4, 4), (6, 3), (8, 2)]),
    st.integers(1, 5),
    st.sampled_from(["same", "causal", 0, 1]),
    st.booleans(),
    st.integers(0, 2**31),
)
def test_lightweight_matches_definition(channels_heads, k, padding, use_softmax, seed):
    channels, heads = channels_heads
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(channels, 7))
    weight = rng.normal(size=(heads, k))
    left = {"same": (k - 1) // 2, "causal": k - 1}.get(padding, padding)
    assume(left <= k - 1)
    got = ce.lightweight_conv1d(x, weight, padding=padding, weight_softmax=use_softmax)
    np.testing.assert_allclose(got, naive_lightweight(x, weight, left, use_softmax), atol=1e-10)


def test_lightweight_softmax_equals_depthwise_with_shared_kernel():
    rng = np.random.default_rng(3)
    x = rng.normal(size=(2, 6, 9))
    weight = rng.normal(size=(3, 5))
    normalised = np.exp(weight) / np.exp(weight).sum(1, keepdims=True)
    kernel = np.repeat(normalised, 2, axis=0)[:, None, :]  # channels 0,1 → head 0, …
    expected = ce.conv1d(x, kernel, padding=(2, 2), groups=6)
    np.testing.assert_allclose(ce.lightweight_conv1d(x, weight), expected, atol=1e-12)


def test_dynamic_conv_uses_each_steps_own_kernel():
    rng = np.random.default_rng(4)
    channels, length, heads, k = 4, 8, 2, 3
    x = rng.normal(size=(channels, length))
    weight = rng.normal(size=(heads * k, channels))
    got = ce.dynamic_conv1d(x, weight, heads, k, padding="causal")
    padded = np.pad(x, ((0, 0), (k - 1, 0)))
    for t in range(length):
        kernel = (weight @ x[:, t]).reshape(heads, k)
        kernel = np.exp(kernel) / np.exp(kernel).sum(1, keepdims=True)
        for c in range(channels):
            expected = kernel[c // 2] @ padded[c, t : t + k]
            assert np.isclose(got[c, t], expected)


def test_dynamic_with_constant_kernel_equals_lightweight():
    """If every step predicts the same logits, dynamic conv is a lightweight conv."""
    channels, heads, k = 4, 2, 3
    x = np.ones((channels, 6))
    logits = np.array([[0.5, -1.0, 2.0], [1.0, 0.0, -0.5]])
    weight = np.repeat(logits.reshape(-1, 1) / channels, channels, axis=1)  # w @ ones = logits
    np.testing.assert_allclose(
        ce.dynamic_conv1d(x, weight, heads, k), ce.lightweight_conv1d(x, logits), atol=1e-12
    )


@given(st.sampled_from([(1, 1), (4, 1), (4, 2), (8, 4), (16, 16), (12, 3)]))
def test_head_of_channel_is_contiguous_blocks(channels_heads):
    channels, heads = channels_heads
    expected = [c // (channels // heads) for c in range(channels)]  # the paper's c // (d/H)
    assert ce.head_of_channel(channels, heads).tolist() == expected


def test_head_of_channel_needs_a_divisor():
    with pytest.raises(ce.ConvConfigError, match="num_heads=3 must divide"):
        ce.head_of_channel(8, 3)
