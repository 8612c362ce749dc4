"""Keras models through ``model.to_json()``: every layer's output size is the real model's
(skipped without Keras; CI has it)."""

from __future__ import annotations

import pytest

from conv_engine.model_fields import model_rows
from conv_engine.model_text import parse_model

from ..frameworks import framework

keras = framework("keras")
layers = keras.layers


@pytest.mark.parametrize("axis", [0, 1])
def test_a_keras_models_sizes_are_its_own(axis):
    """Along the height or the width (the layers' settings differ by axis)."""
    model = keras.Sequential(
        [
            keras.Input((33, 29, 3)),
            layers.ZeroPadding2D(((2, 1), (0, 3))),
            layers.Conv2D(8, (5, 3), strides=(2, 1), padding="valid"),
            layers.BatchNormalization(),
            layers.ReLU(),
            layers.MaxPooling2D((3, 2), strides=2, padding="same"),
            layers.Conv2D(8, 3, padding="same", dilation_rate=(2, 1)),
            layers.Conv2DTranspose(4, (3, 2), strides=(2, 3), padding="same"),
            layers.Conv2DTranspose(4, 4, strides=2, padding="valid", output_padding=(1, 0)),
            layers.AveragePooling2D(2),
            layers.GlobalAveragePooling2D(),
            layers.Dense(3),
        ]
    )
    parsed = parse_model(model.to_json(), axis)
    rows = model_rows(parsed, (33, 29)[axis])
    spatial = [
        layer.output.shape[1 + axis]
        for layer in model.layers
        if type(layer).__name__
        in ("ZeroPadding2D", "Conv2D", "MaxPooling2D", "Conv2DTranspose", "AveragePooling2D")
    ]
    assert [row.output_size for row in rows] == spatial
    assert "GlobalAveragePooling2D" in str(parsed.end)
    passing = [layer.type for layer in parsed.layers if not layer.geometric]
    assert passing == ["BatchNormalization", "ReLU"]


def test_a_keras_residual_block_names_its_shortcut():
    inputs = keras.Input((16, 16, 4))
    main = layers.Conv2D(4, 3, padding="same", name="main_a")(inputs)
    main = layers.Conv2D(4, 3, strides=2, padding="same", name="main_b")(main)
    shortcut = layers.Conv2D(4, 1, strides=2, name="shortcut_conv")(inputs)
    merged = layers.Add(name="merge")([main, shortcut])
    out = layers.Conv2D(4, 3, padding="same", name="after")(merged)
    parsed = parse_model(keras.Model(inputs, out).to_json())
    assert [layer.name for layer in parsed.stack] == ["main_a", "main_b", "after"]
    assert [layer.name for layer in parsed.side] == ["shortcut_conv"]
    rows = model_rows(parsed, 16)
    assert [row.output_size for row in rows] == [16, 8, 8]
