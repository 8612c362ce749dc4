"""Sections rerun alone and write only their own part of the URL."""

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

    @section(params)
    def first() -> None:
        st.write(f"k = {params.integer('k', 'k', 3, 1, 9)}")

    @section(params)
    def second() -> None:
        st.write(f"n = {params.integer('n', 'n', 5, 1, 9)}")

    first()
    second()
    params.publish()


def _controls_last_script() -> None:
    import streamlit as st

    from ui.params import PageParams
    from ui.sections import controls_last, section

    params = PageParams("t")

    def controls(params: PageParams) -> tuple[int, str, bool, str]:
        left, right = params.columns(2)
        k = params.integer("k", "k", 3, 1, 9, container=left)
        mode = params.choice("p", "p", ("valid", "same"), "valid", container=right)
        flag = params.toggle("f", "f", False)
        text = params.text("w", "w", "1 2", str.split, describe="words")
        return k, mode, flag, text

    @section(params)
    def body() -> None:
        with controls_last(params, controls) as (k, mode, flag, text):
            st.write(f"k = {k}, p = {mode}, f = {flag}, w = {text}")

    body()
    params.show_notices()
    params.publish()


def _in_page_order(block):
    """The elements under an AppTest block, top to bottom."""
    for _, child in sorted(getattr(block, "children", {}).items()):
        yield child
        yield from _in_page_order(child)


def test_update_url_writes_its_keys_and_keeps_the_others():
    at = AppTest.from_function(_section_script)
    at.query_params = {"k": "5", "other": "kept"}
    at.run()
    assert at.query_params == {"k": "5", "other": "kept"}
    at.slider(key="t_k").set_value(7).run()
    assert at.query_params == {"k": "7", "other": "kept"}


def test_sections_show_their_widgets_and_the_page_publishes_all():
    at = AppTest.from_function(_sections_script)
    at.query_params = {"n": "2", "junk": "x"}
    at.run()
    assert not at.exception
    assert [m.value for m in at.markdown] == ["k = 3", "n = 2"]
    assert at.query_params == {"k": "3", "n": "2"}, "publish drops keys the page does not know"
    at.slider(key="t_k").set_value(8).run()
    assert [m.value for m in at.markdown] == ["k = 8", "n = 2"]
    assert at.query_params == {"k": "8", "n": "2"}


def test_controls_last_draws_the_controls_once_above_the_body_with_the_values_it_read():
    at = AppTest.from_function(_controls_last_script)
    at.query_params = {"k": "12", "p": "same", "f": "1", "w": "3 4"}
    at.run()
    assert not at.exception
    assert [m.value for m in at.markdown] == ["k = 9, p = same, f = True, w = 3 4"]
    assert at.slider(key="t_k").value == 9
    assert len(at.slider) == 1 and len(at.toggle) == 1 and len(at.text_input) == 1
    assert len(at.warning) == 1 and at.warning[0].value.count("`k=12`") == 1, "one notice"
    shown = [element.type for element in _in_page_order(at.main)]
    assert shown.index("slider") < shown.index("markdown"), "controls above the body"
    at.slider(key="t_k").set_value(4).run()
    assert [m.value for m in at.markdown] == ["k = 4, p = same, f = True, w = 3 4"]
    assert at.query_params == {"k": "4", "p": "same", "f": "1", "w": "3 4"}
