"""Padding that copies the input (PyTorch's padding_mode) on the pages that pad: the link's
``pmode`` draws the copies with their sources, and a pad the mode refuses is a sentence."""

from __future__ import annotations

import numpy as np
import pytest

from tests.app.test_pages import run_page, scenes


def _input_panel(at, chart: str) -> dict:
    scene = next(spec for key, spec in scenes(at).items() if key.endswith(chart))
    return scene["panels"][0]


@pytest.mark.parametrize(
    "page, chart, query",
    [
        ("app_pages/standard.py", "standard_chart", {"h": "4", "w": "5", "p": "same", "k": "3"}),
        ("app_pages/dilated.py", "dilated_chart", {"h": "6", "w": "6", "p": "same", "k": "3"}),
        ("app_pages/conv1d.py", "conv1d_chart", {"n": "6", "p": "full", "k": "3"}),
    ],
)
@pytest.mark.parametrize("mode", ["reflect", "replicate", "circular"])
def test_the_link_fills_the_padding_with_copies_of_the_input(page, chart, query, mode):
    at = run_page(page, {**query, "pmode": mode, "input": "count", "signal": "ramp"})
    assert not at.exception, at.exception
    assert at.query_params["pmode"] == mode
    panel = _input_panel(at, chart)
    texts = np.asarray(panel["text"])
    sources = np.asarray(panel["sources"])
    copies = np.flatnonzero(sources >= 0)
    assert copies.size > 0
    for cell in copies:  # each copy shows the value of the input cell it names
        assert texts[cell] == texts[sources[cell]]
        assert sources[sources[cell]] == -1  # and that cell is the input's own


def test_a_pad_the_mode_refuses_is_a_sentence_with_the_way_out():
    # FULL with k = 5 pads 4 cells a side: reflect needs an input longer than 4
    at = run_page("app_pages/conv1d.py", {"n": "4", "p": "full", "k": "5", "pmode": "reflect"})
    assert not at.exception, at.exception
    said = " ".join(e.value for e in at.error)
    assert "padding_mode 'reflect'" in said and "smaller than the input" in said, said
    assert any("zeros or replicate" in c.value for c in at.caption)  # the way out


@pytest.mark.parametrize("mode", ["zeros", "reflect"])
def test_the_sizes_line_says_what_the_padding_adds(mode):
    """The padded size's help names zeros only where the padding is zeros."""
    at = run_page("app_pages/standard.py", {"h": "4", "w": "5", "p": "same", "pmode": mode})
    assert not at.exception, at.exception
    helps = [md.proto.help for md in at.markdown if md.proto.help]
    said = next(text for text in helps if "top 1, bottom 1, left 1, right 1" in text)
    if mode == "zeros":
        assert said.startswith("Zeros added"), said
    else:
        assert said.startswith("Copies of the input added (reflect"), said
