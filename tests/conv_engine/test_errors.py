"""Every impossible configuration raises ConvConfigError naming the parameter and the rule."""

from __future__ import annotations

import numpy as np
import pytest

import conv_engine as ce
from conv_engine.errors import check_int

X1 = np.ones((1, 2, 6))
W1 = np.ones((3, 2, 3))
X2 = np.ones((1, 2, 5, 5))
W2 = np.ones((3, 2, 3, 3))

CASES = [
    ("kernel extent 7", lambda: ce.conv1d(X1, np.ones((3, 2, 3)), dilation=3)),
    ("padded input length 6", lambda: ce.conv1d(X1, np.ones((3, 2, 3)), dilation=3)),
    ("stride", lambda: ce.conv1d(X1, W1, stride=0)),
    ("stride", lambda: ce.conv2d(X2, W2, stride=(1, -1))),
    ("dilation", lambda: ce.conv2d(X2, W2, dilation=0)),
    (
        "groups=2 must divide the number of output channels",
        lambda: ce.conv1d(X1, np.ones((3, 1, 3)), groups=2),
    ),
    ("groups=4 must divide the number of input channels", lambda: ce.conv1d(X1, W1, groups=4)),
    ("groups", lambda: ce.conv1d(X1, W1, groups=0)),
    ("weight must have shape", lambda: ce.conv2d(X2, np.ones((3, 2, 3)))),
    ("weight has 3 input channels", lambda: ce.conv1d(X1, np.ones((3, 3, 3)))),
    ("input must have shape", lambda: ce.conv2d(np.ones(5), W2)),
    ("bias must have shape", lambda: ce.conv1d(X1, W1, bias=np.ones(2))),
    ("padding", lambda: ce.conv1d(X1, W1, padding=-1)),
    ("padding", lambda: ce.conv2d(X2, W2, padding=((1, -2), (0, 0)))),
    ("padding 'sideways'", lambda: ce.conv1d(X1, W1, padding="sideways")),
    ("padding 'causal' applies only to 1-D", lambda: ce.conv2d(X2, W2, padding="causal")),
    ("padding", lambda: ce.conv2d(X2, W2, padding=(1, 2, 3))),
    ("padding", lambda: ce.conv1d(X1, W1, padding=1.5)),
    ("finite", lambda: ce.conv1d(np.full((1, 2, 6), np.nan), W1)),
    ("finite", lambda: ce.conv1d(X1, np.full((3, 2, 3), np.inf))),
    ("real numbers", lambda: ce.conv1d(np.array([["a", "b"]]), np.ones((1, 1, 1)))),
    (
        "output_padding 2 must be smaller than max(stride, dilation) = 2",
        lambda: ce.conv_transpose1d(X1, np.ones((2, 1, 3)), stride=2, output_padding=2),
    ),
    ("output_padding", lambda: ce.conv_transpose2d(X2, np.ones((2, 1, 3, 3)), output_padding=1)),
    (
        "padding 'same' does not apply to a transposed",
        lambda: ce.conv_transpose1d(X1, np.ones((2, 1, 3)), padding="same"),
    ),
    (
        "padding 4 crops the whole transposed output",
        lambda: ce.conv_transpose1d(np.ones((1, 1, 1)), np.ones((1, 1, 3)), padding=4),
    ),
    (
        "weight must have shape (C_in, C_out/groups, k)",
        lambda: ce.conv_transpose1d(X1, np.ones((3, 1, 3))),
    ),
    ("kernel_size", lambda: ce.conv_output_size(5, 0)),
    ("input_size", lambda: ce.conv_output_size(0, 3)),
    ("input_size", lambda: ce.conv_output_size(-5, 3)),
    ("kernel_size must be a whole number", lambda: ce.conv_output_size(5, "abc")),
    ("stride", lambda: ce.conv_transpose_output_size(5, 3, stride=0)),
    (
        "num_heads=3 must divide the number of channels (4)",
        lambda: ce.lightweight_conv1d(np.ones((4, 5)), np.ones((3, 3))),
    ),
    (
        "padding 'valid' does not apply to a lightweight",
        lambda: ce.lightweight_conv1d(np.ones((4, 5)), np.ones((2, 3)), padding="valid"),
    ),
    (
        "padding 3 (the left pad) must be at most kernel_size − 1 = 2",
        lambda: ce.lightweight_conv1d(np.ones((4, 5)), np.ones((2, 3)), padding=3),
    ),
    (
        "weight must have shape (num_heads·kernel_size, C) = (6, 4)",
        lambda: ce.dynamic_conv1d(np.ones((4, 5)), np.ones((5, 4)), 2, 3),
    ),
    (
        "depthwise_weight",
        lambda: ce.depthwise_separable_conv2d(X2, np.ones((3, 1, 3, 3)), np.ones((4, 3, 1, 1))),
    ),
    (
        "pointwise_weight",
        lambda: ce.depthwise_separable_conv2d(X2, np.ones((2, 1, 3, 3)), np.ones((4, 3, 1, 1))),
    ),
    ("stride", lambda: ce.Layer(3, stride=0)),
    ("kernel_size", lambda: ce.Layer(-5)),
    ("layer 2 must be a Layer", lambda: ce.receptive_field([ce.Layer(3), "conv"])),
]


@pytest.mark.parametrize(("fragment", "call"), CASES, ids=[c[0][:40] for c in CASES])
def test_message_names_the_parameter(fragment, call):
    with pytest.raises(ce.ConvConfigError) as info:
        call()
    assert fragment in str(info.value), f"message {str(info.value)!r} lacks {fragment!r}"
    assert isinstance(info.value, ValueError), "ConvConfigError is a ValueError"


def test_the_documented_example_sentence():
    with pytest.raises(ce.ConvConfigError) as info:
        ce.conv_output_size(6, 3, dilation=3)
    assert str(info.value) == (
        "kernel extent 7 (k=3, d=3) exceeds the padded input length 6: "
        "increase padding or input size, or reduce k or d"
    )


@pytest.mark.parametrize(
    ("value", "sentence"),
    [
        (0, "count must be at least 1, got 0"),
        (13, "count must be at most 12, got 13"),
        (2.5, "count must be a whole number, got 2.5"),
    ],
)
def test_check_int_names_the_bound_a_value_breaks(value, sentence):
    with pytest.raises(ce.ConvConfigError, match=sentence):
        check_int("count", value, 1, 12)
    assert check_int("count", 12, 1, 12) == 12
    assert check_int("count", 12.0, 1, 12) == 12
