"""Questions about the conv a page shows: every answer agrees with a naive definition (the
conv by loops, the window counted by hand) at random settings and steps."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import conv_engine as ce
from conv_engine.exercises.on_screen import on_screen
from i18n import placeholders
from tests.naive import naive_conv


def _setting(draw, sizes: tuple[int, int], kernels: int, strides: int) -> tuple:
    """(ndim, n, k, s, d, pad, rng): a 1-D or 2-D setting whose kernel fits its padded
    input, inputs up to ``sizes`` (2-D, 1-D), and a generator for its numbers."""
    ndim = draw(st.sampled_from((1, 2)))
    n = draw(st.integers(3, sizes[0] if ndim == 2 else sizes[1]))
    k, s = draw(st.integers(1, kernels)), draw(st.integers(1, strides))
    d, pad = draw(st.integers(1, 2)), draw(st.integers(0, 2))
    if d * (k - 1) + 1 > n + 2 * pad:
        pad = d * (k - 1)
    return ndim, n, k, s, d, pad, np.random.default_rng(draw(st.integers(0, 1000)))


@st.composite
def shown(draw):
    """A whole-number conv as a page shows it (1-D or 2-D, any padding), and a step."""
    ndim, n, k, s, d, pad, rng = _setting(draw, (9, 16), 4, 3)
    x = rng.integers(-3, 4, size=(n,) * ndim).astype(float)
    w = rng.integers(-2, 3, size=(k,) * ndim).astype(float)
    trace = ce.conv_trace(x, w, s, pad, d, ndim=ndim)
    step = draw(st.integers(0, trace.num_steps - 1))
    return x, w, s, pad, d, trace, step


@settings(max_examples=150, deadline=None)
@given(shown())
def test_every_answer_is_the_naive_conv_s(case):
    x, w, s, pad, d, trace, step = case
    ndim = x.ndim
    expected = naive_conv(
        x[None, None], w[None, None], None, (s,) * ndim, [(pad, pad)] * ndim, (d,) * ndim, 1
    )[0, 0]
    asked = {item.question.skill: item for item in on_screen("standard", trace, step)}
    target = (step + 1) % expected.size
    position = np.unravel_index(target, expected.shape)
    assert asked["value"].question.answer == int(expected[position])
    assert asked["value"].step == asked["reads"].step == target
    taps = itertools.product(*[range(w.shape[axis]) for axis in range(ndim)])
    inside = {
        tuple(p * s + j * d - pad for p, j in zip(position, tap, strict=True)) for tap in taps
    }
    real = [cell for cell in inside if all(0 <= c < x.shape[0] for c in cell)]
    assert asked["reads"].question.answer == len(real)
    assert asked["output_size"].question.answer == expected.size
    assert asked["output_size"].step == expected.size - 1
    if ndim == 1:  # output o (time o·s) reads x[o·s + j·d − pad]: any real one after o·s?
        n, k = x.shape[0], w.shape[0]
        readers = [
            o
            for o in range(expected.size)
            if any(0 <= o * s + j * d - pad < n and j * d - pad > 0 for j in range(k))
        ]
        assert asked["future"].question.answer == len(readers)
        assert asked["future"].step == (readers[0] if readers else 0)
    else:
        assert "future" not in asked
    for item in asked.values():  # every prompt names only its own values
        prompt = item.question.prompt
        assert placeholders(prompt.template) == set(prompt.values)
        assert str(item.question.answer) not in ("", "None")


def test_a_value_that_is_not_whole_is_not_asked():
    trace = ce.conv_trace(np.full((4, 4), 0.5), np.ones((3, 3)), 1, 0, 1)
    skills = [item.question.skill for item in on_screen("standard", trace, 0)]
    assert skills == ["reads", "output_size"]  # (a grid: no question on the future)


@pytest.mark.parametrize("step", [-5, 0, 3, 99])
def test_a_step_out_of_range_asks_about_one_in_range(step):
    trace = ce.conv_trace(np.arange(16.0).reshape(4, 4), np.ones((3, 3)), 1, 0, 1)
    steps = [item.step for item in on_screen("standard", trace, step)]
    assert all(0 <= s < trace.num_steps for s in steps)


@st.composite
def shown_layer(draw):
    """A whole-number layer as the Standard or Conv1d page shows it (C_in, C_out up to 4,
    a bias or none, any padding), and a step."""
    ndim, n, k, s, d, pad, rng = _setting(draw, (6, 12), 3, 2)
    c_in, c_out = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    x = rng.integers(-3, 4, size=(c_in, *(n,) * ndim)).astype(float)
    w = rng.integers(-2, 3, size=(c_out, c_in, *(k,) * ndim)).astype(float)
    bias = rng.integers(-2, 3, size=c_out).astype(float) if draw(st.booleans()) else None
    layer = ce.layer_trace(x, w, bias, s, pad, d, ndim=ndim)
    step = draw(st.integers(0, layer.num_steps - 1))
    return x, w, bias, s, pad, d, layer, step


@settings(max_examples=120, deadline=None)
@given(shown_layer())
def test_a_layers_answers_are_the_naive_layers(case):
    """Output channel by output channel: step n is channel n // P at position n % P."""
    x, w, bias, s, pad, d, layer, step = case
    ndim = x.ndim - 1
    expected = naive_conv(x[None], w, bias, (s,) * ndim, [(pad, pad)] * ndim, (d,) * ndim, 1)[
        0
    ]  # (C_out, *out)
    asked = {item.question.skill: item for item in on_screen("standard", layer, step)}
    target = (step + 1) % expected.size
    channel, *position = np.unravel_index(target, expected.shape)
    assert asked["value"].question.answer == int(expected[(channel, *position)])
    assert f"y[{', '.join(str(int(i)) for i in (channel, *position))}]" in str(
        asked["value"].question.prompt
    )
    assert asked["value"].step == asked["reads"].step == target
    taps = itertools.product(*[range(w.shape[2 + axis]) for axis in range(ndim)])
    inside = {
        tuple(int(p) * s + j * d - pad for p, j in zip(position, tap, strict=True)) for tap in taps
    }
    real = [cell for cell in inside if all(0 <= c < x.shape[1] for c in cell)]
    assert asked["reads"].question.answer == len(real) * x.shape[0]  # in every input channel
    assert asked["output_size"].question.answer == expected.size
    assert asked["output_size"].step == expected.size - 1
    for item in asked.values():
        prompt = item.question.prompt
        assert placeholders(prompt.template) == set(prompt.values)
