"""Pasted models, read without any framework: the fields of a printed conv/pool stack are
the lab's recurrence, Keras JSON is read as Keras writes it, and hostile pastes are
sentences."""

from __future__ import annotations

import json
import random

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import conv_engine as ce
from conv_engine.model_fields import model_rows, model_span, model_support
from conv_engine.model_text import MAX_TEXT, parse_model


def _printed(layers: list[ce.Layer]) -> str:
    """A stack as ``print(nn.Sequential(...))`` writes it (2-D, square)."""
    lines = ["Sequential("]
    for index, layer in enumerate(layers):
        k, s, d, p = layer.kernel_size, layer.stride, layer.dilation, layer.padding
        if layer.kind == "pool":
            lines.append(
                f"  ({index}): MaxPool2d(kernel_size={k}, stride={s}, padding={p}, "
                f"dilation={d}, ceil_mode=False)"
            )
        else:
            extra = (f", padding=({p}, {p})" if p else "") + (
                f", dilation=({d}, {d})" if d > 1 else ""
            )
            lines.append(
                f"  ({index}): Conv2d(8, 8, kernel_size=({k}, {k}), stride=({s}, {s}){extra})"
            )
        lines.append(f"  ({index}x): ReLU(inplace=True)")
    lines.append(")")
    return "\n".join(lines)


@st.composite
def stacks(draw):
    layers = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["conv", "conv", "pool"]))
        k = draw(st.integers(1, 5))
        p = draw(st.integers(0, (k - 1) // 2)) if kind == "pool" else draw(st.integers(0, 3))
        layers.append(ce.Layer(k, draw(st.integers(1, 3)), draw(st.integers(1, 3)), p, kind))
    return layers


@given(stacks(), st.integers(40, 200))
def test_a_printed_stacks_fields_are_the_labs_recurrence(layers, size):
    try:
        expected = ce.receptive_field(layers, size)
    except ce.ConvConfigError:
        with pytest.raises(ce.ConvConfigError):
            model_rows(parse_model(_printed(layers)), size)
        return
    model = parse_model(_printed(layers))
    assert [m.layer for m in model.stack] == layers
    rows = model_rows(model, size)
    assert [(r.size, r.start, r.jump, r.output_size) for r in rows] == [
        (e.size, e.start, e.jump, e.output_size) for e in expected
    ]
    last = expected[-1]
    for position in {0, last.output_size - 1}:
        assert model_span(rows, position) == last.span(position)
        cells = model_support(rows, position)
        np.testing.assert_array_equal(
            cells, np.flatnonzero(ce.support_counts(layers, size, position))
        )


def keras_layer(class_name: str, **config: object) -> dict:
    """One layer as a Sequential model's JSON lists it."""
    return {"class_name": class_name, "config": config}


K3_S2 = {"kernel_size": [3, 3], "strides": [2, 2], "dilation_rate": [1, 1]}
KERAS_SEQUENTIAL = {
    "module": "keras",
    "class_name": "Sequential",
    "config": {
        "name": "sequential",
        "layers": [
            keras_layer("InputLayer", batch_shape=[None, 32, 32, 3]),
            keras_layer("ZeroPadding2D", name="pad", padding=[[1, 2], [1, 1]]),
            keras_layer("Conv2D", name="c1", padding="valid", **K3_S2),
            keras_layer("BatchNormalization", name="bn"),
            keras_layer("MaxPooling2D", name="p1", pool_size=[2, 2], strides=None, padding="same"),
            keras_layer("Conv2DTranspose", name="up", padding="same", output_padding=None, **K3_S2),
            keras_layer("Flatten", name="flat"),
            keras_layer("Dense", name="dense", units=10),
        ],
    },
}


def test_keras_json_is_read_as_keras_writes_it():
    model = parse_model(json.dumps(KERAS_SEQUENTIAL))
    assert model.form == "keras"
    assert [layer.name for layer in model.stack] == ["pad", "c1", "p1", "up"]
    assert "flat" in str(model.end)
    rows = model_rows(model, 32)
    # pad 1 + 2: 35; conv k3 s2: 17; pool 2 'same': ⌈17/2⌉ = 9; 'same' transposed s2: 18
    assert [row.output_size for row in rows] == [35, 17, 9, 18]


def test_a_functional_models_shortcut_is_a_side_path():
    def layer(name, class_name, inbound, **config):
        nodes = [{"args": [{"config": {"keras_history": [p, 0, 0]}} for p in inbound]}]
        return {
            "class_name": class_name,
            "config": {"name": name, **config},
            "inbound_nodes": nodes if inbound else [],
        }

    conv = {"kernel_size": [3, 3], "strides": [1, 1], "padding": "same", "dilation_rate": 1}
    layers = [
        layer("in", "InputLayer", []),
        layer("a", "Conv2D", ["in"], **conv),
        layer("b", "Conv2D", ["a"], **conv),
        layer("short", "Conv2D", ["in"], **{**conv, "kernel_size": [1, 1]}),
        layer("add", "Add", ["b", "short"]),
        layer("c", "Conv2D", ["add"], **conv),
    ]
    model = parse_model(json.dumps({"class_name": "Functional", "config": {"layers": layers}}))
    assert [m.name for m in model.stack] == ["a", "b", "c"]
    assert [m.name for m in model.side] == ["short"] and "add" in str(model.notes[0])


@pytest.mark.parametrize(
    ("paste", "says"),
    [
        ("", "empty"),
        ("   \n\t ", "empty"),
        ("x" * (MAX_TEXT + 1), "more than"),
        ("\x00\x01\x02 binary", "not text"),
        ("{not json", "starts like JSON but is not"),
        ('{"config": {}}', "not a Keras model"),
        ("hello world\nthis is not a model", "no convolution"),
        ("  (0): Conv2d(3, 8, kernel_size=(99999999, 3), stride=(1, 1))", "outside"),
        ("  (0): Conv2d(3, 8, kernel_size=(3, 3), stride=(0, 0))", "outside"),
        ("  (0): FancyAttention(dim=64)", "not a layer the lab knows"),
    ],
)
def test_a_hostile_paste_is_a_sentence(paste, says):
    with pytest.raises(ce.ConvConfigError, match=says):
        parse_model(paste)


def test_ten_thousand_layers_and_random_bytes_are_sentences():
    many = "\n".join(
        f"  ({i}): Conv2d(1, 1, kernel_size=(1, 1), stride=(1, 1))" for i in range(10_000)
    )
    with pytest.raises(ce.ConvConfigError, match="more than"):
        parse_model(many)
    few = "\n".join(f"({i}): Conv2d(1, 1, kernel_size=1)" for i in range(500))
    with pytest.raises(ce.ConvConfigError, match="main path, more than"):
        parse_model(few)
    rng = random.Random(7)
    for _ in range(20):
        noise = "".join(chr(rng.randrange(1, 0x2FFF)) for _ in range(rng.randrange(1, 3000)))
        with pytest.raises(ce.ConvConfigError):
            parse_model(noise)


def test_an_unreadable_line_is_named_and_the_rest_is_read():
    text = (
        "Sequential(\n  (0): Conv2d(1, 1, kernel_size=(3, 3), stride=(1, 1))\n"
        "  (1): Upsample(scale_factor=2.0, mode='nearest')\n  (2): what is this\n)"
    )
    model = parse_model(text)
    assert len(model.stack) == 1
    said = [str(problem) for problem in model.problems]
    assert said[0].startswith("line 3: Upsample was not read") and said[1].startswith("line 4")
