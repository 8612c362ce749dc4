"""Links to a page at a setting: offered exactly when the page's controls reach it.

(Every link the exercises and the solver offer is opened on its page in tests/app.)"""

from __future__ import annotations

import conv_engine as ce
from conv_engine.exercises import Channels, Setting
from ui import links


def test_a_wavenet_stack_opens_the_causal_pages_wavenet_controls():
    block = [ce.Layer(2, 1, d, "causal") for d in (1, 2, 4, 8)]
    link = links.wavenet_link(tuple(block * 2))
    assert link is not None and dict(link.query) == {"wk": "2", "dmax": "8", "blocks": "2"}
    assert links.wavenet_link(tuple(block[:3] + block[:2])) is None  # not whole blocks
    assert links.wavenet_link(tuple(block * 4)) is None  # the page has at most 3 blocks
    uncausal = tuple(ce.Layer(2, 1, d) for d in (1, 2, 4))
    assert links.wavenet_link(uncausal) is None


def test_a_setting_beyond_a_slider_gets_no_link():
    assert links.sliding_2d_link("standard", 12, 3, 1, 1, 3) is not None
    assert links.sliding_2d_link("standard", 12, 3, 1, 1, 4) is None  # pad 4 > 3 a side
    assert links.sliding_2d_link("standard", 13, 3, 1, 1, 0) is None  # input > 12
    assert links.sliding_2d_link("standard", 12, 5, 1, 3, "full") is None  # padded > 20
    assert links.conv1d_link(24, 3, 1, 4, "causal") is not None
    assert links.conv1d_link(24, 3, 1, 5, "causal") is None  # dilation > 4
    assert links.transposed_link(7, 3, 2, 1, 1, 1) is not None
    assert links.transposed_link(8, 3, 2, 1, 1, 1) is None  # the output would pass 16


def test_what_a_question_is_about_decides_its_page():
    drawn = Setting(1, 10, 3, 1, 2, "same")
    assert dict(links.about_link("causal", drawn).query)["leak"] == "1"
    assert links.about_link("conv1d", drawn).page == "conv1d"
    assert links.about_link("standard", drawn) is None  # a 1-D setting on a 2-D page
    assert not links.drawable("standard", Channels(3, 8, 3))  # one channel in, one out
    assert links.drawable("separable", Channels(3, 8, 3))
    assert not links.drawable("separable", Channels(32, 8, 3))
    kernel = ce.Layer(5, dilation=3)  # a window of 13: wider than the 12 × 12 input
    assert not links.drawable("dilated", kernel)
    assert links.drawable("dilated", ce.Layer(4, dilation=3))


def test_a_padded_copy_opens_conv1d_with_its_padding_mode():
    from conv_engine.exercises import question_set

    asked = [
        q for seed in range(30) for q in question_set("conv1d", 4, seed) if q.skill == "padded_copy"
    ]
    assert {q.setting.padding_mode for q in asked} == {"reflect", "replicate", "circular"}
    for question in asked:
        link = links.question_link(question)
        assert link is not None and link.page == "conv1d"
        assert link.query["pmode"] == question.setting.padding_mode
        assert link.query["p"] == "explicit"
        assert link.query["pl"] == link.query["pr"] == str(question.setting.padding)
