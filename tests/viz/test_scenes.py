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
from viz.frames import step_view
from viz.lightweight import step_kernels_scene
from viz.receptive import span_scene
from viz.scene_contract import unpacked
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
    json.dumps(scene)  # plain JSON for the component
    scene = unpacked(scene)
    grid, kernel, output = scene["panels"]
    assert scene["steps"] == trace.num_steps == output["rows"] * output["cols"]
    assert scene["start"] == 1
    assert (grid["rows"], grid["cols"]) == trace.grid.shape[1:]
    assert grid["kinds"] == trace.cell_kind.ravel().tolist()
    assert grid["text"] == [theme.format_number(v) for v in trace.grid[0].ravel()]
    assert kernel["text"] == [theme.format_number(v) for v in trace.weight[0].ravel()]
    assert output["text"] == [theme.format_number(v) for v in trace.output.ravel()]
    (top, _), (left, _) = trace.geometry.padding
    assert grid["rowLabels"][top] == "0" and grid["colLabels"][left] == "0"


@pytest.mark.parametrize(
    "settings",
    [{}, {"padding": "full", "dilation": 2, "stride": 2}, {"padding": ((1, 0), (2, 1))}],
)
def test_each_step_marks_the_cells_the_naive_definition_reads(settings):
    """Step n of output (i, j) reads padded cell (i·s + a·d, j·s + b·d) with tap (a, b),
    writes output n, and its window box spans those cells: by a loop written here."""
    trace = trace_2d(**settings)
    scene = unpacked(sliding_scene(trace))
    grid = scene["panels"][0]
    (sh, sw), (dh, dw) = trace.geometry.stride, trace.geometry.dilation
    kh, kw = trace.geometry.kernel_size
    _, out_cols = trace.output.shape
    assert scene["weights"] == list(range(kh * kw))
    for step in range(scene["steps"]):
        i, j = divmod(step, out_cols)
        cells = [(i * sh + a * dh, j * sw + b * dw) for a in range(kh) for b in range(kw)]
        assert scene["reads"][step].tolist() == [r * grid["cols"] + c for r, c in cells]
        (window,) = [m for m in step_view(scene, step).marks if m.style == "window"]
        rows, cols = zip(*cells, strict=True)
        assert (window.row0, window.col0) == (min(rows), min(cols))
        assert (window.row1, window.col1) == (max(rows), max(cols))
        assert step_view(scene, step).pending == tuple(range(step + 1, scene["steps"]))


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
    colours = scene["panels"][1]["tapColours"]
    # a product's colour is its weight's: the window cell it reads shares it
    view = step_view(unpacked(scene), 0)
    assert [m.colour for m in view.marks if m.style == "tap"] == colours
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
    assert scene["panels"][1]["tapColours"] == [0, 1, 2, 3] * 3
    # step 0 reads columns 0 … 3 in every channel, channel by channel
    assert unpacked(scene)["reads"][0].tolist() == [c * 8 + t for c in range(3) for t in range(4)]


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
    assert scene["stacked"] and (grid["rows"], grid["cols"]) == (4, 14)
    assert (kernel["rows"], kernel["cols"]) == (4, 3) and output["rows"] == 1
    # output t's own time is grid column t + 2 (two causal pads): after it, the future
    shade = unpacked(scene)["shade"]
    assert shade[0].tolist() == [0, 3, 3, 13] and shade[11].tolist() == [-1, -1, -1, -1]
    assert scene["flagged"] == []


def test_leaks_are_flagged_outputs():
    trace = ce.conv_trace(np.arange(8.0), np.ones(3), padding="same", ndim=1)
    leaks = ce.future_leaks(8, 3, padding="same")
    scene = sliding_scene(trace, time_masks=True, leaks=leaks)
    assert scene["flagged"] == np.flatnonzero(leaks).tolist()
    assert "leak" in {e["swatch"] for e in scene["legend"]}


