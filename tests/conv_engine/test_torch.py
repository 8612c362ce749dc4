"""Optional: compare against PyTorch when it is importable (CI does not need it)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given

import conv_engine as ce

from .strategies import conv_cases, transpose_cases

torch = pytest.importorskip("torch")
F = torch.nn.functional


@given(conv_cases())
def test_conv_matches_pytorch(case):
    if any(b != a for b, a in case.pads):
        x = torch.nn.functional.pad(
            torch.tensor(case.x), [v for pair in reversed(case.pads) for v in pair]
        )
        padding = 0
    else:
        x, padding = torch.tensor(case.x), tuple(b for b, _ in case.pads)
    op = F.conv1d if case.ndim == 1 else F.conv2d
    bias = None if case.bias is None else torch.tensor(case.bias)
    expected = op(
        x, torch.tensor(case.weight), bias, case.stride, padding, case.dilation, case.groups
    )
    engine = ce.conv1d if case.ndim == 1 else ce.conv2d
    got = engine(case.x, case.weight, case.bias, **case.engine_args())
    np.testing.assert_allclose(got, expected.numpy(), atol=1e-10)


@given(transpose_cases())
def test_conv_transpose_matches_pytorch(case):
    op = F.conv_transpose1d if case.ndim == 1 else F.conv_transpose2d
    bias = None if case.bias is None else torch.tensor(case.bias)
    expected = op(
        torch.tensor(case.x),
        torch.tensor(case.weight),
        bias,
        case.stride,
        case.padding,
        case.output_padding,
        case.groups,
        case.dilation,
    )
    engine = ce.conv_transpose1d if case.ndim == 1 else ce.conv_transpose2d
    got = engine(case.x, case.weight, case.bias, **case.engine_args())
    np.testing.assert_allclose(got, expected.numpy(), atol=1e-10)


def test_pytorch_same_padding_at_stride_one_agrees():
    rng = np.random.default_rng(0)
    x, w = rng.normal(size=(1, 2, 7, 6)), rng.normal(size=(3, 2, 4, 3))
    expected = F.conv2d(torch.tensor(x), torch.tensor(w), padding="same", dilation=(1, 2))
    np.testing.assert_allclose(
        ce.conv2d(x, w, padding="same", dilation=(1, 2)), expected.numpy(), atol=1e-10
    )
