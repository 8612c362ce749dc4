"""The receptive-field lab's Paste a model (issue 29), as a student pastes: PyTorch's
printed text becomes the lab's stack and every number follows it; a model with transposed
layers gets its own exact table; hostile pastes are sentences and leave the page usable."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app.test_pages import run_page

PAGE = "app_pages/receptive-field.py"

# torchvision's resnet18 as print(model) shows its stem and first stages (shortened)
ROOT = Path(__file__).resolve().parents[2]
RESNET_STEM = (ROOT / "assets" / "models" / "resnet18-stem.txt").read_text(encoding="utf-8")

UNET_DECODER = """Sequential(
  (0): Conv2d(16, 16, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))
  (1): ConvTranspose2d(16, 8, kernel_size=(2, 2), stride=(2, 2))
  (2): Conv2d(8, 8, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))
)"""


def _paste(at, text: str):
    at.text_area(key="receptive-field_paste").input(text).run()
    return at


def _text(at) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [e.value for e in at.success] + [e.value for e in at.info]
    return "\n".join(parts)


def test_a_printed_resnet_stem_becomes_the_labs_stack():
    at = _paste(run_page(PAGE, {"n": "224"}), RESNET_STEM)
    assert not at.exception, at.exception
    said = _text(at)
    assert "6 layers on the main path are now the lab's stack" in said, said
    # conv1 7/2: r 7; maxpool 3/2: + 2·2; layer1's two 3×3: + 2·4 each; layer2's 3×3/2:
    # + 2·4, then its 3×3: + 2·8 — r = 7 + 4 + 16 + 8 + 16 = 51, j = 2·2·2 = 8
    assert "**r = 51, j = 8, start = -25**" in said, said
    assert "layer2.0" in said and "shortcut" in said  # the downsample named, not stacked
    assert "AdaptiveAvgPool2d" in said  # where the stack ends
    # the paste's layer list: "name · type", its role (under the lab's own table)
    table = next(d.value for d in at.dataframe if "in the stack" in d.value.columns)
    roles = dict(zip(table.iloc[:, 0], table.iloc[:, 1], strict=True))
    assert roles["bn1 · BatchNorm2d"] == "passes through" and roles["conv1 · Conv2d"] == "row 1"
    assert roles["layer2.0.downsample.0 · Conv2d"].startswith("beside the main path (layer2.0)")
    assert at.query_params["layers"].startswith("conv:7:2:1:3;pool:3:2:1:1;conv:3:1:1:1")


INCEPTION_7X1 = """Sequential(
  (0): Conv2d(192, 128, kernel_size=(1, 7), stride=(1, 1), padding=(0, 3), bias=False)
  (1): Conv2d(128, 192, kernel_size=(7, 1), stride=(2, 1), padding=(3, 0), bias=False)
)"""


def test_a_paste_is_read_along_the_axis_chosen():
    """Inception-v3's 1 × 7 then 7 × 1 (stride 2 down the height): each axis its own stack."""
    at = _paste(run_page(PAGE, {"n": "32"}), INCEPTION_7X1)
    assert not at.exception, at.exception
    assert at.query_params["layers"] == "conv:1:1:1:0;conv:7:2:1:3"
    at.radio(key="receptive-field_paste_axis").set_value(1).run()
    assert not at.exception, at.exception
    assert at.query_params["layers"] == "conv:7:1:1:3;conv:1:1:1:0"
    assert "**r = 7, j = 1, start = -3**" in _text(at)


def test_a_model_with_a_transposed_layer_gets_its_exact_table():
    at = _paste(run_page(PAGE, {"n": "16"}), UNET_DECODER)
    assert not at.exception, at.exception
    said = _text(at)
    assert "Their fields are in the table under the lab" in said
    table = next(
        d.value for d in at.dataframe if "jump j" in d.value.columns and "name" in d.value.columns
    )
    assert list(table["output size"]) == [16, 32, 32]
    assert list(table["jump j"]) == ["1", "1/2", "1/2"]


@pytest.mark.parametrize(
    "paste",
    [
        "just some words",
        '{"config": 3}',
        "  (0): Conv2d(3, 8, kernel_size=(70000, 3), stride=(1, 1))",
        "x" * 250_000,
    ],
)
def test_a_hostile_paste_is_a_sentence_and_the_lab_still_works(paste):
    at = run_page(PAGE)
    before = at.query_params["layers"]
    at = _paste(at, paste[:200_000])
    assert not at.exception, at.exception
    assert at.error, "a sentence says what was wrong"
    assert at.query_params["layers"] == before  # the stack is untouched
    assert "**r = " in _text(at)  # and the lab still shows its numbers


def test_real_pytorch_models_printed_and_pasted_give_their_own_sizes_and_fields():
    """AlexNet's features and a U-Net decoder, built in PyTorch, printed and pasted as a
    student would: every layer's output size is the real model's; AlexNet's field is 195."""
    from tests.conv_engine.test_model_frameworks import _shapes, alexnet_features, unet_decoder

    alexnet = alexnet_features()
    at = _paste(run_page(PAGE, {"n": "224"}), str(alexnet))
    assert not at.exception, at.exception
    lab = next(d.value for d in at.dataframe if "RF span r" in d.value.columns)
    assert list(lab["output size"]) == _shapes(alexnet, 224, 2)
    assert list(lab["RF span r"])[-1] == 195
    decoder = unet_decoder()
    at = _paste(run_page(PAGE, {"n": "12"}), str(decoder))
    assert not at.exception, at.exception
    table = next(d.value for d in at.dataframe if "name" in d.value.columns)
    assert list(table["output size"]) == _shapes(decoder, 12, 2)
