"""English / 中文: the link carries the language, the switch keeps every other setting."""

from __future__ import annotations

import json

import pytest

from i18n.extract import ROOT
from tests.app.test_pages import PAGES, run_page

CATALOGUE = json.loads((ROOT / "assets/i18n/zh.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_in_chinese_with_a_chinese_title(page):
    at = run_page(page, {"lang": "zh"})
    assert not at.exception, at.exception
    title = at.title[0].value
    assert title in CATALOGUE.values(), title
    if page != "pages/home.py":
        assert at.query_params["lang"] == ["zh"] or at.query_params["lang"] == "zh"


def test_switching_the_language_keeps_every_other_setting():
    at = run_page("pages/standard.py", {"k": "2", "s": "2", "p": "same"})
    assert at.title[0].value == "🔲 Standard convolution"
    (switch,) = [w for w in at.get("button_group") if w.proto.label == "Language"]
    switch.set_value("zh").run()
    assert not at.exception, at.exception
    assert at.title[0].value == "🔲 标准卷积"
    assert at.slider(key="standard_k").value == 2
    assert at.slider(key="standard_s").value == 2
    assert at.session_state["standard_p"] == "same"


def test_a_chinese_browser_opens_in_chinese_unless_the_link_says_otherwise(monkeypatch):
    import streamlit as st

    class Chinese:
        locale = "zh-CN"

        def __getattr__(self, name):
            return getattr(st.context, name)

    monkeypatch.setattr("ui.language.st.context", Chinese(), raising=False)
    at = run_page("pages/standard.py")
    assert at.title[0].value == "🔲 标准卷积"
    at = run_page("pages/standard.py", {"lang": "en"})
    assert at.title[0].value == "🔲 Standard convolution"
