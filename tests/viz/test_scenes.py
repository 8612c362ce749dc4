"""Scene specs: what the renderer gets is the engine's data, complete, compact and valid."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
import pytest

import conv_engine as ce
from conv_engine.presets import kernel_preset, speech_features
from viz import theme
from viz.channels import separable_scene, stack
from viz.features import features_scene
from viz.lightweight import step_kernels_scene
from viz.receptive import span_scene
from viz.scenes import WORDS, WORDS_FILE, scatter_scene, sliding_scene

ROOT = Path(__file__).resolve().parents[2]


def trace_2d(**settings):
    x = np.arange(30.0).reshape(5, 6)
    return ce.conv_trace(x, kernel_preset("sobel", 3), **settings)


@pytest.mark.parametrize(
    "settings",
    [
        {},
        {"padding": "same", "stride": 2},
        {"padding": "full", "dilation": 2},
        {"padding": ((1, 0), (2, 1))},
    ],
)
def test_sliding_scene_carries_the_trace(settings):
    trace = trace_2d(**settings)
    scene = sliding_scene(trace, start=1)
    grid, kernel, output = scene["panels"]
    assert scene["steps"] == trace.num_steps == output["rows"] * output["cols"]
    assert scene["start"] == 1
    assert (grid["rows"], grid["cols"]) == trace.grid.shape[1:]
    assert grid["kinds"] == trace.cell_kind.ravel().tolist()
    assert grid["text"] == [theme.format_number(v) for v in trace.grid[0].ravel()]
    assert kernel["text"] == [theme.format_number(v) for v in trace.weight[0].ravel()]
    assert output["text"] == [theme.format_number(v) for v in trace.output.ravel()]
    assert scene["stride"] == list(trace.geometry.stride)
    assert scene["dilation"] == list(trace.geometry.dilation)
    # the index map the renderer applies: padded cell = output·stride + tap·dilation
    (top, _), (left, _) = trace.geometry.padding
    assert grid["rowLabels"][top] == "0" and grid["colLabels"][left] == "0"
    json.dumps(scene)  # plain JSON for the component


def test_the_window_the_renderer_derives_is_the_trace_window():
    """The renderer places tap t of step n at output·stride + tap·dilation: the trace's."""
    trace = trace_2d(padding="full", dilation=2, stride=2)
    scene = sliding_scene(trace)
    _, cols = scene["outputShape"]
    kh, kw = scene["kernelShape"]
    for step in range(scene["steps"]):
        row, col = divmod(step, cols)
        cells = [
            (
                row * scene["stride"][0] + tr * scene["dilation"][0],
                col * scene["stride"][1] + tc * scene["dilation"][1],
            )
            for tr in range(kh)
            for tc in range(kw)
        ]
        assert cells == [tuple(w) for w in trace.windows[step].tolist()]


def test_legend_names_what_the_scene_draws():
    plain = {e["swatch"] for e in sliding_scene(trace_2d())["legend"]}
    assert plain >= {"input", "taps", "pending", "current"} and "padding" not in plain
    padded = {e["swatch"] for e in sliding_scene(trace_2d(padding=1))["legend"]}
    assert "padding" in padded
    inserted = ce.transposed_trace(np.ones((3, 3)), np.ones((3, 3)), stride=2)
    assert "inserted" in {e["swatch"] for e in sliding_scene(inserted)["legend"]}


@pytest.mark.parametrize("k", range(1, 8))
def test_a_product_and_the_cell_it_reads_share_a_colour_no_other_does(k):
    """Each tap's colour comes with the scene. While there are colours enough each tap has
    its own; a larger kernel is coloured by row (a colour never names two cells of one
    window row or two rows)."""
    x = np.arange(100.0).reshape(10, 10)
    scene = sliding_scene(ce.conv_trace(x, np.ones((k, k)), padding="valid"))
    colours = scene["tapColours"]
    assert scene["panels"][1]["tapColours"] == colours, "the kernel cell as its window cell"
    assert len(colours) == k * k and all(0 <= c < len(theme.TAP_COLOURS) for c in colours)
    if k * k <= len(theme.TAP_COLOURS):
        assert len(set(colours)) == k * k
    else:
        rows = [colours[r * k : (r + 1) * k] for r in range(k)]
        assert all(len(set(row)) == 1 for row in rows)
        assert len({row[0] for row in rows}) == k
    legend = " ".join(entry["label"] for entry in scene["legend"])
    assert ("kernel row" in legend) == (k * k > len(theme.TAP_COLOURS))


