"""AppTest: every page runs at its defaults, reacts to a widget, survives hostile links."""

from __future__ import annotations

import ast
import contextlib
import importlib.util
import io
import json
import os
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
import pytest
from streamlit.testing.v1 import AppTest

from ui.catalog import PAGES as CATALOG
from viz.scene_contract import unpacked

APP = "../../app.py"
PAGES = [
    "app_pages/home.py",
    "app_pages/standard.py",
    "app_pages/conv1d.py",
    "app_pages/transposed.py",
    "app_pages/dilated.py",
    "app_pages/receptive-field.py",
    "app_pages/causal.py",
    "app_pages/separable.py",
    "app_pages/lightweight.py",
    "app_pages/solver.py",
    "app_pages/exercises.py",
]
TOPICS = PAGES[1:-2]  # the pages that draw a layer (not home, not the tools)
HOSTILE = [
    {"k": "-5", "n": "100000", "p": "zzz"},
    {"k": "abc", "s": "0", "d": "1e309", "h": "nan", "w": "-1"},
    {"input": "<script>", "kernel": "custom", "weights": "1 2 3 x"},
    {"step": "99999", "seed": "-3", "t": "9" * 300, "co": "0"},
]


def run_snippet(snippet: str):
    """(what a framework snippet prints, or None without that framework; the page's result)."""
    lines = snippet.splitlines()
    computed = ast.literal_eval(lines[-1].removeprefix("# the page computed: "))
    framework = "keras" if "import keras" in snippet else "torch"
    if framework == "keras":
        os.environ.setdefault("KERAS_BACKEND", "torch")
    if importlib.util.find_spec(framework) is None:
        return None, computed
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(snippet, "<snippet>", "exec"), {"__name__": "__snippet__"})
    return ast.literal_eval(out.getvalue().strip().splitlines()[-1]), computed


