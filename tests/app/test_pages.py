"""AppTest: every page runs at its defaults, reacts to a widget, survives hostile links."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

APP = "../../app.py"
PAGES = ["pages/home.py", "pages/standard.py", "pages/conv1d.py", "pages/transposed.py"]
HOSTILE = [
    {"k": "-5", "n": "100000", "p": "zzz"},
    {"k": "abc", "s": "0", "d": "1e309", "h": "nan", "w": "-1"},
    {"input": "<script>", "kernel": "custom", "weights": "1 2 3 x"},
    {"step": "99999", "seed": "-3", "t": "9" * 300, "co": "0"},
]


def run_page(page: str, query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    if page != "pages/home.py":
        at.switch_page(page)
        at.run()
    return at


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_at_defaults(page):
    at = run_page(page)
    assert not at.exception, f"{page}: {at.exception}"
    assert at.title, f"{page} shows no title"


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
