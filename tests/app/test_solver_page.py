"""The size solver's page: its rows are the engine's, and every "open" link shows that size."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest

import conv_engine as ce

from .test_pages import run_page

PAGE_FILES = {
    "standard": "pages/standard.py",
    "transposed": "pages/transposed.py",
    "receptive-field": "pages/receptive-field.py",
}


def solver(query: dict[str, str]):
    at = run_page("pages/solver.py", query)
    assert not at.exception, at.exception
    return at


def table(at):
    return at.dataframe[0].value


def test_defaults_list_every_engine_answer_for_224_to_112():
    frame = table(solver({}))
    expected = ce.solve_conv(224, 112)
    assert len(frame) == len(expected)
    assert list(frame["k"]) == [row.kernel_size for row in expected]
    assert frame["PyTorch"][0] == "nn.Conv2d(C_in, C_out, 2, stride=2)"


@pytest.mark.parametrize(
    ("kind", "n", "o", "shown"),
    [("conv", 8, 4, "8×8 → 4×4"), ("conv", 7, 7, "7×7 → 7×7"), ("transposed", 3, 7, "3×3 → 7×7")],
)
def test_every_open_link_shows_the_size_it_promises(kind, n, o, shown):
    frame = table(solver({"kind": kind, "n": str(n), "o": str(o)}))
    links = [link for link in frame["open"] if link]
    assert links
    for link in links:
        parts = urlsplit(link)
        at = run_page(PAGE_FILES[parts.path], dict(parse_qsl(parts.query)))
        assert not at.exception, (link, at.exception)
        replaced = [w.value for w in at.warning if "cannot be shown" in w.value]
        assert not replaced, (link, replaced)
        if parts.path == "receptive-field":
            assert int(at.table[0].value["output size"].iloc[-1]) == o, link
        else:
            assert any(shown in m.value for m in at.markdown), (link, shown)


def test_large_lengths_open_in_the_receptive_field_lab():
    frame = table(solver({"n": "224", "o": "112"}))
    link = urlsplit(frame["open"][0])
    assert link.path == "receptive-field"
    at = run_page(PAGE_FILES[link.path], dict(parse_qsl(link.query)))
    assert not at.exception, at.exception
    assert any("r = 2, j = 2" in m.value for m in at.markdown)


def test_no_answer_says_what_to_widen():
    at = solver({"n": "5", "o": "100"})
    assert not at.dataframe
    assert "transposed convolution" in at.warning[0].value
