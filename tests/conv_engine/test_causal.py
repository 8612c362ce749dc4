"""Streaming equals the full causal conv; dependency trees; where centred padding leaks."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import conv_engine as ce

from ..naive import naive_conv, tf_same_pads


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


@given(
    st.integers(1, 20),
    st.integers(1, 4),
    st.integers(1, 3),
    st.integers(1, 3),
    st.sampled_from(["causal", "same", "left"]),
    st.integers(0, 2**31),
)
def test_streaming_any_padding_and_stride_equals_the_naive_conv(length, k, d, s, form, seed):
    """Outputs come out in order, each once its window is complete; together they are the
    conv of the whole sequence; the wait is d·(k − 1) − left steps."""
    rng = np.random.default_rng(seed)
    extent = d * (k - 1) + 1
    pads = {
        "causal": (extent - 1, 0),
        "same": tf_same_pads(length, k, s, d),
        "left": (extent // 2, 1),
    }[form]
    assume(length + sum(pads) >= extent)
    x, w = rng.normal(size=(2, length)), rng.normal(size=(3, 2, k))
    expected = naive_conv(x[None], w, None, (s,), [pads], (d,), 1)[0]
    layer = ce.StreamingConv1d(w, None, s, d, pads)
    assert layer.latency == extent - 1 - pads[0]
    emitted_at = {}
    outputs = []
    for t in range(length):
        for value in layer.push(x[:, t]):
            emitted_at[len(outputs)] = t
            outputs.append(value)
    outputs += layer.finish()
    np.testing.assert_allclose(np.stack(outputs, axis=1), expected, atol=1e-10)
    for j, t in emitted_at.items():
        assert t == j * s + layer.latency, "emitted the moment its last input arrives"


def test_a_strided_causal_stack_streams_like_the_full_stack():
    rng = np.random.default_rng(4)
    x = rng.normal(size=(1, 17))
    w1, w2 = rng.normal(size=(1, 1, 3)), rng.normal(size=(1, 1, 2))
    full = ce.conv1d(ce.conv1d(x, w1, stride=2, padding="causal"), w2, padding="causal", dilation=2)
    layers = [ce.StreamingCausalConv1d(w1, stride=2), ce.StreamingCausalConv1d(w2, dilation=2)]
    np.testing.assert_allclose(ce.stream(layers, x), full, atol=1e-12)


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
