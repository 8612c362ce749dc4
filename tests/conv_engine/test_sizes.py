"""Size formulas and the validity bounds the widgets use."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import conv_engine as ce
from tests.naive import tf_same_pads


@given(st.integers(1, 60), st.integers(1, 7), st.integers(1, 5), st.integers(1, 4))
def test_same_rule_matches_tensorflow(size, k, s, d):
    assert ce.resolve_padding(size, k, s, d, "same") == tf_same_pads(size, k, s, d)
    assert ce.conv_output_size(size, k, s, "same", d) == -(-size // s)


@given(st.integers(1, 40), st.integers(1, 6), st.integers(1, 4), st.integers(0, 3))
def test_validity_bounds_are_tight(size, dilation, kernel, pad):
    largest = ce.max_kernel_size(size, pad, dilation)
    ce.conv_output_size(size, largest, 1, pad, dilation)
    with pytest.raises(ce.ConvConfigError):
        ce.conv_output_size(size, largest + 1, 1, pad, dilation)
    top = ce.max_dilation(size, kernel, pad)
    if top is None:
        assert kernel == 1
    elif top >= 1:
        ce.conv_output_size(size, kernel, 1, pad, top)
        with pytest.raises(ce.ConvConfigError):
            ce.conv_output_size(size, kernel, 1, pad, top + 1)


def test_unbounded_modes():
    assert ce.max_kernel_size(5, "same") is None
    assert ce.max_dilation(5, 3, "causal") is None
    assert ce.max_output_padding(stride=3, dilation=1) == 2
    assert ce.max_output_padding(stride=1, dilation=2) == 1


def test_effective_kernel_and_dilated_output():
    assert ce.effective_kernel_size(3, 2) == 5
    assert ce.effective_kernel_size(3, 4) == 9
    assert ce.conv_output_size(10, 3, 1, 0, 2) == (10 - 5) // 1 + 1


@given(
    st.integers(1, 20), st.integers(1, 5), st.integers(1, 4), st.integers(0, 2), st.integers(1, 3)
)
def test_transposed_size_inverts_conv_size(o, k, s, p, d):
    for extra in range(max(s, d)):
        try:
            size = ce.conv_transpose_output_size(o, k, s, p, extra, d)
        except ce.ConvConfigError:
            continue
        assert size == (o - 1) * s - 2 * p + d * (k - 1) + extra + 1
        if extra < s and size >= 1:
            assert ce.conv_output_size(size, k, s, p, d) == o
