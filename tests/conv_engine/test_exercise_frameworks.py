"""Every exercise asks about a layer that PyTorch or Keras builds, with the size it says.

A question on ``padding='same'`` with strides > 1 and dilation > 1 is one no framework
builds (PyTorch's 'same' refuses stride > 1, Keras refuses strides with dilation): the
exercises must not ask it.
"""

from __future__ import annotations

import numpy as np
import pytest

import conv_engine as ce
from conv_engine.exercises import TOPICS, question_set

from ..frameworks import framework

torch = framework("torch")
keras = framework("keras")


def _torch_length(setting) -> int | None:
    """The output side PyTorch's nn.Conv1d/2d gives for the setting, or None if refused."""
    padding = setting.padding
    if padding == "full":
        padding = setting.dilation * (setting.kernel_size - 1)
    if padding == "causal":
        return None
    conv = torch.nn.Conv1d if setting.ndim == 1 else torch.nn.Conv2d
    try:
        layer = conv(1, 1, setting.kernel_size, setting.stride, padding, setting.dilation)
        x = torch.zeros((1, 1) + (setting.size,) * setting.ndim)
        return int(layer(x).shape[-1])
    except (ValueError, RuntimeError):
        return None


def _keras_length(setting) -> int | None:
    """The output side Keras' Conv1D/Conv2D gives (ints and FULL as ZeroPadding), or None."""
    padding, pads = setting.padding, 0
    if padding == "full":
        pads = setting.dilation * (setting.kernel_size - 1)
    if isinstance(padding, int):
        pads = padding
    if pads or padding == "full":
        padding = "valid"
    conv = keras.layers.Conv1D if setting.ndim == 1 else keras.layers.Conv2D
    try:
        layer = conv(
            1,
            setting.kernel_size,
            strides=setting.stride,
            padding=padding,
            dilation_rate=setting.dilation,
        )
        side = setting.size + 2 * pads
        return int(layer(np.zeros((1,) + (side,) * setting.ndim + (1,), "float32")).shape[1])
    except ValueError:
        return None


@pytest.mark.parametrize("topic", TOPICS)
def test_every_exercise_layer_is_built_by_a_framework(topic):
    for seed in range(0, 400, 7):
        for question in question_set(topic, 6, seed):
            setting = question.setting
            if setting is None or setting.transposed:
                continue
            expected = ce.conv_output_size(
                setting.size,
                setting.kernel_size,
                setting.stride,
                setting.padding,
                setting.dilation,
            )
            built = [_torch_length(setting), _keras_length(setting)]
            assert any(length is not None for length in built), (topic, seed, question.prompt)
            assert all(length in (None, expected) for length in built), (question.prompt, built)


def test_the_issues_unbuildable_question_is_gone():
    """/exercises?topic=conv1d&q=5&seed=5, Q2 asked about 'same' with s = 2 and d = 2."""
    for question in question_set("conv1d", 5, 5):
        setting = question.setting
        if setting is not None and setting.padding in ("same", "causal"):
            assert setting.stride == 1 or setting.dilation == 1, question.prompt