def test_scatter_stamps_are_the_naive_scatter_with_its_running_sums():
    """Input (i, j) stamps x·w[a, b] at (i·s + a·d − p, j·s + b·d − p) when inside; each
    stamp carries its cell's sum so far: by a loop written here, ending at PyTorch's result."""
    x, w = np.arange(1.0, 7.0).reshape(2, 3), np.array([[1.0, -1.0], [2.0, 0.5]])
    trace = ce.scatter_trace(x, w, stride=2, padding=1)
    scene = unpacked(scatter_scene(trace, (1, 1)))
    output = scene["panels"][2]
    rows, cols = output["rows"], output["cols"]
    sums = np.zeros((rows, cols))
    expected = []
    for i in range(2):
        for j in range(3):
            for a in range(2):
                for b in range(2):
                    r, c = i * 2 + a - 1, j * 2 + b - 1
                    if 0 <= r < rows and 0 <= c < cols:
                        sums[r, c] += x[i, j] * w[a, b]
                        expected.append((i * 3 + j, r * cols + c, a * 2 + b, sums[r, c]))
    start = scene["stampStart"]
    got = [
        (n, int(scene["stampCells"][s]), int(scene["stampWeights"][s]), scene["stampSums"][s])
        for n in range(scene["steps"])
        for s in range(start[n], start[n + 1])
    ]
    assert [g[:3] for g in got] == [e[:3] for e in expected]
    np.testing.assert_allclose([g[3] for g in got], [e[3] for e in expected], rtol=1e-6)
    assert scene["stampTexts"] == [theme.format_number(float(v)) for v in scene["stampSums"]]
    np.testing.assert_allclose(
        sums, ce.conv_transpose2d(x[None, None], w[None, None], stride=2, padding=1)[0, 0]
    )
    assert scene["pinned"] == 1 * cols + 1


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


def _copied(position: int, n: int, mode: str) -> int:
    """The input index a padded position copies, written out per PyTorch's documentation."""
    if mode == "replicate":
        return min(max(position, 0), n - 1)
    if mode == "circular":
        return position % n
    if position < 0:  # reflect: mirrored about the edge cell, which is not repeated
        return -position
    return 2 * (n - 1) - position if position >= n else position


@pytest.mark.parametrize("mode", ["reflect", "replicate", "circular"])
@pytest.mark.parametrize("ndim", [1, 2])
def test_a_padded_copy_names_the_input_cell_it_copies(mode, ndim):
    from viz.scene_contract import unpack

    n = 5
    x = np.arange(1.0, n**ndim + 1).reshape((n,) * ndim)
    trace = ce.conv_trace(x, np.ones((3,) * ndim), 1, 2, 1, ndim=ndim, padding_mode=mode)
    panel = sliding_scene(trace)["panels"][0]
    sources = np.asarray(unpack(panel["sources"])).reshape(panel["rows"], panel["cols"])
    texts = np.asarray(unpack(panel["text"])).reshape(panel["rows"], panel["cols"])
    pad = 2
    for index in np.ndindex(*sources.shape):
        row, col = index
        positions = (col - pad,) if ndim == 1 else (row - pad, col - pad)
        inside = all(0 <= p < n for p in positions)
        if inside:
            assert sources[index] == -1
            continue
        copied = tuple(_copied(p, n, mode) + pad for p in positions)
        # the drawn grid's flat index (a 1-D channel copies within its own row)
        expected = (
            row * panel["cols"] + copied[0] if ndim == 1 else copied[0] * panel["cols"] + copied[1]
        )
        assert sources[index] == expected, (index, mode)
        # the copy shows the value of the cell it copies
        assert texts[index] == texts.ravel()[expected]


def test_zeros_padding_has_no_sources_and_its_legend_says_zero():
    trace = ce.conv_trace(np.ones((4, 4)), np.ones((3, 3)), 1, 1, 1)
    scene = sliding_scene(trace)
    assert "sources" not in scene["panels"][0]
    assert any(entry["label"] == "padding zero" for entry in scene["legend"])
    reflected = sliding_scene(
        ce.conv_trace(np.ones((4, 4)), np.ones((3, 3)), 1, 1, 1, padding_mode="reflect")
    )
    assert any("(reflect)" in entry["label"] for entry in reflected["legend"])
