"""The live class's pages (AppTest): starting a class, asking about what the page shows,
and the links a class leaves (a bad code, an ended class) answered with a sentence.

The browser's part (following, the event stream, the reveal on every screen) is
``tests/e2e/test_live_class.py``; the rules are ``tests/classroom``."""

from __future__ import annotations

import numpy as np
from streamlit.testing.v1 import AppTest

from classroom import shared_room
from tests.app.test_pages import APP, run_page
from tests.naive import naive_conv
from ui.channels import LAYER_BIASES
from ui.live import SESSION


def _texts(at) -> str:
    return "\n".join(m.value for m in [*at.markdown, *at.caption, *at.warning, *at.info])


def _start(page: str, query: dict[str, str]) -> tuple[AppTest, str]:
    at = run_page(page, query)
    next(b for b in at.button if b.label == "👥 Start a class").click().run()
    assert not at.exception, at.exception
    member = at.session_state[SESSION]
    return at, member.code


def test_starting_a_class_makes_this_browser_the_teachers_and_its_link_says_so():
    at, code = _start("app_pages/standard.py", {"h": "5", "w": "5", "k": "3"})
    member = at.session_state[SESSION]
    assert member.role == "teacher" and shared_room().is_teacher(code, member.key)
    assert f"Class {code}" in _texts(at)
    assert at.query_params["teach"] == code  # a reload finds the class again
    assert member.key not in str(dict(at.query_params))  # the key never enters a link
    labels = {b.label for b in at.button}
    assert {"↩ Gather", "⏹ End the class"} <= labels and "👥 Start a class" not in labels


def test_the_teacher_asks_about_the_setting_on_the_screen():
    """The next step's value at the page's own setting and step, as a naive conv says."""
    weights = "1 -2 0; 3 1 -1; 0 2 1"
    at, code = _start(
        "app_pages/standard.py",
        {
            "h": "5",
            "w": "6",
            "k": "3",
            "s": "2",
            "p": "same",
            "input": "count",
            "kernel": "custom",
            "weights": weights,
            "step": "1",
        },
    )
    next(b for b in at.button if b.label == "What does the next step write?").click().run()
    assert not at.exception, at.exception
    question = shared_room().state(code, at.session_state[SESSION].key).question
    x = np.arange(30, dtype=float).reshape(5, 6)  # the "count" input: 0, 1, 2, …
    kernel = np.array([[1, -2, 0], [3, 1, -1], [0, 2, 1]], dtype=float)
    # SAME at stride 2, k 3 (TensorFlow's pads, the odd zero at the end): 5 rows → 3 outputs
    # need 2·2 + 3 − 5 = 2 zeros (1 + 1); 6 columns → 3 need 2·2 + 3 − 6 = 1 (0 + 1)
    pads = [(1, 1), (0, 1)]
    expected = naive_conv(x[None, None], kernel[None, None], None, (2, 2), pads, (1, 1), 1)[0, 0]
    assert question.step == 2 and question.values["position"] == "0, 2"
    assert int(question.answer) == int(expected[0, 2])
    assert "Next the window moves to y[0, 2]" in _texts(at)
    assert "0 of 0 answered" in _texts(at).replace("**", "")


def test_a_bad_code_in_a_link_is_a_sentence_and_no_class():
    at = run_page("app_pages/standard.py", {"join": "no!"})
    assert not at.exception, at.exception
    assert "is not a class code" in _texts(at)
    assert SESSION not in at.session_state


def test_an_ended_class_in_a_link_says_so_and_the_app_goes_on():
    started = shared_room().start("test-ended")
    shared_room().end(started.code, started.key)
    for name, said in (("join", "There is no class"), ("teach", "The class")):
        at = AppTest.from_file(APP, default_timeout=30)
        at.query_params[name] = started.code
        at.run()
        assert not at.exception, at.exception
        assert f"{said} {started.code}" in _texts(at)
        assert SESSION not in at.session_state and name not in at.query_params
        at.switch_page("app_pages/causal.py").run()  # the app goes on, classless
        assert not at.exception and at.title and SESSION not in at.session_state


def test_a_class_code_typed_on_the_home_page():
    at = AppTest.from_file(APP, default_timeout=30).run()
    at.text_input[0].set_value("  abc-234 ")  # in a form: sent with its button
    next(b for b in at.button if b.label == "👥 Join").click().run()
    assert not at.exception, at.exception
    assert "There is no class ABC234" in _texts(at)  # none was started with that code
    assert "join" not in at.query_params and SESSION not in at.session_state


def test_the_class_page_starts_a_class_and_shows_its_join_screen():
    at = AppTest.from_file(APP, default_timeout=30).run()
    at.switch_page("app_pages/class.py").run()
    assert not at.exception, at.exception
    starts = [b for b in at.button if b.label == "👥 Start a class"]
    assert len(starts) == 1  # the page's own (the header's is left out here)
    starts[0].click().run()
    assert not at.exception, at.exception
    code = at.session_state[SESSION].code
    shown = "\n".join(element.proto.body for element in at.get("html"))
    assert f"?join={code}" in shown and "QR code of the link to join class" in shown


def test_on_transposed_the_teacher_asks_the_size_of_the_pages_own_output():
    at, code = _start(
        "app_pages/transposed.py", {"n": "3", "k": "3", "s": "2", "p": "1", "op": "1"}
    )
    next(b for b in at.button if b.label == "How large is the output?").click().run()
    assert not at.exception, at.exception
    question = shared_room().state(code, at.session_state[SESSION].key).question
    n, k, s, p, op, d = 3, 3, 2, 1, 1, 1
    assert int(question.answer) == (n - 1) * s - 2 * p + d * (k - 1) + op + 1  # PyTorch's
    assert question.values["n"] == "3" and question.values["op"] == "1"
    assert question.step is None  # the scatter is not stepped to: nothing to play to


def test_a_page_with_no_animated_conv_asks_one_of_its_exercises():
    at, code = _start("app_pages/receptive-field.py", {})
    next(b for b in at.button if b.label == "A question from this page's exercises").click().run()
    assert not at.exception, at.exception
    question = shared_room().state(code, at.session_state[SESSION].key).question
    assert question is not None and question.kind == "number" and question.step is None
    assert question.text() in _texts(at)


def test_on_a_layer_the_teacher_asks_about_its_volumes():
    """With channels, the next step's value is the layer's cell y[o, i, j] (every input
    channel and the bias), as a naive conv of the arrays the page draws says."""
    from tests.app.test_layer_page import _array, _cells, _scene

    query = {"h": "5", "w": "5", "k": "3", "cin": "2", "cout": "2", "bias": "1", "step": "8"}
    at, code = _start("app_pages/standard.py", query)
    next(b for b in at.button if b.label == "What does the next step write?").click().run()
    assert not at.exception, at.exception
    question = shared_room().state(code, at.session_state[SESSION].key).question
    panels = _scene(at, "standard_chart")["panels"]
    x, weight = _array(_cells(panels[0])), _array(_cells(panels[1]))
    bias = np.array(LAYER_BIASES[:2])
    expected = naive_conv(x[None], weight, bias, (1, 1), [(0, 0), (0, 0)], (1, 1), 1)[0]
    # step 8 is channel 0's last cell (3 × 3 a map): the next is y[1, 0, 0]
    assert question.step == 9 and question.values["position"] == "1, 0, 0"
    assert int(question.answer) == expected[1, 0, 0]
    assert "Next the window moves to y[1, 0, 0]" in _texts(at)
