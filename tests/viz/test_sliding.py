"""Figure builders: valid plotly specs, one frame per output position, padding marked."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
import pytest

import conv_engine as ce
from conv_engine.presets import kernel_preset, speech_features
from viz.features import feature_figure
from viz.grid_view import grid_view_1d, grid_view_2d, step_names
from viz.sliding import MAX_SCRUBBER_STEPS, OUTPUT_CELLS, scrubber_steps, sliding_window_figure

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
def test_one_frame_per_output_position_and_valid_spec(settings):
    trace = trace_2d(**settings)
    spec = sliding_window_figure(grid_view_2d(trace), pinned_step=1)
    go.Figure(spec)  # plotly validates every property of the spec
    assert len(spec["frames"]) == trace.output.size == trace.num_steps
    assert spec["layout"]["sliders"][0]["active"] == 1
    assert [f["name"] for f in spec["frames"]] == [str(i) for i in range(trace.num_steps)]


def test_padding_cells_are_marked_and_hatched():
    trace = trace_2d(padding=1)
    spec = sliding_window_figure(grid_view_2d(trace))
    kinds = np.array(spec["data"][0]["z"])
    assert kinds.shape == (7, 8)
    assert (kinds == ce.PADDING).sum() == 7 * 8 - 5 * 6
    assert (kinds[1:-1, 1:-1] == ce.INPUT).all()
    hatch = next(t for t in spec["data"] if t.get("line", {}).get("color") == "#b0b0b0")
    assert _hatched_cells(hatch) == sorted(map(tuple, np.argwhere(kinds == ce.PADDING).tolist()))
    assert sum(x is None for x in hatch["x"]) < 7 * 8 - 5 * 6, "strokes join into lines"


@pytest.mark.parametrize(
    "trace",
    [
        trace_2d(padding=((1, 0), (2, 1))),
        trace_2d(padding="full", dilation=2),
        ce.transposed_trace(np.ones((3, 4)), np.ones((3, 3)), stride=3, padding=1),
    ],
    ids=["explicit", "full-dilated", "zero-insertion"],
)
def test_every_padding_and_inserted_zero_is_hatched_once(trace):
    spec = sliding_window_figure(grid_view_2d(trace))
    kinds = np.array(spec["data"][0]["z"])
    hatches = {
        t["line"]["dash"]: _hatched_cells(t)
        for t in spec["data"]
        if t.get("line", {}).get("color") == "#b0b0b0"
    }
    for kind, dash in ((ce.PADDING, "solid"), (ce.INSERTED_ZERO, "dot")):
        expected = sorted(map(tuple, np.argwhere(kinds == kind).tolist()))
        assert hatches.get(dash, []) == expected, dash


def _hatched_cells(hatch: dict) -> list[tuple[int, int]]:
    """The cells each diagonal hatch line crosses (one per cell it passes corner to corner)."""
    cells = []
    for start in range(0, len(hatch["x"]), 3):
        (x0, x1), (y0, _) = hatch["x"][start : start + 2], hatch["y"][start : start + 2]
        col, row = int(x0 + 0.5), int(y0 - 0.5)
        cells += [(row - i, col + i) for i in range(int(x1 - x0))]
    return sorted(cells)


def _input_labels(spec: dict) -> dict[str, str]:
    """Hover text → printed label ("" if none) of every input cell (the input heatmap's)."""
    grid = spec["data"][0]
    return {
        hover: label
        for hovers, labels in zip(grid["hovertext"], grid["text"], strict=True)
        for hover, label in zip(hovers, labels, strict=True)
    }


def test_dense_grids_leave_the_padding_zeros_unprinted():
    small = _input_labels(sliding_window_figure(grid_view_2d(trace_2d(padding=1))))
    assert all(label == "0" for hover, label in small.items() if hover.startswith("padding"))
    x = np.ones((12, 12))
    dense = ce.conv_trace(x, np.ones((3, 3)), padding="full", dilation=2)  # 400 + 256 cells
    labels = _input_labels(sliding_window_figure(grid_view_2d(dense)))
    padding = [label for hover, label in labels.items() if hover.startswith("padding")]
    inputs = [label for hover, label in labels.items() if hover.startswith("x")]
    assert len(padding) == 400 - 144 and set(padding) == {""}, "the hatch says zero"
    assert len(inputs) == 144 and set(inputs) == {"1"}, "input values stay printed"


def test_long_animations_offer_a_coarser_scrubber_but_every_frame():
    assert scrubber_steps(16, 3) == list(range(16))
    steps = scrubber_steps(256, 37)
    assert len(steps) <= MAX_SCRUBBER_STEPS + 2
    assert steps[0] == 0 and steps[-1] == 255 and 37 in steps
    x = np.arange(144.0).reshape(12, 12)
    trace = ce.conv_trace(x, np.ones((3, 3)), padding="full", dilation=2)  # 256 outputs
    spec = sliding_window_figure(grid_view_2d(trace), pinned_step=37)
    slider = spec["layout"]["sliders"][0]
    assert len(spec["frames"]) == 256, "Play still shows every output position"
    assert slider["steps"][slider["active"]]["args"][0] == ["37"], "opens on the pinned step"


def test_window_rectangles_follow_the_trace():
    trace = trace_2d(stride=2, dilation=2, padding=2)
    view = grid_view_2d(trace)
    for step in range(trace.num_steps):
        cells = {tuple(r[:2]) for r in view.rectangles[step].tolist()}
        assert cells == {tuple(w) for w in trace.windows[step].tolist()}


@pytest.mark.parametrize("kernel_size", [1, 2, 3])
def test_undilated_small_windows_show_every_tap_in_its_own_colour(kernel_size):
    """Up to 9 taps (the palette) each tap is its own cell with its own colour, at d = 1 too."""
    trace = ce.conv_trace(np.arange(30.0).reshape(5, 6), np.ones((kernel_size,) * 2), stride=2)
    view = grid_view_2d(trace)
    for step in range(trace.num_steps):
        rectangles = view.rectangles[step].tolist()
        assert len(rectangles) == kernel_size**2
        for tap, (row0, col0, row1, col1, colour) in enumerate(rectangles):
            assert (row0, col0) == (row1, col1) == tuple(trace.windows[step, tap])
            assert colour == tap


def test_large_undilated_windows_are_one_box():
    trace = ce.conv_trace(np.ones((8, 8)), np.ones((4, 4)))  # 16 taps > 9 colours
    view = grid_view_2d(trace)
    np.testing.assert_array_equal(view.rectangles[0], [[0, 0, 3, 3, 0]])


def test_each_frame_colours_exactly_the_window_taps():
    """The window heatmap of frame n: the trace's tap cells, each with its tap's colour."""
    trace = trace_2d(padding="full", dilation=2, stride=2)
    spec = sliding_window_figure(grid_view_2d(trace))
    for step, frame in enumerate(spec["frames"]):
        window = next(t for t in frame["data"] if t["type"] == "heatmap")
        coloured = {
            (row, col): tap
            for row, line in zip(window["y"], window["z"], strict=True)
            for col, tap in zip(window["x"], line, strict=True)
            if tap is not None
        }
        taps = {tuple(cell): tap for tap, cell in enumerate(trace.windows[step].tolist())}
        assert coloured == taps, f"step {step}"
        labelled = {
            (row, col): label
            for row, line in zip(window["y"], window["text"], strict=True)
            for col, label in zip(window["x"], line, strict=True)
            if label
        }
        values = trace.grid[0]
        assert labelled == {cell: f"{values[cell]:g}" for cell in taps}, "taps' numbers only"


def test_output_cells_are_clickable_with_their_step():
    trace = trace_2d(padding="same")
    spec = sliding_window_figure(grid_view_2d(trace))
    cells = next(t for t in spec["data"] if t.get("name") == OUTPUT_CELLS)
    assert cells["customdata"] == list(range(trace.num_steps))


def test_1d_trace_with_features_spans_all_rows():
    x = speech_features(12, 4)
    trace = ce.conv_trace(x, np.ones((4, 3)), ndim=1, padding="causal")
    view = grid_view_1d(trace)
    assert view.values.shape == (4, 14)
    assert (view.rectangles[..., 0] == 0).all() and (view.rectangles[..., 2] == 3).all()
    spec = sliding_window_figure(view)
    go.Figure(spec)
    assert len(spec["frames"]) == 12


def test_feature_figure_one_frame_per_output_frame():
    x = speech_features(10, 80)
    weight = np.ones((8, 80, 3))
    out = ce.conv1d(x, weight)
    spec = feature_figure(x, weight[0], out)
    go.Figure(spec)
    assert len(spec["frames"]) == out.shape[1] == 8


def test_step_names():
    assert step_names((2, 3))[4] == "y[1, 1]"
    assert step_names((4,)) == ("y[0]", "y[1]", "y[2]", "y[3]")


def test_engine_and_viz_do_not_import_streamlit():
    code = (
        "import sys, conv_engine, viz.sliding, viz.features, viz.grid_view, viz.theme;"
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


def test_transposed_scatter_frames_label_the_running_sums():
    """Frame n shows the sums after n + 1 stamps over the cells stamp n reaches; the last
    sums are the transposed conv."""
    from viz.transposed import scatter_figure

    x, w = np.arange(1.0, 7.0).reshape(2, 3), np.array([[1.0, -1.0], [2.0, 0.5]])
    trace = ce.scatter_trace(x, w, stride=2)
    spec = scatter_figure(trace)
    go.Figure(spec)
    assert len(spec["frames"]) == x.size
    expected = ce.conv_transpose2d(x[None, None], w[None, None], stride=2)[0, 0]
    for step, frame in enumerate(spec["frames"]):
        sums, stamp = (t for t in frame["data"] if t["type"] == "heatmap")
        np.testing.assert_allclose(sums["z"], trace.running[step])
        np.testing.assert_allclose(np.array(stamp["text"], dtype=float), trace.running[step])
        row, col = divmod(step, x.shape[1])
        reached = {(2 * row + i, 2 * col + j) for i in range(2) for j in range(2)}
        coloured = {(r, c) for r, line in enumerate(stamp["z"]) for c, v in enumerate(line)}
        coloured = {(r, c) for r, c in coloured if stamp["z"][r][c] is not None}
        assert coloured == reached, f"step {step}"
    np.testing.assert_allclose(sums["z"], expected)
    labelled = spec["data"][frame["traces"][-1]]
    assert labelled["texttemplate"] == "%{text}" and labelled["hovertemplate"].startswith("y[")
