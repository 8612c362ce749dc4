"""The matrix view, zero insertion, nearest upsampling and overlap counts."""

from __future__ import annotations

import numpy as np
from hypothesis import assume, given
from hypothesis import strategies as st

import conv_engine as ce


@st.composite
def small_convs(draw):
    ndim = draw(st.sampled_from([1, 2]))
    shape = tuple(draw(st.integers(1, 6)) for _ in range(ndim))
    kernel = tuple(draw(st.integers(1, 3)) for _ in range(ndim))
    stride = draw(st.integers(1, 3))
    dilation = draw(st.integers(1, 2))
    padding = draw(st.integers(0, 2))
    for n, k in zip(shape, kernel, strict=True):
        assume(n + 2 * padding >= dilation * (k - 1) + 1)
    rng = np.random.default_rng(draw(st.integers(0, 2**31)))
    return rng.normal(size=shape), rng.normal(size=kernel), stride, padding, dilation


@given(small_convs())
def test_matrix_times_input_is_the_convolution(case):
    x, w, stride, padding, dilation = case
    matrix = ce.conv_matrix(x.shape, w, stride, padding, dilation)
    op = ce.conv1d if x.ndim == 1 else ce.conv2d
    expected = op(x[None], w[None, None], stride=stride, padding=padding, dilation=dilation)[0]
    np.testing.assert_allclose(matrix @ x.ravel(), expected.ravel(), atol=1e-10)


@given(small_convs())
def test_matrix_transpose_is_the_transposed_convolution(case):
    x, w, stride, padding, dilation = case
    matrix = ce.conv_matrix(x.shape, w, stride, padding, dilation)
    geometry = ce.conv_geometry(x.shape, w.shape, stride, padding, dilation)
    output_padding = tuple(
        (n + 2 * padding - dilation * (k - 1) - 1) % stride
        for n, k in zip(x.shape, w.shape, strict=True)
    )
    assume(all(op < max(stride, dilation) for op in output_padding))
    y = np.random.default_rng(1).normal(size=geometry.output_size)
    op = ce.conv_transpose1d if x.ndim == 1 else ce.conv_transpose2d
    pick = (lambda v: v[0]) if x.ndim == 1 else (lambda v: v)
    back = op(
        y[None],
        w[None, None],
        stride=stride,
        padding=padding,
        output_padding=pick(output_padding),
        dilation=dilation,
    )[0]
    np.testing.assert_allclose(matrix.T @ y.ravel(), back.ravel(), atol=1e-10)


@given(
    st.integers(1, 6),
    st.integers(1, 6),
    st.integers(1, 4),
    st.integers(1, 3),
    st.integers(0, 2),
    st.integers(1, 2),
)
def test_overlap_counts_match_the_scatter_trace(height, width, k, s, p, d):
    size = [(n - 1) * s - 2 * p + d * (k - 1) + 1 for n in (height, width)]
    assume(min(size) >= 1)
    counts = ce.overlap_counts((height, width), k, s, p, 0, d)
    trace = ce.scatter_trace(np.ones((height, width)), np.ones((k, k)), s, p, 0, d)
    assert counts.sum() == trace.inside.sum(), "pairs landing inside the output"
    from_trace = np.zeros(trace.geometry.output_size)
    np.add.at(from_trace, tuple(trace.targets[trace.inside].T), 1)
    np.testing.assert_array_equal(counts, from_trace)


def test_checkerboard_when_stride_does_not_divide_kernel():
    one = ce.overlap_counts((6, 6), 3, 2)
    assert set(np.unique(one[2:-2, 2:-2])) == {1.0, 2.0, 4.0}
    even = ce.overlap_counts((6, 6), 4, 2)
    assert set(np.unique(even[2:-2, 2:-2])) == {4.0}
    two = ce.overlap_counts((4, 4), 3, 2, layers=2)
    assert two.shape == (19, 19) and len(np.unique(two[4:-4, 4:-4])) > 3


def test_zero_insert_and_nearest_upsampling():
    x = np.array([[1.0, 2.0], [3.0, 4.0]])
    np.testing.assert_array_equal(ce.zero_insert(x, 2), [[1, 0, 2], [0, 0, 0], [3, 0, 4]])
    np.testing.assert_array_equal(
        ce.upsample_nearest(x, 2), [[1, 1, 2, 2], [1, 1, 2, 2], [3, 3, 4, 4], [3, 3, 4, 4]]
    )
    # resize-then-convolve spreads evenly: interior counts are uniform
    spread = ce.conv2d(ce.upsample_nearest(np.ones((4, 4)), 2)[None], np.ones((1, 1, 3, 3)))
    assert len(np.unique(spread)) == 1


def test_transposed_conv_is_zero_insertion_then_flipped_conv():
    rng = np.random.default_rng(5)
    x, w = rng.normal(size=(4, 5)), rng.normal(size=(3, 3))
    inserted = ce.zero_insert(x, 2)
    expected = ce.conv2d(inserted[None], w[::-1, ::-1][None, None], padding=2)[0, 0]
    got = ce.conv_transpose2d(x[None], w[None, None], stride=2)[0, 0]
    np.testing.assert_allclose(got, expected, atol=1e-12)
