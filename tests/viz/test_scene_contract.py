"""The scene contract holds on both sides: every scene the pages build keeps to it, and the
player (``static/scene_steps.js``, run under Node) and the export (``viz.frames``) show the
same thing at every step of the same scenes, from the same marks."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

import conv_engine as ce
from conv_engine import trace as engine_trace
from conv_engine.index_map import index_map
from conv_engine.presets import kernel_preset, speech_features
from viz import frames
from viz.channels import separable_scene
from viz.features import features_scene
from viz.lightweight import step_kernels_scene
from viz.receptive import span_scene
from viz.scene_contract import CONTRACT, problems, unpacked
from viz.scenes import Panel, scatter_scene, sliding_scene, still_scene
from viz.transposed import zeros_scene
from viz.volume import layer_scene

ROOT = Path(__file__).resolve().parents[2]
CLI = ROOT / "tests" / "js" / "views_cli.mjs"


def node() -> str:
    """Node, which the player's tests need (``make test`` installs it; CI requires it)."""
    found = shutil.which("node")
    if found is None:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail("REQUIRE_BROWSER=1 but node is missing", pytrace=False)
        pytest.skip("node is missing: apt-get install nodejs")
    return found


def scenes() -> dict[str, dict]:
    """One scene of each kind and corner the pages draw."""
    rng = np.random.default_rng(3)
    x = rng.integers(-4, 9, size=(6, 7)).astype(float)
    sobel = kernel_preset("sobel", 3)
    features = speech_features(10, 4)
    leaks = ce.future_leaks(10, 3, padding="same")
    layers = [ce.Layer(3, padding=1)] * 3
    rows = ce.receptive_field(layers, 30)
    return {
        "valid": sliding_scene(ce.conv_trace(x, sobel)),
        "same, stride 2, bias": sliding_scene(
            ce.conv_trace(x, sobel, stride=2, padding="same", bias=-0.5)
        ),
        "full, dilation 2": sliding_scene(ce.conv_trace(x, sobel, padding="full", dilation=2)),
        "explicit, k = 4": sliding_scene(
            ce.conv_trace(x, rng.normal(size=(4, 4)).round(1), padding=((1, 0), (2, 1)))
        ),
        "1-D features, causal": sliding_scene(
            ce.conv_trace(features, np.ones((4, 3)), ndim=1, padding="causal"),
            time_masks=True,
            leaks=np.zeros(10, dtype=bool),
        ),
        "1-D same, leaks": sliding_scene(
            ce.conv_trace(np.arange(10.0), np.array([1.0, -1.0, 2.0]), padding="same", ndim=1),
            time_masks=True,
            leaks=leaks,
        ),
        "zero insertion": sliding_scene(
            ce.transposed_trace(x[:3, :3], sobel, stride=2, padding=1, output_padding=1)
        ),
        "scatter, pinned": scatter_scene(
            ce.scatter_trace(x[:3, :3], sobel, stride=2, padding=1), (2, 2)
        ),
        "scatter, dilated, 4 × 4": scatter_scene(
            ce.scatter_trace(x[:2, :3], rng.normal(size=(4, 4)).round(1), stride=3, dilation=2)
        ),
        "scatter, 1-D": scatter_scene(
            ce.scatter_trace(np.arange(1.0, 5.0), np.array([1.0, -2.0]), stride=2, ndim=1), (3,)
        ),
        "separable": separable_scene(
            rng.normal(size=(3, 4, 4)),
            rng.normal(size=(6, 3, 3)),
            rng.normal(size=(6, 4, 4)),
            rng.normal(size=(5, 6)),
            rng.normal(size=(5, 4, 4)),
        ),
        "features": features_scene(speech_features(10, 16), np.ones((16, 3)), np.ones((40, 8))),
        "step kernels": step_kernels_scene(ce.softmax(rng.normal(size=(6, 3)))),
        "span": span_scene(ce.support_counts(layers, 30, 15), rows[-1], 30, 15, 30),
        "zeros": zeros_scene(x[:3, :3], sobel, 2),
        "layer 3 → 2, bias, reflect": layer_scene(
            ce.layer_trace(
                rng.integers(0, 9, size=(3, 5, 4)),
                rng.integers(-2, 3, size=(2, 3, 3, 3)),
                [0.5, -1.0],
                padding=1,
                padding_mode="reflect",
            )
        ),
        "layer 2 → 2, k = 4 (a channel's line elided)": layer_scene(
            ce.layer_trace(np.stack([x, -x]), rng.integers(-2, 3, size=(2, 2, 4, 4)), [1.0, 0.0])
        ),
        "layer 1 → 3, stride 2": layer_scene(
            ce.layer_trace(x[None], rng.normal(size=(3, 1, 2, 2)).round(1), stride=2)
        ),
        "layer 1-D 2 → 3, bias": layer_scene(
            ce.layer_trace(features[:2], np.ones((3, 2, 3)), [1.0, 2.0, 3.0], padding=1, ndim=1)
        ),
        "still": still_scene([Panel("Input", x, "value", "x")]),
    }


