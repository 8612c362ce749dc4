"""Transposed conv: scatter definition, adjointness with conv, the article's size chain."""

from __future__ import annotations

import numpy as np
from hypothesis import assume, given

import conv_engine as ce
from conv_engine.reference import conv_transpose1d_reference, conv_transpose2d_reference
from tests.naive import naive_conv_transpose

from .strategies import conv_cases, transpose_cases


def run_transposed(case, x=None):
    op = ce.conv_transpose1d if case.ndim == 1 else ce.conv_transpose2d
    return op(case.x if x is None else x, case.weight, case.bias, **case.engine_args())


def naive_of(case):
    """The case by the scatter definition written in the tests."""
    return naive_conv_transpose(
        case.x,
        case.weight,
        case.bias,
        case.stride,
        case.padding,
        case.output_padding,
        case.dilation,
        case.groups,
    )


@given(transpose_cases())
def test_fast_path_equals_scatter_definition(case):
    expected = naive_of(case)
    got = run_transposed(case)
    assert got.shape == expected.shape
    np.testing.assert_allclose(got, expected, rtol=1e-10, atol=1e-10)


@given(transpose_cases(max_size=4))
def test_engine_reference_equals_scatter_definition(case):
    reference = conv_transpose1d_reference if case.ndim == 1 else conv_transpose2d_reference
    got = reference(case.x, case.weight, case.bias, **case.engine_args())
    expected = naive_of(case)
    np.testing.assert_allclose(got, expected, rtol=1e-10, atol=1e-10)


@given(conv_cases())
def test_conv_and_transposed_conv_are_adjoint(case):
    """<conv(x), y> = <x, conv_transpose(y)>, with output_padding picking x's size back."""
    # PyTorch's transposed padding is symmetric: asymmetric pads have no twin
    assume(all(b == a for b, a in case.pads))
    conv = ce.conv1d if case.ndim == 1 else ce.conv2d
    args = case.engine_args()
    y_shape = conv(case.x, case.weight, **args).shape
    rng = np.random.default_rng(0)
    y = rng.normal(size=y_shape)
    pads = tuple(b for b, _ in case.pads)
    output_padding = tuple(
        (n + 2 * p - d * (k - 1) - 1) % s
        for n, p, d, k, s in zip(
            case.x.shape[2:], pads, case.dilation, case.weight.shape[2:], case.stride, strict=True
        )
    )
    # an input size a legal output_padding cannot reach back to has no twin
    assume(
        all(
            op < max(s, d)
            for op, s, d in zip(output_padding, case.stride, case.dilation, strict=True)
        )
    )
    transpose = ce.conv_transpose1d if case.ndim == 1 else ce.conv_transpose2d
    squeeze = (lambda v: v[0]) if case.ndim == 1 else (lambda v: v)
    back = transpose(
        y,
        case.weight,
        None,
        squeeze(case.stride),
        squeeze(pads),
        squeeze(output_padding),
        case.groups,
        squeeze(case.dilation),
    )
    assert back.shape == case.x.shape
    lhs = np.vdot(conv(case.x, case.weight, **args), y)
    rhs = np.vdot(case.x, back)
    assert np.isclose(lhs, rhs, rtol=1e-9, atol=1e-9), f"{lhs} != {rhs}"


def test_article_chain_7_15_31():
    """Keras Conv2DTranspose(F=3, S=2, 'valid'): 7 → 15 → 31."""
    assert ce.conv_transpose_output_size(7, 3, stride=2) == 15
    assert ce.conv_transpose_output_size(15, 3, stride=2) == 31
    x = np.ones((1, 1, 7, 7))
    w = np.ones((1, 1, 3, 3))
    once = ce.conv_transpose2d(x, w, stride=2, padding="valid")
    twice = ce.conv_transpose2d(once, w, stride=2)
    assert once.shape == (1, 1, 15, 15) and twice.shape == (1, 1, 31, 31)


def test_output_padding_adds_far_end_cells_with_real_contributions():
    x = np.arange(1.0, 5.0).reshape(1, 1, 4)
    w = np.array([[[1.0, 10.0, 100.0]]])
    plain = ce.conv_transpose1d(x, w, stride=2, padding=1)
    padded = ce.conv_transpose1d(x, w, stride=2, padding=1, output_padding=1)
    assert plain.shape[-1] == 7 and padded.shape[-1] == 8
    np.testing.assert_array_equal(padded[..., :7], plain)
    assert padded[0, 0, 7] == 400.0, "the extra cell is the last stamp's tail, not a zero"


def test_stride_maps_several_sizes_to_one_and_back():
    sizes = ce.input_sizes_for_output(4, kernel_size=3, stride=2, padding=1)
    assert list(sizes) == [7, 8]
    for extra, size in enumerate(sizes):
        assert ce.conv_output_size(size, 3, 2, 1) == 4
        assert ce.conv_transpose_output_size(4, 3, 2, 1, output_padding=extra) == size


def test_checkerboard_overlap_is_uneven_when_stride_does_not_divide_kernel():
    ones = np.ones((1, 1, 6))
    counts = ce.conv_transpose1d(ones, np.ones((1, 1, 3)), stride=2)[0, 0]
    assert set(counts[2:-2].tolist()) == {1.0, 2.0}
    even = ce.conv_transpose1d(ones, np.ones((1, 1, 4)), stride=2)[0, 0]
    assert set(even[2:-2].tolist()) == {2.0}