def test_a_1d_kernel_column_has_its_tap_colour_in_every_channel():
    features = np.arange(24.0).reshape(3, 8)
    trace = ce.conv_trace(features, np.ones((3, 4)), padding="valid", ndim=1)
    scene = sliding_scene(trace)
    assert scene["tapColours"] == [0, 1, 2, 3]
    assert scene["panels"][1]["tapColours"] == [0, 1, 2, 3] * 3


def test_scene_id_ignores_the_start_step():
    trace = trace_2d()
    one, two = sliding_scene(trace, start=0), sliding_scene(trace, start=3)
    assert one["id"] == two["id"] and (one["start"], two["start"]) == (0, 3)
    assert sliding_scene(trace_2d(stride=2))["id"] != one["id"]


def test_1d_trace_with_features_is_one_row_per_channel():
    x = speech_features(12, 4)
    trace = ce.conv_trace(x, np.ones((4, 3)), ndim=1, padding="causal")
    scene = sliding_scene(trace, time_masks=True, leaks=np.zeros(12, dtype=bool))
    grid, kernel, output = scene["panels"]
    assert scene["oneD"] and (grid["rows"], grid["cols"]) == (4, 14)
    assert (kernel["rows"], kernel["cols"]) == (4, 3) and output["rows"] == 1
    assert scene["present"] == {"origin": 2, "stride": 1}
    assert scene["flagged"] == []


def test_leaks_are_flagged_outputs():
    trace = ce.conv_trace(np.arange(8.0), np.ones(3), padding="same", ndim=1)
    leaks = ce.future_leaks(8, 3, padding="same")
    scene = sliding_scene(trace, time_masks=True, leaks=leaks)
    assert scene["flagged"] == np.flatnonzero(leaks).tolist()
    assert "leak" in {e["swatch"] for e in scene["legend"]}


