"""Sections rerun alone and write only their own part of the URL; links fall back politely."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _section_script() -> None:
    from ui.params import PageParams

    params = PageParams("t")
    params.integer("k", "k", 3, 1, 9)
    params.update_url()


def _sections_script() -> None:
    import streamlit as st

    from ui.params import PageParams
    from ui.sections import section

    params = PageParams("t")

    def first(params: PageParams) -> None:
        st.write(f"k = {params.integer('k', 'k', 3, 1, 9)}")

    def second(params: PageParams, label: str) -> None:
        st.write(f"{label} = {params.integer('n', 'n', 5, 1, 9)}")

    section(params, first)
    section(params, second, "n")
    params.show_notices()
    params.publish()


def _tabs_script() -> None:
    import streamlit as st

    from ui.panels import lazy_tabs
    from ui.params import PageParams

    params = PageParams("t")
    views = lazy_tabs(params, {"scatter": "Scatter", "matrix": "Matrix"})
    for slug, view in zip(("scatter", "matrix"), views, strict=True):
        if view.open:
            with view:
                st.write(f"open: {slug}")
    params.show_notices()
    params.publish()


def test_update_url_writes_its_keys_and_keeps_the_others():
    at = AppTest.from_function(_section_script)
    at.query_params = {"k": "5", "other": "kept"}
    at.run()
    assert at.query_params == {"k": "5", "other": "kept"}
    at.slider(key="t_k").set_value(7).run()
    assert at.query_params == {"k": "7", "other": "kept"}


def _run_sections(query: dict[str, str]) -> AppTest:
    at = AppTest.from_function(_sections_script)
    at.query_params = query
    at.run()
    assert not at.exception
    return at


def test_sections_show_their_widgets_and_the_page_publishes_all():
    at = _run_sections({"n": "2", "junk": "x"})
    assert [m.value for m in at.markdown] == ["k = 3", "n = 2"]
    assert at.query_params == {"k": "3", "n": "2"}, "publish drops keys the page does not know"
    at.slider(key="t_k").set_value(8).run()
    assert [m.value for m in at.markdown] == ["k = 8", "n = 2"]
    assert at.query_params == {"k": "8", "n": "2"}


def test_a_bad_link_value_falls_back_to_the_default_and_says_so():
    at = _run_sections({"k": "-5", "n": "abc"})
    assert [m.value for m in at.markdown] == ["k = 3", "n = 5"], "defaults, not the minimum"
    notice = " ".join(w.value for w in at.warning)
    assert "`k=-5` is outside 1…9 here: using the default `3`" in notice, notice
    assert "`n=abc` is not a whole number" in notice


def test_the_open_tab_is_part_of_the_link():
    at = AppTest.from_function(_tabs_script)
    at.query_params = {"view": "matrix"}
    at.run()
    assert not at.exception
    assert [m.value for m in at.markdown] == ["open: matrix"]
    assert at.query_params == {"view": "matrix"}
    bad = AppTest.from_function(_tabs_script)
    bad.query_params = {"view": "nonsense"}
    bad.run()
    assert [m.value for m in bad.markdown] == ["open: scatter"]
    assert "`view=nonsense` is not one of scatter, matrix" in bad.warning[0].value
