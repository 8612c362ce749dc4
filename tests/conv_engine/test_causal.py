"""Streaming equals the full causal conv; dependency trees; where centred padding leaks."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import conv_engine as ce


@given(
    st.lists(st.tuples(st.integers(1, 4), st.integers(1, 4)), min_size=1, max_size=3),
    st.integers(1, 30),
    st.integers(1, 3),
    st.integers(0, 2**31),
)
def test_streaming_stack_equals_full_sequence(stack, length, channels, seed):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(channels, length))
    weights = [rng.normal(size=(channels, channels, k)) for k, _ in stack]
    biases = [rng.normal(size=channels) for _ in stack]
    full = x
    for (_, d), w, b in zip(stack, weights, biases, strict=True):
        full = ce.conv1d(full, w, b, padding="causal", dilation=d)
    layers = [
        ce.StreamingCausalConv1d(w, b, d)
        for (_, d), w, b in zip(stack, weights, biases, strict=True)
    ]
    np.testing.assert_allclose(ce.stream(layers, x), full, atol=1e-10)


def test_buffer_is_d_times_k_minus_1():
    layer = ce.StreamingCausalConv1d(np.ones((1, 1, 3)), dilation=4)
    assert layer.buffer_size == 8


def test_wavenet_dependencies_form_a_tree_of_1024():
    levels = ce.causal_dependencies(2, [2**i for i in range(10)], 2048, 2000)
    assert len(levels) == 11
    assert levels[-1].size == 1024 and levels[-1].min() == 2000 - 1023
    assert [lvl.size for lvl in levels] == [2**i for i in range(11)]


def test_dependencies_clip_at_the_start():
    levels = ce.causal_dependencies(3, [1, 2], 10, 2)
    assert levels[-1].tolist() == [0, 1, 2]


@pytest.mark.parametrize("k", [2, 3, 5])
def test_causal_never_leaks_centred_does(k):
    assert not ce.future_leaks(12, k, padding="causal").any()
    leaks = ce.future_leaks(12, k, padding="same")
    assert leaks[:-1].all() and not leaks[-1], "only the last output has no future to read"


def test_causal_conv_matrix_is_lower_triangular():
    causal = ce.conv_matrix((8,), np.array([1.0, 2.0, 3.0]), padding="causal")
    assert np.allclose(causal, np.tril(causal)) and causal.shape == (8, 8)
    centred = ce.conv_matrix((8,), np.array([1.0, 2.0, 3.0]), padding="same")
    assert not np.allclose(centred, np.tril(centred))
