"""The Standard and Conv1d pages as layers, swept over the channel controls: every channel
count, bias and padding fill the controls reach, each padding rule, against PyTorch's own
``nn.Conv2d`` / ``nn.Conv1d`` (skipped without torch; CI has it)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

import conv_engine as ce
from ui.channels import MAX_CHANNELS
from ui.conv1d import Conv1dSpec, conv1d_layer, conv1d_layer_arrays
from ui.conv2d import Conv2dSpec, conv2d_layer, conv2d_layer_arrays

from ..frameworks import framework

torch = framework("torch")

CHANNELS = range(1, MAX_CHANNELS + 1)
RULES = ("valid", "same", "full")


def _pytorch(x, weight, bias, stride, pads, dilation, mode):
    """The layer as PyTorch computes it: padded by F.pad (a copying mode, or zeros), then
    ``nn.Conv{1,2}d`` with the page's weights."""
    ndim = x.ndim - 1
    flat = [v for pair in reversed(pads) for v in pair]
    padded = torch.nn.functional.pad(
        torch.tensor(x)[None], flat, mode="constant" if mode == "zeros" else mode
    )
    layer_type = torch.nn.Conv1d if ndim == 1 else torch.nn.Conv2d
    layer = layer_type(
        weight.shape[1],
        weight.shape[0],
        weight.shape[2:],
        stride,
        0,
        dilation,
        bias=bias is not None,
        dtype=torch.float64,
    )
    with torch.no_grad():
        layer.weight.copy_(torch.tensor(weight))
        if bias is not None:
            layer.bias.copy_(torch.tensor(bias))
        return layer(padded)[0].numpy()


def _steps(layer: ce.LayerTrace) -> np.ndarray:
    """Every step's sum (its products and its bias), in the layer's output shape."""
    sums = [layer.step(n).products.sum() + layer.step(n).bias for n in range(layer.num_steps)]
    return np.array(sums).reshape(layer.output.shape)


@pytest.mark.parametrize(
    ("c_in", "c_out", "bias"), list(itertools.product(CHANNELS, CHANNELS, (False, True)))
)
def test_every_standard_layer_the_controls_reach_is_pytorchs(c_in, c_out, bias):
    for rule, mode, (k, s) in itertools.product(
        RULES, ce.PADDING_MODES, ((1, 1), (2, 2), (3, 1), (3, 2))
    ):
        if rule == "valid" and mode != "zeros":
            continue
        spec = Conv2dSpec(
            5,
            6,
            k,
            s,
            1,
            rule,
            ((0, 0), (0, 0)),
            "random",
            "sobel",
            3,
            "",
            mode,
            c_in,
            c_out,
            bias,
        )
        try:
            layer = conv2d_layer(spec)
        except ce.ConvConfigError:  # reflect needs each pad smaller than the input
            assert mode == "reflect"
            continue
        x, weight, biases = conv2d_layer_arrays(spec)
        assert x.shape == (c_in, 5, 6) and weight.shape == (c_out, c_in, k, k)
        expected = _pytorch(x, weight, biases, s, layer.geometry.padding, 1, mode)
        np.testing.assert_allclose(_steps(layer), expected, atol=1e-9)


@pytest.mark.parametrize(
    ("c_in", "c_out", "bias"), list(itertools.product(CHANNELS, CHANNELS, (False, True)))
)
def test_every_conv1d_layer_the_controls_reach_is_pytorchs(c_in, c_out, bias):
    for rule, mode, (k, s, d) in itertools.product(
        (*RULES, "causal"), ce.PADDING_MODES, ((1, 1, 1), (3, 1, 2), (3, 2, 1), (4, 1, 1))
    ):
        if rule == "valid" and mode != "zeros":
            continue
        spec = Conv1dSpec(9, k, s, d, rule, (0, 0), "random", "sobel", 2, mode, c_in, c_out, bias)
        try:
            layer = conv1d_layer(spec)
        except ce.ConvConfigError:
            assert mode == "reflect"
            continue
        x, weight, biases = conv1d_layer_arrays(spec)
        expected = _pytorch(x, weight, biases, s, layer.geometry.padding, d, mode)
        np.testing.assert_allclose(_steps(layer), expected, atol=1e-9)
