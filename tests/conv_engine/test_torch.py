"""The engine and the pages' numbers against PyTorch itself (skipped without torch; CI has it)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import conv_engine as ce

from ..frameworks import framework
from .strategies import conv_cases, transpose_cases

torch = framework("torch")
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


def test_every_reachable_transposed_page_setting_matches_pytorch():
    """The Transposed page's matrix Cᵀ and both animations against ConvTranspose2d."""
    from conv_engine.presets import input_preset, kernel_preset

    from ..reachable import reachable_settings

    for n, k, s, d, p, op in reachable_settings():
        x = input_preset("count", (n, n)) + 1
        w = kernel_preset("random", k, 1)
        expected = F.conv_transpose2d(
            torch.tensor(x)[None, None], torch.tensor(w)[None, None], None, s, p, op, 1, d
        )[0, 0].numpy()
        args = {"stride": s, "padding": p, "output_padding": op, "dilation": d}
        matrix = ce.conv_transpose_matrix(x.shape, w, **args)
        np.testing.assert_allclose(matrix @ x.ravel(), expected.ravel(), atol=1e-9)
        np.testing.assert_allclose(ce.scatter_trace(x, w, **args).output, expected, atol=1e-9)
        np.testing.assert_allclose(ce.transposed_trace(x, w, **args).output, expected, atol=1e-9)


@given(conv_cases(), st.sampled_from(["reflect", "replicate", "circular"]))
def test_padding_modes_match_pytorchs_f_pad(case, mode):
    """nn.Conv1d/Conv2d with padding_mode: F.pad with the mode, then a conv without
    padding; settings PyTorch refuses are refused by the engine too."""
    sizes = case.x.shape[2:]
    widest = [max(pair) for pair in case.pads]
    engine = ce.conv1d if case.ndim == 1 else ce.conv2d
    pads = [v for pair in reversed(case.pads) for v in pair]
    try:
        padded = F.pad(torch.tensor(case.x), pads, mode=mode)
    except (RuntimeError, NotImplementedError, ValueError):
        refused = mode == "reflect" and any(p >= n for p, n in zip(widest, sizes, strict=True))
        refused |= mode == "circular" and any(p > n for p, n in zip(widest, sizes, strict=True))
        assert refused, (mode, case.pads, sizes)
        with pytest.raises(ce.ConvConfigError):
            engine(case.x, case.weight, case.bias, **case.engine_args(), padding_mode=mode)
        return
    op = F.conv1d if case.ndim == 1 else F.conv2d
    bias = None if case.bias is None else torch.tensor(case.bias)
    expected = op(
        padded, torch.tensor(case.weight), bias, case.stride, 0, case.dilation, case.groups
    )
    got = engine(case.x, case.weight, case.bias, **case.engine_args(), padding_mode=mode)
    np.testing.assert_allclose(got, expected.numpy(), atol=1e-10)


@given(conv_cases(), st.sampled_from(["zeros", "reflect", "replicate", "circular"]))
def test_a_layers_trace_is_pytorchs_layer(case, mode):
    """The Standard and Conv1d pages' layer (C_in, C_out, bias, padding_mode) step by step:
    every step's sum is the output cell of ``nn.Conv1d/Conv2d`` with the same weights."""
    pads = [max(pair) for pair in case.pads]
    sizes = case.x.shape[2:]
    assume(all(b == a for b, a in case.pads))
    assume(all(p < n for p, n in zip(pads, sizes, strict=True)))
    layer_type = torch.nn.Conv1d if case.ndim == 1 else torch.nn.Conv2d
    weight = torch.tensor(case.weight)
    layer = layer_type(
        weight.shape[1],
        weight.shape[0],
        tuple(weight.shape[2:]),
        case.stride,
        tuple(pads),
        case.dilation,
        bias=case.bias is not None,
        padding_mode=mode,
        dtype=torch.float64,
    )
    with torch.no_grad():
        layer.weight.copy_(weight)
        if case.bias is not None:
            layer.bias.copy_(torch.tensor(case.bias))
        expected = layer(torch.tensor(case.x[:, : weight.shape[1]]))[0].numpy()
    trace = ce.layer_trace(
        case.x[0, : weight.shape[1]],
        case.weight,
        case.bias,
        case.stride,
        tuple(pads),
        case.dilation,
        case.ndim,
        mode,
    )
    steps = [trace.step(n) for n in range(trace.num_steps)]
    sums = np.array([frame.products.sum() + frame.bias for frame in steps])
    np.testing.assert_allclose(sums.reshape(expected.shape), expected, atol=1e-10)
