"""What fills the padding (PyTorch's padding_mode), against definitions written here.

(PyTorch's own ``F.pad`` is compared in test_torch.py.)"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import conv_engine as ce
from tests.naive import naive_conv

from .strategies import conv_cases


def naive_source(position: int, size: int, mode: str) -> int:
    """The input cell a padded position copies (−1: a zero), by walking to it: a mirror
    folds back at each edge (not repeating it), a copy stops at the edge, a wrap goes round."""
    if 0 <= position < size:
        return position
    if mode == "zeros":
        return -1
    if mode == "replicate":
        return 0 if position < 0 else size - 1
    if mode == "circular":
        while position < 0:
            position += size
        while position >= size:
            position -= size
        return position
    while not 0 <= position < size:  # reflect
        position = -position if position < 0 else 2 * (size - 1) - position
    return position


def allowed(mode: str, size: int, pad: int) -> bool:
    return {"reflect": pad < size, "circular": pad <= size}.get(mode, True)


@given(
    st.sampled_from(ce.PADDING_MODES),
    st.integers(1, 9),
    st.integers(0, 9),
    st.integers(0, 9),
)
def test_each_padded_cell_copies_the_cell_the_mode_names(mode, size, before, after):
    assume(allowed(mode, size, max(before, after)))
    sources = ce.padding_sources(size, before, after, mode)
    expected = [naive_source(p, size, mode) for p in range(-before, size + after)]
    assert sources.tolist() == expected


@given(conv_cases(), st.sampled_from(ce.PADDING_MODES))
def test_a_conv_with_a_padding_mode_convolves_the_input_padded_that_way(case, mode):
    sizes = case.x.shape[2:]
    assume(all(allowed(mode, n, max(p)) for n, p in zip(sizes, case.pads, strict=True)))
    padded = case.x
    for axis, (size, (before, after)) in enumerate(zip(sizes, case.pads, strict=True), 2):
        index = [naive_source(p, size, mode) for p in range(-before, size + after)]
        taken = np.take(padded, [max(i, 0) for i in index], axis=axis)
        mask = np.array([i >= 0 for i in index]).reshape(
            [-1 if a == axis else 1 for a in range(padded.ndim)]
        )
        padded = np.where(mask, taken, 0.0)
    no_pads = ((0, 0),) * case.ndim
    expected = naive_conv(
        padded, case.weight, case.bias, case.stride, no_pads, case.dilation, case.groups
    )
    engine = ce.conv1d if case.ndim == 1 else ce.conv2d
    got = engine(case.x, case.weight, case.bias, **case.engine_args(), padding_mode=mode)
    np.testing.assert_allclose(got, expected, atol=1e-10)


def test_reflection_mirrors_without_the_edge_and_wrapping_goes_round():
    x = np.arange(1.0, 5.0)  # 1 2 3 4
    reflect = ce.pad_with_mode(x, ((3, 2),), "reflect")
    assert reflect.tolist() == [4, 3, 2, 1, 2, 3, 4, 3, 2]
    assert ce.pad_with_mode(x, ((2, 1),), "replicate").tolist() == [1, 1, 1, 2, 3, 4, 4]
    assert ce.pad_with_mode(x, ((4, 4),), "circular").tolist() == [1, 2, 3, 4] * 3
    grid = np.arange(9.0).reshape(3, 3)
    corners = ce.pad_with_mode(grid, ((1, 1), (1, 1)), "reflect")
    assert corners[0, 0] == grid[1, 1] and corners[-1, -1] == grid[1, 1]


@pytest.mark.parametrize(
    ("mode", "size", "pads", "words"),
    [
        ("reflect", 4, (4, 0), "must be smaller than the input"),
        ("reflect", 1, (0, 1), "must be smaller than the input"),
        ("circular", 3, (1, 4), "at most the input's 3 cells"),
        ("mirror", 5, (1, 1), "padding_mode must be one of zeros, reflect"),
    ],
)
def test_a_padding_the_mode_cannot_fill_is_refused_in_a_sentence(mode, size, pads, words):
    with pytest.raises(ce.ConvConfigError, match=words):
        ce.padding_sources(size, *pads, mode)
    x, w = np.ones((1, 1, size)), np.ones((1, 1, 1))
    with pytest.raises(ce.ConvConfigError, match=words):
        ce.conv1d(x, w, padding=pads, padding_mode=mode)


@given(conv_cases(max_size=6), st.sampled_from(ce.PADDING_MODES))
def test_the_trace_shows_the_values_the_padding_copies(case, mode):
    """The animation's grid holds each padded cell's copied value (still a padding cell),
    and its steps sum to the conv with that padding_mode."""
    sizes = case.x.shape[2:]
    assume(all(allowed(mode, n, max(p)) for n, p in zip(sizes, case.pads, strict=True)))
    x, w = case.x[0, :1], case.weight[0, :1]
    trace = ce.conv_trace(
        x, w, case.stride, case.padding, case.dilation, ndim=case.ndim, padding_mode=mode
    )
    np.testing.assert_array_equal(trace.grid, ce.pad_with_mode(x, case.pads, mode))
    assert (trace.cell_kind == ce.INPUT).sum() == np.prod(sizes)
    engine = ce.conv1d if case.ndim == 1 else ce.conv2d
    expected = engine(x, w[None], None, **{**case.engine_args(), "groups": 1}, padding_mode=mode)
    np.testing.assert_allclose(trace.output, expected[0], atol=1e-10)
    assert trace.padding_mode == mode
