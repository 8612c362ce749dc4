"""The size solver's page: its rows are the engine's, and every "open" link shows that size."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest

import conv_engine as ce

from .links import open_link, page_text
from .test_pages import run_page

PAGE_FILES = {
    "standard": "app_pages/standard.py",
    "transposed": "app_pages/transposed.py",
    "receptive-field": "app_pages/receptive-field.py",
}


def solver(query: dict[str, str]):
    at = run_page("app_pages/solver.py", query)
    assert not at.exception, at.exception
    return at


def layers_output(at) -> int:
    """The receptive-field lab's last output size, from its per-layer table."""
    frame = next(d.value for d in at.dataframe if "output size" in d.value.columns)
    return int(frame["output size"].iloc[-1])


def table(at):
    return at.dataframe[0].value


def test_defaults_list_every_engine_answer_for_224_to_112():
    frame = table(solver({}))
    expected = ce.solve_conv(224, 112)
    assert len(frame) == len(expected)
    assert list(frame["k"]) == [row.kernel_size for row in expected]
    assert list(frame["pytorch_code"]) == [
        f"nn.Conv2d(C_in, C_out, {row.kernel_size}"
        + (f", stride={row.stride}" if row.stride != 1 else "")
        + (f", padding={row.padding}" if row.padding else "")
        + (f", dilation={row.dilation}" if row.dilation != 1 else "")
        + ")"
        for row in expected[: len(frame)]
    ]


def test_the_first_row_is_written_out_as_layers_until_another_is_chosen():
    at = solver({})
    first = ce.solve_conv(224, 112)[0]
    assert first.kernel_size == 2 and first.stride == 2
    codes = [block.value for block in at.code]
    assert codes[:2] == [
        "nn.Conv2d(C_in, C_out, 2, stride=2)",
        "Conv2D(C, 2, strides=2, padding='valid')",
    ]


def test_a_layer_keras_cannot_write_says_why_instead_of_code():
    at = solver({"kind": "transposed", "n": "7", "o": "15"})
    frame = table(at)
    refused = [i for i, writes in enumerate(frame["keras_writes_it"]) if not writes]
    assert refused, "7 → 15 has answers with strides > 1 and dilation > 1"
    assert frame["Keras"][refused[0]] == "✗"


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
            assert layers_output(at) == o, link
        else:
            assert any(shown in m.value for m in at.markdown), (link, shown)


@pytest.mark.parametrize(
    "query",
    [
        {"kind": "conv", "n": "6", "o": "3", "kmax": "8"},
        {"kind": "conv", "n": "12", "o": "2", "kmax": "11", "dmax": "4", "pmax": "10"},
        {"kind": "conv", "n": "28", "o": "19", "kmax": "6", "dmax": "2"},
        {"kind": "transposed", "n": "4", "o": "9", "kmax": "11"},
        {"kind": "transposed", "n": "8", "o": "1"},
    ],
)
def test_every_offered_link_opens_exactly_its_row(query):
    """/solver?kind=conv&n=6&o=3&kmax=8 linked k = 8 to a page that caps k at 7 (it opened
    k = 3): a row's link opens its page with every setting kept, at the row's size."""
    frame = table(solver(query))
    n, o = int(query["n"]), int(query["o"])
    for index, link in enumerate(frame["open"]):
        if not link:
            continue
        parts = urlsplit(link)
        linked = dict(parse_qsl(parts.query))
        at = open_link(PAGE_FILES[parts.path], linked)
        assert int(linked.get("k", frame["k"][index])) == frame["k"][index]
        text = page_text(at)
        if parts.path == "receptive-field":
            assert layers_output(at) == o, link
        else:
            side = f"{n}×{n} → {o}×{o}"
            assert side in text, (link, side)


def test_the_stated_bounds_are_every_bound_the_search_uses():
    at = solver({"kind": "transposed", "n": "8", "o": "1"})
    text = page_text(at)
    assert "(d = 1 when k = 1)" in text and "output_padding < max(s, d)" in text
    assert table(at)["k"].tolist(), "8 → 1 has layers: ConvTranspose2d(2, padding=4)"


def test_keras_same_with_output_padding_is_not_written_for_pytorchs_layer():
    """/solver?kind=transposed&n=7&o=14: the row k = 3, s = 2, p = 1, op = 1 was written
    as Keras padding='same', output_padding=1, whose values are shifted by one."""
    frame = table(solver({"kind": "transposed", "n": "7", "o": "14"}))
    for index in range(len(frame)):
        row = {name: frame[name][index] for name in ("k", "s", "p", "op", "d")}
        if row == {"k": 3, "s": 2, "p": 1, "op": 1, "d": 1}:
            assert frame["keras_code"][index].startswith(
                "Conv2DTranspose(C, 3, strides=2, padding='valid', output_padding=1)"
            )
            assert "Cropping2D(1)" in frame["keras_code"][index]
            break
    else:
        raise AssertionError("the row is listed")


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
