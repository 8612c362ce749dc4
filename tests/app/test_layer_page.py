"""Standard and Conv1d as a layer (issue 28): ``?cin=3&cout=2&bias=1`` draws 3 input maps,
2 kernels of 3 slices and 2 output maps, and every step's sum is the layer's output cell."""

from __future__ import annotations

import numpy as np
import pytest

from tests.app.links import page_text
from tests.app.test_pages import run_page, scenes
from tests.naive import naive_conv
from ui.channels import LAYER_BIASES
from viz.frames import step_view
from viz.scene_contract import problems, unpacked


def _scene(at, chart: str) -> dict:
    return next(spec for key, spec in scenes(at).items() if key.endswith(chart))


def _cells(panel: dict) -> dict[tuple[int, ...], float]:
    """A stack panel's cells by their names (``x[2, 0, 1]`` → (2, 0, 1)); blanks skipped."""
    cells = {}
    for name, text in zip(panel["names"], panel["text"], strict=True):
        if name:
            index = tuple(int(i.replace("−", "-")) for i in name[2:-1].split(", "))
            cells[index] = float(text.replace("−", "-"))
    return cells


def _array(cells: dict) -> np.ndarray:
    """Named cells as an array (padding's negative coordinates left out)."""
    kept = {key: value for key, value in cells.items() if min(key) >= 0}
    array = np.zeros([max(key[axis] for key in kept) + 1 for axis in range(len(next(iter(kept))))])
    for key, value in kept.items():
        array[key] = value
    return array


@pytest.mark.parametrize(
    ("page", "chart", "query", "shapes"),
    [
        (
            "app_pages/standard.py",
            "standard_chart",
            {"cin": "3", "cout": "2", "bias": "1", "k": "3", "h": "5", "w": "6"},
            ((3, 5, 6), (2, 3, 3, 3), (2, 3, 4)),
        ),
        (
            "app_pages/conv1d.py",
            "conv1d_chart",
            {"cin": "2", "cout": "3", "bias": "1", "k": "3", "n": "8", "signal": "random"},
            ((2, 8), (3, 2, 3), (3, 6)),
        ),
    ],
)
def test_the_link_draws_the_layers_volumes_and_every_step_sums_its_output_cell(
    page, chart, query, shapes
):
    at = run_page(page, query)
    assert not at.exception, at.exception
    scene = _scene(at, chart)
    assert problems(scene) == []
    data = unpacked(scene)
    x, w, y = (_array(_cells(panel)) for panel in data["panels"])
    assert (x.shape, w.shape) == shapes[:2]
    bias = np.array(LAYER_BIASES[: w.shape[0]])
    ndim = x.ndim - 1
    expected = naive_conv(x[None], w, bias, (1,) * ndim, ((0, 0),) * ndim, (1,) * ndim, 1)[0]
    assert expected.shape == shapes[2]
    np.testing.assert_allclose(y, expected)  # the drawn output maps
    assert data["steps"] == expected.size
    for step, cell in enumerate(np.ndindex(*expected.shape)):  # channel by channel
        name, total = step_view(data, step).caption[0].split(" = ")[::2]
        assert name == f"y[{', '.join(str(i) for i in cell)}]"
        assert float(total.replace("−", "-")) == pytest.approx(expected[cell]), (step, cell)
    product, weights = "·".join(str(n) for n in shapes[1]), int(np.prod(shapes[1]))
    assert f"{product} + {shapes[1][0]} = {weights + shapes[1][0]}" in page_text(at)


@pytest.mark.parametrize(
    ("page", "chart"),
    [("app_pages/standard.py", "standard_chart"), ("app_pages/conv1d.py", "conv1d_chart")],
)
def test_one_channel_without_bias_is_the_one_map_page(page, chart):
    plain = _scene(run_page(page, {"k": "3"}), chart)
    layer = _scene(run_page(page, {"k": "3", "cin": "1", "cout": "1", "bias": "0"}), chart)
    assert plain["id"] == layer["id"]  # a hash of the whole scene
    assert "names" not in plain["panels"][0]


def test_a_layer_too_large_for_the_pad_is_a_sentence():
    at = run_page(
        "app_pages/conv1d.py",
        {"cin": "4", "cout": "4", "n": "4", "p": "full", "k": "5", "pmode": "reflect"},
    )
    assert not at.exception, at.exception
    said = " ".join(e.value for e in at.error)
    assert "padding_mode 'reflect'" in said, said
