"""English / 中文: the link carries the language, the switch keeps every other setting."""

from __future__ import annotations

import re

import pytest

from i18n.extract import read
from tests.app.test_pages import PAGES, run_page

TRANSLATIONS = {message.string for message in read("zh") if message.id}


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_in_chinese_with_a_chinese_title(page):
    at = run_page(page, {"lang": "zh"})
    assert not at.exception, at.exception
    title = at.title[0].value
    assert title in TRANSLATIONS, title
    if page != "app_pages/home.py":
        assert at.query_params["lang"] == ["zh"] or at.query_params["lang"] == "zh"


def test_switching_the_language_keeps_every_other_setting():
    at = run_page("app_pages/standard.py", {"k": "2", "s": "2", "p": "same"})
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
    at = run_page("app_pages/standard.py")
    assert at.title[0].value == "🔲 标准卷积"
    at = run_page("app_pages/standard.py", {"lang": "en"})
    assert at.title[0].value == "🔲 Standard convolution"


@pytest.mark.parametrize("page", PAGES)
def test_no_english_prose_is_left_in_chinese(page):
    """Markdown, captions, labels, help, options, tables' neighbours, figure titles, axis
    labels, legends, hover text and the scenes' titles, legends and captions: Chinese,
    except code, mathematics, names and identifiers."""
    from tests.app.english import english_phrases, figure_texts, shown_texts

    at = run_page(page, {"lang": "zh"})
    assert not at.exception, at.exception
    left = {
        text[:80]: english_phrases(text)
        for text in shown_texts(at) + figure_texts(at)
        if english_phrases(text)
    }
    assert not left, left


CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("page", PAGES)
def test_english_pages_show_no_chinese(page):
    from tests.app.english import figure_texts, shown_texts

    at = run_page(page, {"lang": "en"})
    assert not at.exception, at.exception
    chinese = [text for text in shown_texts(at) + figure_texts(at) if CJK.search(text)]
    assert chinese == ["中文"], chinese  # the switch names its language in that language


VIEWS = (
    [
        ("app_pages/transposed.py", view)
        for view in ("insertion", "matrix", "output_padding", "checkerboard")
    ]
    + [("app_pages/causal.py", view) for view in ("matrix", "streaming")]
    + [("app_pages/lightweight.py", view) for view in ("parameters", "attention", "dynamic")]
)


@pytest.mark.parametrize(("page", "view"), VIEWS)
def test_every_tab_is_chinese(page, view):
    from tests.app.english import english_phrases, figure_texts, shown_texts

    at = run_page(page, {"lang": "zh", "view": view})
    assert not at.exception, at.exception
    left = [text[:80] for text in shown_texts(at) + figure_texts(at) if english_phrases(text)]
    assert not left, left


@pytest.mark.parametrize("page", PAGES[1:-2])
def test_the_opened_panels_are_chinese(page):
    """Export for slides, the framework code's captions and refusals, the engine code."""
    from tests.app.english import english_phrases, shown_texts

    at = run_page(page, {"lang": "zh"})
    name = page.removeprefix("app_pages/").removesuffix(".py")
    for panel in ("export", "framework_code", "engine_code"):
        at.session_state[f"{name}_{panel}"] = True
    at.run()
    assert not at.exception, at.exception
    texts = shown_texts(at) + [info.value for info in at.info]
    left = [text[:80] for text in texts if english_phrases(text)]
    assert not left, left
