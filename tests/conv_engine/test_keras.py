"""Keras' transposed-convolution rules, as the Transposed page states them, against Keras 3."""

from __future__ import annotations

import numpy as np
import pytest

import conv_engine as ce
from ui.transposed import reachable_settings

from ..frameworks import framework
from ..naive import keras_transpose_length

keras = framework("keras")


def _keras_length(n, k, s, padding, output_padding, d):
    """The output length Keras' own Conv2DTranspose gives, or None if it refuses."""
    try:
        layer = keras.layers.Conv2DTranspose(
            1,
            (1, k),
            strides=(1, s),
            padding=padding,
            output_padding=(None if output_padding is None else (0, output_padding)),
            dilation_rate=(1, d),
        )
        return int(layer(np.ones((1, 1, n, 1), dtype="float32")).shape[2])
    except ValueError:
        return None


SETTINGS = sorted({(n, k, s, d, op) for n, k, s, d, _, op in reachable_settings()})


@pytest.mark.parametrize("padding", ["valid", "same"])
def test_keras_sizes_and_refusals_match_keras(padding):
    for n, k, s, d, op in SETTINGS[::3]:
        for output_padding in (None, op):
            real = _keras_length(n, k, s, padding, output_padding, d)
            assert keras_transpose_length(n, k, s, padding, output_padding, d) == real
            try:
                ours = ce.keras_conv_transpose_output_size(n, k, s, padding, output_padding, d)
            except ce.ConvConfigError:
                ours = None
            assert ours == real, (n, k, s, d, padding, output_padding)
