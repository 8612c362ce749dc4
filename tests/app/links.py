"""Open a link the app offers, as a student would, and check it keeps its promise: the page
runs, replaces none of the link's settings, and shows what the link was for."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from .test_pages import run_page


def replaced(at: AppTest) -> list[str]:
    """The notices a page writes when a link's settings cannot be shown."""
    return [w.value for w in at.warning if "cannot be shown" in w.value]


def page_text(at: AppTest) -> str:
    """Every word and number a page shows in text: markdown, captions, metrics, tables."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    parts += [t.value.to_string() for t in at.table]
    parts += [d.value.to_string() for d in at.dataframe]
    return "\n".join(parts)


def open_link(page: str, query: dict[str, str]) -> AppTest:
    """Run ``page`` (``app_pages/<name>.py``) from ``query``; fail if it raises, replaces a
    setting, or writes back into the URL any value other than the link's."""
    at = run_page(page, query)
    assert not at.exception, (page, query, at.exception)
    assert not replaced(at), (page, query, replaced(at))
    for name, value in query.items():
        assert at.query_params.get(name) in (value, [value]), (page, name, value, at.query_params)
    return at