def test_scatter_scene_sends_contributions_the_renderer_sums_to_the_output():
    x, w = np.arange(1.0, 7.0).reshape(2, 3), np.array([[1.0, -1.0], [2.0, 0.5]])
    trace = ce.scatter_trace(x, w, stride=2, padding=1)
    scene = scatter_scene(trace, (1, 1))
    out_rows, out_cols = scene["outputShape"]
    kh, kw = scene["kernelShape"]
    sums = np.zeros((out_rows, out_cols))
    for i in range(scene["steps"]):
        ir, ic = divmod(i, x.shape[1])
        for t in range(kh * kw):
            r = ir * scene["stride"][0] + (t // kw) * scene["dilation"][0] - scene["crop"][0]
            c = ic * scene["stride"][1] + (t % kw) * scene["dilation"][1] - scene["crop"][1]
            if 0 <= r < out_rows and 0 <= c < out_cols:
                sums[r, c] += scene["contributions"][i * kh * kw + t]
    np.testing.assert_allclose(
        sums, ce.conv_transpose2d(x[None, None], w[None, None], stride=2, padding=1)[0, 0]
    )
    assert scene["pinned"] == [1, 1]


def test_boxes_scenes_stay_inside_their_panels():
    rng = np.random.default_rng(0)
    scenes = [
        separable_scene(
            rng.normal(size=(3, 4, 4)),
            rng.normal(size=(6, 3, 3)),
            rng.normal(size=(6, 4, 4)),
            rng.normal(size=(5, 6)),
            rng.normal(size=(5, 4, 4)),
        ),
        features_scene(speech_features(10, 16), np.ones((16, 3)), np.ones((40, 8))),
        step_kernels_scene(ce.softmax(rng.normal(size=(6, 3)))),
    ]
    layers = [ce.Layer(3, padding=1)] * 3
    rows = ce.receptive_field(layers, 30)
    scenes.append(span_scene(ce.support_counts(layers, 30, 15), rows[-1], 30, 15, 30))
    for scene in scenes:
        assert len(scene["boxes"]) == len(scene["captions"]) == scene["steps"] > 0
        for boxes in scene["boxes"]:
            for panel, r0, c0, r1, c1 in boxes:
                spec = scene["panels"][panel]
                assert 0 <= r0 <= r1 < spec["rows"] and 0 <= c0 <= c1 < spec["cols"]
        json.dumps(scene)


def test_features_scene_draws_at_most_16_output_channels():
    scene = features_scene(speech_features(10, 80), np.ones((80, 3)), np.ones((256, 8)))
    assert scene["panels"][2]["rows"] == 16 and "256 channels" in scene["panels"][2]["title"]
    assert len(json.dumps(scene)) < 30_000, "a slider move stays a few kilobytes"


def test_channel_stacks_are_near_square_with_a_blank_line_between_maps():
    maps = np.arange(12.0).reshape(3, 2, 2)
    values, corners = stack(maps)
    assert values.shape == (5, 5) and corners == [(0, 0), (0, 3), (3, 0)]
    for channel, (top, left) in enumerate(corners):
        np.testing.assert_array_equal(values[top : top + 2, left : left + 2], maps[channel])
    assert np.isnan(values[2]).all() and np.isnan(values[:, 2]).all()
    assert np.isnan(values[3:, 3:]).all(), "the empty fourth place stays blank"
    assert stack(np.ones((1, 4, 4)))[0].shape == (4, 4)
    assert stack(np.ones((5, 1, 1)))[1][-1] == (2, 2), "⌈√5⌉ = 3 maps a row"


def test_engine_and_viz_do_not_import_streamlit():
    code = (
        "import sys, conv_engine, viz.scenes, viz.features, viz.heatmaps, viz.theme;"
        "assert 'streamlit' not in sys.modules, 'streamlit imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
    engine_only = "import sys, conv_engine; assert not {'streamlit','plotly'} & set(sys.modules)"
    subprocess.run([sys.executable, "-c", engine_only], check=True, cwd=ROOT)


def test_heatmaps_send_explicit_colour_scales():
    """plotly.js has no reversed names like "Greys_r": specs must carry explicit scales."""
    from viz.heatmaps import heatmaps_figure

    spec = heatmaps_figure([("a", np.eye(3)), ("b", np.eye(3))], scales=["Greys_r", "Viridis"])
    go.Figure(spec)
    for trace in spec["data"]:
        assert isinstance(trace["colorscale"], list), trace["colorscale"]
    assert spec["data"][0]["colorscale"][0][1] == "rgb(0,0,0)", "Greys_r: 0 is black"


def test_matrix_figure_shows_c_and_the_pinned_row_of_its_transpose():
    from viz.transposed import matrix_figure

    x = np.arange(4.0).reshape(2, 2)
    transposed = ce.conv_transpose_matrix(x.shape, np.ones((2, 2)), stride=2)
    spec = matrix_figure(transposed, x.shape, pinned_row=5)
    go.Figure(spec)
    conv = np.array(spec["data"][0]["z"])
    np.testing.assert_array_equal(conv, transposed.T)
    np.testing.assert_array_equal(np.array(spec["data"][-1]["z"]).ravel(), transposed[5])


def test_every_word_the_renderer_says_is_in_the_one_words_file():
    """The renderer (static/scene*.js) says its words through ``say(data, key)``; each key is in
    static/scene_words.json (which viz.scenes reads and the catalogues translate), and the
    file holds no word the renderer never says."""
    renderer = "".join(
        path.read_text(encoding="utf-8") for path in WORDS_FILE.parent.glob("scene*.js")
    )
    said = set(re.findall(r"""say\([\w.]+, "(\w+)\"""", renderer))
    assert said == set(WORDS), (said - set(WORDS), set(WORDS) - said)
    assert "const WORDS = {" not in renderer, "the renderer keeps a copy of its words"