SCENES = scenes()


@pytest.mark.parametrize("name", SCENES)
def test_every_scene_keeps_to_the_contract(name):
    assert problems(SCENES[name]) == []
    json.dumps(SCENES[name])


def test_the_contract_names_the_engines_cell_kinds_in_their_order():
    kinds = CONTRACT["cellKinds"]
    assert [kinds.index(k) for k in ("input", "padding", "inserted")] == [
        ce.INPUT,
        ce.PADDING,
        ce.INSERTED_ZERO,
    ]


def test_a_field_the_contract_does_not_define_is_a_problem():
    scene = dict(SCENES["valid"])
    assert problems({**scene, "stride": [1, 1]}) == ["sliding field 'stride'"]
    assert problems({**scene, "kind": "spiral"}) == ["kind 'spiral' is not in the contract"]
    broken = {**scene, "legend": [{"swatch": "sparkles", "label": ""}]}
    assert problems(broken) == ["swatch 'sparkles'"]
    del scene["reads"]
    assert problems(scene) == ["sliding misses 'reads'"]


def player_views(cases: list[dict]) -> list[list[dict]]:
    """Every step's view of each case's scene, as the player computes it (under Node)."""
    done = subprocess.run(
        [node(), str(CLI)],
        input=json.dumps(cases),
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return json.loads(done.stdout)


def export_view(scene: dict, step: int, pinned: int | None = None) -> dict:
    """A step of the export's view in the player's terms."""
    view = frames.step_view(scene, step, pinned)
    cells = {
        str(panel): {str(i): [value, text] for i, (value, text) in cells.items()}
        for panel, cells in view.cells.items()
    }
    return {
        "marks": [[m.panel, m.row0, m.col0, m.row1, m.col1, m.style, m.colour] for m in view.marks],
        "pending": list(view.pending),
        "cells": cells,
        "equation": [[[t.role, t.text, t.colour, t.later] for t in line] for line in view.equation],
        "text": "\n".join(view.caption),
    }


def same(player: dict, export: dict) -> bool:
    cells = {
        panel: {i: [pytest.approx(v, rel=1e-6), text] for i, (v, text) in values.items()}
        for panel, values in export["cells"].items()
    }
    return {**player, "cells": None} == {**export, "cells": None} and player["cells"] == cells


def test_the_player_and_the_export_show_the_same_steps():
    """For every scene, every step: the same marks, pending cells, numbers and sum."""
    cases = [{"scene": scene} for scene in SCENES.values()]
    cases.append({"scene": SCENES["scatter, pinned"], "pinned": 0})  # a viewer's click
    pins = [None] * len(SCENES) + [0]
    for case, pinned, player in zip(cases, pins, player_views(cases), strict=True):
        scene = unpacked(case["scene"])
        assert len(player) == scene["steps"]
        for step, view in enumerate(player):
            assert same(view, export_view(scene, step, pinned)), (case["scene"]["kind"], step)


def test_a_changed_index_map_changes_what_the_player_and_the_export_draw(monkeypatch):
    """The index map is the one truth: mutated (each tap reads the cell of the tap opposite
    it, a flipped kernel), the player's marks and the exported picture's follow it, with no
    other edit."""
    x = np.arange(42.0).reshape(6, 7)
    w = np.arange(9.0).reshape(3, 3)
    before = sliding_scene(ce.conv_trace(x, w))

    def flipped(small_shape, kernel_shape, stride, dilation, offset=0):
        targets, taps = index_map(small_shape, kernel_shape, stride, dilation, offset)
        return targets[:, ::-1], taps

    monkeypatch.setattr(engine_trace, "index_map", flipped)
    after = sliding_scene(ce.conv_trace(x, w))
    player_before, player_after = player_views([{"scene": before}, {"scene": after}])
    taps = [(m[1], m[2]) for m in player_after[0]["marks"] if m[5] == "tap"]
    assert taps == [(2 - r, 2 - c) for r in range(3) for c in range(3)]
    assert player_before[0]["marks"] != player_after[0]["marks"]
    export_after = export_view(unpacked(after), 0)
    assert export_after["marks"] == player_after[0]["marks"]
    assert export_after["text"] == player_after[0]["text"] != player_before[0]["text"]