def run_page(page: str, query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    if page != "app_pages/home.py":
        at.switch_page(page)
        at.run()
    return at


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_at_defaults(page):
    at = run_page(page)
    assert not at.exception, f"{page}: {at.exception}"
    assert at.title, f"{page} shows no title"
    for chart in at.get("plotly_chart"):
        # the app hands specs to plotly unvalidated (viz.figure): plotly checks them here
        go.Figure(json.loads(chart.proto.spec))


@pytest.mark.parametrize("page", PAGES[1:])
@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_query_gives_notice_not_traceback(page, query):
    at = AppTest.from_file(APP, default_timeout=30)
    at.switch_page(page)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, f"{page} {query}: {at.exception}"
    notices = " ".join(w.value for w in at.warning)
    assert "replaced" in notices, f"{page} {query}: no notice shown"


def scenes(at: AppTest) -> dict[str, dict]:
    """The animated scenes on the page (their data, as the browser gets it), by key (not
    the document-language component, which has no panels)."""
    found = {
        element.proto.id.rsplit("-", 1)[-1]: json.loads(element.proto.json)
        for element in at.get("bidi_component")
    }
    return {key: unpacked(data) for key, data in found.items() if "panels" in data}


def _texts(at: AppTest) -> str:
    parts = [m.value for m in at.metric] + [x.value for x in at.latex]
    parts += [m.value for m in at.markdown] + [d.value.to_string() for d in at.dataframe]
    parts += [t.value.to_string() for t in at.table]
    parts += [json.dumps(scene["panels"], ensure_ascii=False) for scene in scenes(at).values()]
    return " | ".join(str(p) for p in parts)


@pytest.mark.parametrize(
    ("page", "key", "value", "expected"),
    [
        ("app_pages/standard.py", "standard_k", 5, "→ 2×2"),  # 6×6 VALID, k = 5 → 2×2
        ("app_pages/conv1d.py", "conv1d_n", 20, "= 18"),  # L_out = 20 − 3 + 1
        ("app_pages/transposed.py", "transposed_s", 3, "= {9}"),  # (3−1)·3 + 2 + 1 = 9
        ("app_pages/dilated.py", "dilated_d", 1, r"2\cdot0} = {3}"),  # k_eff = 3 + 2·0 = 3
        ("app_pages/causal.py", "causal_wk", 3, "2,047"),  # 1 + 2·(1 + 2 + … + 512)
        ("app_pages/separable.py", "separable_k", 5, "1/25"),  # the ratio's 1/k²
        ("app_pages/lightweight.py", "lightweight_k", 5, "320"),  # d²·k = 8·8·5
    ],
)
def test_a_slider_changes_what_is_shown(page, key, value, expected):
    at = run_page(page)
    assert expected not in _texts(at), "precondition: not shown before the change"
    at.slider(key=key).set_value(value)
    at.run()
    assert not at.exception, at.exception
    assert expected in _texts(at), f"{page}: {expected!r} not in {_texts(at)!r}"


def test_standard_same_with_stride_names_the_extra_zero():
    at = run_page("app_pages/standard.py", {"p": "same", "s": "2", "h": "6", "w": "6"})
    info = " ".join(i.value for i in at.info)
    assert "1 on the bottom" in info and "1 on the right" in info, info
    assert "refuses stride > 1" in info


def test_custom_kernel_from_link_gives_d2l_numbers():
    """The home page's d2l preset, opened at its last step."""
    (preset,) = [p for info in CATALOG for p in info.presets if p.label.startswith("d2l's 3×3")]
    at = run_page("app_pages/standard.py", {**preset.query, "step": "3"})
    assert not at.exception
    scene = scenes(at)["standard_chart"]
    _, kernel, output = scene["panels"]
    assert kernel["text"] == ["0", "1", "2", "3"]
    assert output["text"] == ["19", "25", "37", "43"]
    assert scene["start"] == 3, "the link's step opens the animation on y[1, 1] = 43"


def test_a_slider_keeps_its_value_when_its_bounds_move():
    """Streamlit restarts a slider at its minimum when min/max change; ours keep the value."""
    at = run_page("app_pages/standard.py")
    assert at.slider(key="standard_k").value == 3
    at.slider(key="standard_h").set_value(4)  # k's maximum drops from 6 to 4
    at.run()
    assert at.slider(key="standard_k").value == 3
    at.slider(key="standard_k").set_value(4)
    at.run()
    at.slider(key="standard_h").set_value(3)  # now 4 no longer fits: clamped, not reset
    at.run()
    assert at.slider(key="standard_k").value == 3
    assert not at.exception


@pytest.mark.parametrize(
    "stack",
    [
        "conv:0:1:1:0",  # zero kernel
        "conv:-3:1:1:0",  # negative kernel
        "conv:abc:1:1:0",  # text in a number cell
        "conv:3:1:1:-2",  # negative padding
        ";".join(["conv:3:1:1:1"] * 300),  # hundreds of layers
        "pool:99999:1:1:0",  # absurd kernel
        "garbage",
    ],
)
def test_hostile_layer_tables_give_a_notice(stack):
    at = run_page("app_pages/receptive-field.py", {"layers": stack})
    assert not at.exception, at.exception
    notices = " ".join(w.value for w in at.warning)
    assert "replaced" in notices, f"{stack[:40]!r}: no notice"
    assert at.dataframe, "the page still shows a stack"


TRANSPOSED_VIEWS = ["insertion", "matrix", "output_padding", "checkerboard"]


@pytest.mark.parametrize("view", TRANSPOSED_VIEWS)
def test_each_transposed_view_reacts_to_the_stride(view):
    """Open one view, change s: what that view shows changes (and nothing breaks)."""
    at = run_page("app_pages/transposed.py", {"view": view})
    assert not at.exception, at.exception

    def shown(at):
        charts = [c.proto.spec for c in at.get("plotly_chart")]
        tables = [str(t.value) for t in at.table]
        animations = [s["id"] for key, s in scenes(at).items() if key == "transposed_chart"]
        return charts + tables + animations

    before = shown(at)
    for spec in before[: len(at.get("plotly_chart"))]:
        go.Figure(json.loads(spec))
    at.slider(key="transposed_s").set_value(3)
    at.run()
    assert not at.exception, at.exception
    assert shown(at) != before, f"{view}: nothing changed with the stride"


def test_receptive_field_preset_changes_the_numbers():
    at = run_page("app_pages/receptive-field.py")
    assert "r = 7" in _texts(at), "plain 3×3 × 3 by default"
    at.selectbox(key="receptive-field_preset").set_value("dilated 1, 2, 4")
    at.run()
    assert not at.exception, at.exception
    assert "r = 15" in _texts(at), _texts(at)


@pytest.mark.parametrize("page", TOPICS)
def test_framework_code_prints_what_the_page_computed(page):
    """Opening the 🐍 panel shows runnable PyTorch (and Keras, or why not) for the page's
    settings; with the frameworks installed, the code prints the page's own result."""
    at = run_page(page)
    key = page.removeprefix("app_pages/").removesuffix(".py") + "_framework_code"
    assert not [c for c in at.code if "# the page computed:" in c.value], "built while closed"
    at.session_state[key] = True
    at.run()
    assert not at.exception, at.exception
    snippets = [c.value for c in at.code if "# the page computed:" in c.value]
    assert snippets and "import torch" in snippets[0]
    for snippet in snippets:
        printed, computed = run_snippet(snippet)
        if printed is not None:
            np.testing.assert_allclose(printed, computed, atol=1e-3)


ENGINE_CODE = {
    "app_pages/standard.py": "def conv2d_reference",
    "app_pages/conv1d.py": "def conv1d_reference",
    "app_pages/transposed.py": "def conv_transpose2d_reference",
    "app_pages/receptive-field.py": "def receptive_field",
    "app_pages/separable.py": "def depthwise_separable_conv2d",
    "app_pages/lightweight.py": "def lightweight_conv1d",
}


@pytest.mark.parametrize("page", list(ENGINE_CODE))
def test_engine_code_is_built_only_when_open(page):
    """A collapsed expander still renders its content (the browser highlights it on every
    visit), so the engine's source is sent only once the 🔎 panel is opened."""
    at = run_page(page)
    assert not [c for c in at.code if ENGINE_CODE[page] in c.value], "sent while closed"
    at.session_state[page.removeprefix("app_pages/").removesuffix(".py") + "_engine_code"] = True
    at.run()
    assert not at.exception, at.exception
    assert [c for c in at.code if ENGINE_CODE[page] in c.value]


def test_the_lab_says_r_is_a_span_and_counts_the_cells_seen():
    """/receptive-field?preset=custom&layers=conv:2:1:2:0;conv:2:1:2:0&n=64: r = 5, and
    the output reads 3 cells (its snippet prints 3)."""
    at = run_page(
        "app_pages/receptive-field.py",
        {"preset": "custom", "layers": "conv:2:1:2:0;conv:2:1:2:0", "n": "64"},
    )
    assert not at.exception, at.exception
    assert any("r = 5" in m.value for m in at.markdown)
    assert any("reads **3** input cells" in c.value for c in at.caption)
    assert not any("how many input cells one output sees" in c.value for c in at.caption)


def test_separable_ratio_counts_the_depth_multiplier():
    at = run_page("app_pages/separable.py", {"cin": "3", "cout": "4", "k": "3", "m": "2"})
    assert not at.exception, at.exception
    assert any("**0.722**" in m.value and "m/C_out" in m.value for m in at.markdown)


@pytest.mark.parametrize(
    ("query", "notice"),
    [
        ({"topic": "standard", "q": "2.5"}, "`q=2.5` is not a whole number"),
        ({"topic": "standard", "seed": "1.9"}, "`seed=1.9` is not a whole number"),
        ({"topic": "standard", "q": "99999999999999999999"}, "`q=99999999999999999999` is"),
        ({"lang": "xx"}, "`lang=xx` is not a language of this app"),
    ],
)
def test_links_that_cannot_be_read_exactly_say_so(query, notice):
    at = run_page("app_pages/exercises.py", query)
    assert not at.exception, at.exception
    assert any(notice in w.value for w in at.warning), [w.value for w in at.warning]


@pytest.mark.parametrize(
    ("page", "query", "title"),
    [
        (
            "standard",
            {"h": "6", "w": "6", "k": "3", "s": "2", "p": "same"},
            "Conv2d 6×6, k = 3, s = 2, SAME",
        ),
        (
            "transposed",
            {"n": "3", "k": "3", "s": "2", "p": "1", "op": "1"},
            "ConvTranspose2d 3×3, k = 3, s = 2, p = 1, output_padding = 1",
        ),
    ],
)
def test_the_slide_is_titled_with_the_layer_not_the_link(page, query, title):
    """Issue 24: the export's title names the layer; the viewer may write their own."""
    at = run_page(f"app_pages/{page}.py", query)
    at.session_state[f"{page}_export"] = True
    at.run()
    assert not at.exception, at.exception
    box = at.text_input(key=f"{page}_export_title")
    assert box.proto.placeholder == title
    assert "=" not in box.proto.placeholder.replace(" = ", "")  # no `k=3 · s=2` settings


def test_home_keeps_its_menu_whatever_the_link_says():
    """Presenter mode hides the menu (app.py); home has no presenter switch to bring it back."""
    at = run_page("app_pages/home.py", {"present": "1"})
    assert not at.exception
    assert "present" not in at.query_params


def test_every_home_preset_opens_its_page_with_its_settings():
    """Issue 23: every link the app offers opens its page with no setting replaced."""
    from tests.app.links import open_link

    opened = 0
    for info in CATALOG:
        for preset in info.presets:
            open_link(info.path, preset.query)
            opened += 1
    assert opened >= 8


def test_every_plotly_chart_is_summed_up_for_a_screen_reader():
    """A plotly chart is a picture to a screen reader: every call of ``plot`` gives a
    summary sentence (WCAG 1.1.1), and the page puts it just before the chart."""
    calls = []
    for path in [*Path("ui").glob("*.py"), *Path("app_pages").glob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "plot":
                calls.append((path, node.lineno, len(node.args)))
    assert len(calls) >= 10, calls
    assert [c for c in calls if c[2] < 3] == [], "plot(spec, key, summary) everywhere"
    at = run_page("app_pages/transposed.py", {"view": "checkerboard"})
    summaries = [
        h.proto.body for h in at.get("html") if '<p class="chart-summary">' in h.proto.body
    ]
    assert len(summaries) == len(at.get("plotly_chart")) >= 2
    assert any("(input cell, tap) pairs land on each output cell" in s for s in summaries)
