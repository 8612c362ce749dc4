"""The Standard page as a layer (issue 28): ``?cin=3&cout=2&bias=1`` draws 3 input maps,
2 kernels of 3 slices and 2 output maps, and every step's sum is PyTorch's output cell."""

from __future__ import annotations

import numpy as np
import pytest

from tests.app.test_pages import run_page, scenes
from tests.naive import naive_conv
from ui.conv2d import LAYER_BIASES
from viz.frames import step_view
from viz.scene_contract import problems, unpacked

PAGE = "app_pages/standard.py"


def _scene(at) -> dict:
    return next(spec for key, spec in scenes(at).items() if key.endswith("standard_chart"))


def _maps(panel: dict) -> list[np.ndarray]:
    """The maps a stack panel draws, split at its blank cells (rows and columns of them)."""
    names = np.asarray(panel["names"]).reshape(panel["rows"], panel["cols"])
    texts = np.asarray(panel["text"]).reshape(panel["rows"], panel["cols"])
    blank = names == ""
    cols = np.flatnonzero(~blank.all(axis=0))
    rows = np.flatnonzero(~blank.all(axis=1))

    def runs(index):
        return np.split(index, np.flatnonzero(np.diff(index) > 1) + 1)

    return [
        texts[np.ix_(r, c)] for r in runs(rows) for c in runs(cols) if not blank[np.ix_(r, c)].all()
    ]


def test_the_link_draws_the_layers_volumes_and_every_step_sums_its_output_cell():
    at = run_page(PAGE, {"cin": "3", "cout": "2", "bias": "1", "k": "3", "h": "5", "w": "6"})
    assert not at.exception, at.exception
    scene = _scene(at)
    assert problems(scene) == []
    data = unpacked(scene)
    inputs, kernels, outputs = (_maps(panel) for panel in data["panels"])
    assert len(inputs) == 3 and all(m.shape == (5, 6) for m in inputs)
    assert len(kernels) == 6 and all(m.shape == (3, 3) for m in kernels)  # 2 kernels × 3
    assert len(outputs) == 2 and all(m.shape == (3, 4) for m in outputs)
    x = np.array([m.astype(float) for m in inputs])
    w = np.array([m.astype(float) for m in kernels]).reshape(2, 3, 3, 3)
    bias = np.array(LAYER_BIASES[:2])
    expected = naive_conv(x[None], w, bias, (1, 1), ((0, 0), (0, 0)), (1, 1), 1)[0]
    assert data["steps"] == expected.size
    for step, cell in enumerate(np.ndindex(*expected.shape)):  # channel by channel
        total = step_view(data, step).caption[0].rsplit(" = ", 1)[1]
        assert float(total.replace("−", "-")) == pytest.approx(expected[cell]), (step, cell)
    assert "Parameters" in " ".join(m.value for m in at.markdown)


def test_one_channel_without_bias_is_the_one_map_page():
    plain = _scene(run_page(PAGE, {"k": "3"}))
    layer = _scene(run_page(PAGE, {"k": "3", "cin": "1", "cout": "1", "bias": "0"}))
    assert plain["id"] == layer["id"]  # a hash of the whole scene
    assert "names" not in plain["panels"][0]
