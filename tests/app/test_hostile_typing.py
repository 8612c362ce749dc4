"""Whatever a student types into a text field or a table cell, the page answers in plain words.

Every text input of every page (including those that appear only for a custom choice) and
every cell of the receptive-field table gets hostile text: the page must not raise, must
name the field in its message, and must never show Python's own words.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from .test_pages import PAGES, run_page, scenes

HOSTILE_TEXT = ["banana", "1 2 3 x", "", "1e999", "-1, 0", "<script>alert(1)</script>", "9" * 300]
PYTHON_WORDS = (
    "invalid literal",
    "could not convert",
    "Traceback",
    "Error:",
    "ValueError",
    "TypeError",
    "KeyError",
    "object has no attribute",
)
# pages whose text fields appear only after a choice, and the query that opens them
REVEAL = {
    "app_pages/standard.py": {"kernel": "custom"},
    "app_pages/dilated.py": {"rates": "custom"},
}


def _everything_shown(at: AppTest) -> str:
    parts = [e.value for e in (*at.markdown, *at.warning, *at.error, *at.info, *at.caption)]
    parts += [e.value for e in at.success] + [str(e.value) for e in at.exception]
    return "\n".join(str(p) for p in parts)


def _assert_plain(at: AppTest, where: str) -> None:
    assert not at.exception, f"{where}: {at.exception}"
    shown = _everything_shown(at)
    for word in PYTHON_WORDS:
        assert word not in shown, f"{where}: {word!r} reached the page:\n{shown}"


@pytest.mark.parametrize("page", PAGES[1:])
def test_typed_text_gets_a_sentence_naming_the_field(page):
    at = run_page(page, REVEAL.get(page))
    fields = [(field.key, field.label) for field in at.text_input]
    if page in REVEAL:
        assert fields, f"{page}: its custom text field did not appear"
    for key, label in fields:
        for text in HOSTILE_TEXT:
            at.text_input(key=key).input(text).run()
            _assert_plain(at, f"{page} {key}={text[:20]!r}")
            messages = " ".join(w.value for w in at.warning)
            if text in ("banana", "1 2 3 x", "<script>alert(1)</script>"):
                assert label in messages, f"{page}: no message names {label!r}: {messages}"


TABLE_EDITS = [
    {"padding": "banana"},
    {"padding": "-2"},
    {"padding": "1,2,3"},
    {"kernel": "banana"},
    {"kernel": -3},
    {"stride": 0},
    {"dilation": 1e9},
    {"kind": "banana"},
]


def test_receptive_field_table_cells_get_plain_sentences():
    at = run_page("app_pages/receptive-field.py")
    key = next(k for k in at.session_state if k.startswith("receptive-field_table_"))
    for edit in TABLE_EDITS:
        at.session_state[key] = {"edited_rows": {0: edit}, "added_rows": [], "deleted_rows": []}
        at.run()
        _assert_plain(at, f"table edit {edit}")
        warnings = " ".join(w.value for w in at.warning)
        column = {"kernel": "k", "stride": "s", "dilation": "d"}.get(*edit, *edit)
        assert "row 1 was skipped" in warnings and column in warnings, warnings
        assert at.dataframe, "the page still shows the rest of the stack"


def test_a_wrong_custom_kernel_says_what_to_type_and_keeps_the_last_good_one():
    at = run_page("app_pages/standard.py", {"kernel": "custom", "k": "2", "weights": "0 1; 2 3"})
    field = at.text_input(key="standard_weights")
    field.input("1 2 3").run()
    _assert_plain(at, "custom kernel with 3 numbers")
    messages = " ".join(w.value for w in at.warning)
    assert "k = 2 needs 4 numbers (2×2), got 3" in messages
    assert "Using `0 1; 2 3`" in messages, messages
    assert not any("Reduce k or d" in c.value for c in at.caption), "not a geometry problem"
    kernel = scenes(at)["standard_chart"]["panels"][1]
    assert kernel["text"] == ["0", "1", "2", "3"], "the animation keeps the last good kernel"
