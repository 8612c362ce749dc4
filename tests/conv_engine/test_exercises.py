"""Exercises: a seed gives one set, every answer agrees with a naive definition, and every
worked explanation's arithmetic is right."""

from __future__ import annotations

import contextlib
import re

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conv_engine import ConvConfigError, Layer
from conv_engine.exercises import (
    MAKERS,
    MAX_QUESTIONS,
    TOPICS,
    Question,
    Setting,
    anything,
    check,
    diagnose,
    question_set,
)
from conv_engine.sizes import conv_output_size, conv_transpose_output_size, resolve_padding
from tests.naive import naive_conv, naive_conv_transpose, support_interval_and_cells, tf_same_pads

SEEDS = range(40)


def every_question() -> list[Question]:
    return [q for topic in TOPICS for seed in SEEDS for q in question_set(topic, 6, seed)]


QUESTIONS = every_question()


def naive_pads(setting) -> tuple[int, int]:
    """Padding written from each mode's definition (the naive module's SAME rule)."""
    k_eff = setting.dilation * (setting.kernel_size - 1) + 1
    mode = setting.padding
    if mode == "valid":
        return (0, 0)
    if mode == "same":
        return tf_same_pads(setting.size, setting.kernel_size, setting.stride, setting.dilation)
    if mode == "full":
        return (k_eff - 1, k_eff - 1)
    if mode == "causal":
        return (k_eff - 1, 0)
    return (mode, mode)


def naive_output(setting) -> np.ndarray:
    shape = (setting.size,) * setting.ndim
    x = np.arange(1.0, np.prod(shape) + 1).reshape((1, 1, *shape))
    w = np.ones((1, 1, *(setting.kernel_size,) * setting.ndim))
    n = setting.ndim
    if setting.transposed:
        return naive_conv_transpose(
            x,
            w,
            None,
            (setting.stride,) * n,
            (setting.padding,) * n,
            (setting.output_padding,) * n,
            (setting.dilation,) * n,
            1,
        )[0, 0]
    return naive_conv(
        x, w, None, (setting.stride,) * n, (naive_pads(setting),) * n, (setting.dilation,) * n, 1
    )[0, 0]


def naive_reads(setting, output: int) -> set[int]:
    before, _ = naive_pads(setting)
    cells = {
        output * setting.stride + j * setting.dilation - before for j in range(setting.kernel_size)
    }
    return {c for c in cells if 0 <= c < setting.size}


def test_the_same_seed_gives_the_same_set_and_other_seeds_others():
    for topic in (*TOPICS, "all"):
        first = question_set(topic, 8, 11)
        assert first == question_set(topic, 8, 11)
        others = {tuple(str(q.prompt) for q in question_set(topic, 8, seed)) for seed in range(6)}
        assert len(others) > 1, topic


def test_every_kind_of_question_appears_and_a_set_has_no_repeats():
    skills = {(q.topic, q.skill) for q in QUESTIONS}
    for topic, makers in MAKERS.items():
        assert len({s for t, s in skills if t == topic}) >= min(len(makers), 2), topic
        # a set as long as its topic's kinds has each kind once
        assert len({q.skill for q in question_set(topic, len(makers), 5)}) == len(
            {q.skill for q in (m(np.random.default_rng(0), anything) for m in makers)}
        )
    for seed in SEEDS:
        prompts = [str(q.prompt) for q in question_set("all", MAX_QUESTIONS, seed)]
        assert len(prompts) == len(set(prompts))


@pytest.mark.parametrize("question", [q for q in QUESTIONS if q.skill == "output_size"][:120])
def test_output_sizes_are_the_naive_output_shape(question):
    assert question.answer == naive_output(question.setting).shape[0]


@pytest.mark.parametrize("question", [q for q in QUESTIONS if q.skill == "reads"][:120])
def test_read_cells_are_the_naive_window(question):
    setting = question.setting
    if setting.ndim == 1:
        assert question.answer == naive_reads(setting, setting.step)
        return
    out = naive_output(setting).shape[1]
    row, col = divmod(setting.step, out)
    cells = {(r, c) for r in naive_reads(setting, row) for c in naive_reads(setting, col)}
    assert question.answer == cells
    # and a one-hot input shows the same: the output moves only for the cells it reads
    x = np.zeros((1, 1, setting.size, setting.size))
    pads = (naive_pads(setting),) * 2
    w = np.ones((1, 1, setting.kernel_size, setting.kernel_size))
    for r, c in cells:
        x[0, 0, r, c] = 1
    y = naive_conv(x, w, None, (setting.stride,) * 2, pads, (setting.dilation,) * 2, 1)
    assert y[0, 0, row, col] == len(cells)


@pytest.mark.parametrize("question", [q for q in QUESTIONS if q.skill == "same_padding"][:40])
def test_same_padding_keeps_the_size(question):
    setting = question.setting
    assert naive_output(setting).shape == (setting.size, setting.size)
    assert question.answer == setting.padding


@pytest.mark.parametrize("question", [q for q in QUESTIONS if q.skill == "padded_copy"][:40])
def test_a_padded_copy_is_the_input_cell_the_mode_copies(question):
    """Position p outside 0 … n − 1 copies, per PyTorch's documentation: reflect the mirror
    about the edge cell (not repeated), replicate the edge, circular p mod n."""
    setting = question.setting
    n, pad, mode = setting.size, setting.padding, setting.padding_mode
    position = question.prompt.values["position"]
    assert -pad <= position < 0 or n <= position < n + pad
    if mode == "reflect":
        expected = -position if position < 0 else 2 * (n - 1) - position
    elif mode == "replicate":
        expected = 0 if position < 0 else n - 1
    else:
        expected = position % n
    assert question.answer == expected
    # the reveal opens on an output whose window reads the padded cell
    assert setting.step <= position + pad <= setting.step + setting.kernel_size - 1


@pytest.mark.parametrize("question", [q for q in QUESTIONS if q.skill == "future"][:40])
def test_future_readers_read_a_later_real_input(question):
    setting = question.setting
    outputs = naive_output(setting).shape[0]
    leaking = {t for t in range(outputs) if any(c > t for c in naive_reads(setting, t))}
    assert question.answer == leaking


@pytest.mark.parametrize("question", [q for q in QUESTIONS if q.skill == "output_padding"][:40])
def test_output_padding_makes_the_asked_size(question):
    target = int(re.search(r"the output (\d+)×", str(question.prompt)).group(1))
    assert naive_output(question.setting).shape[0] == target
    assert question.setting.output_padding == question.answer


@pytest.mark.parametrize(
    "question", [q for q in QUESTIONS if q.skill in ("receptive_field", "jump")][:80]
)
def test_stack_answers_are_the_walked_support(question):
    """Receptive fields by walking the windows down the stack (the naive support walk)."""
    if question.topic == "receptive-field":
        layers = [
            Layer(int(k), int(s))
            for k, s in re.findall(r"\(k=(\d+), s=(\d+)\)", str(question.prompt))
        ]
    elif question.topic == "dilated":
        k = int(re.search(r"stacked (\d+)×", str(question.prompt)).group(1))
        rates = [
            int(r)
            for r in re.search(r"rates \[([\d, ]+)\]", str(question.prompt)).group(1).split(",")
        ]
        layers = [Layer(k, dilation=d) for d in rates]
    else:  # the WaveNet stack
        rates = [
            int(r)
            for r in re.search(r"dilations \[([\d, ]+)\]", str(question.prompt)).group(1).split(",")
        ]
        layers = [Layer(2, dilation=d) for d in rates]
    walk = [(layer.kernel_size, layer.stride, layer.dilation, (0, 0)) for layer in layers]
    size = 400
    first, last, _ = support_interval_and_cells(walk, size, 0)
    if question.skill == "jump":
        next_first, _, _ = support_interval_and_cells(walk, size, 1)
        assert question.answer == next_first - first
    else:
        assert question.answer == last - first + 1


NUMBER = r"\d+(?:\.\d+)?"
ARITHMETIC = re.compile(rf"=\s*((?:\(?{NUMBER}\)?\s*[·+−\-/]\s*)+\(?{NUMBER}\)?)\s*=\s*({NUMBER})")


def test_every_worked_explanation_adds_up():
    """A student checks the reveal's arithmetic: ``= 16·1·3·3 + 16 = 64`` must be true."""
    checked = 0
    for question in QUESTIONS:
        for expression, result in ARITHMETIC.findall(str(question.explanation)):
            python = expression.replace("·", "*").replace("−", "-")
            assert eval(python, {"__builtins__": {}}) == float(result), question.explanation
            checked += 1
    assert checked > 200


def test_a_maker_that_draws_settings_draws_again_until_the_app_can_show_them():
    """The engine knows no page: the app's ``drawable`` decides, and every setting a set
    carries passes it (here: a page that shows only inputs of at most 8 cells)."""

    def small(topic: str, about: object) -> bool:
        return not isinstance(about, Setting) or about.size <= 8

    asked = []

    def recording(topic: str, about: object) -> bool:
        asked.append(topic)
        return small(topic, about)

    questions = [q for seed in range(8) for q in question_set("all", 12, seed, recording)]
    settings = [q.setting for q in questions if q.setting is not None]
    assert settings and all(small("", s) for s in settings)
    assert set(asked) >= {"standard", "conv1d", "transposed", "dilated", "causal"}
    unbounded = [q.setting for s in range(8) for q in question_set("all", 12, s)]
    assert any(s is not None and s.size > 8 for s in unbounded), "the predicate did bite"


def test_a_page_that_shows_nothing_is_an_error_not_a_hang():
    with pytest.raises(ConvConfigError, match="no setting for a question on standard"):
        question_set("standard", 4, 1, lambda topic, about: not isinstance(about, Setting))


def test_check_accepts_only_the_answer():
    number = next(q for q in QUESTIONS if q.kind == "number")
    assert check(number, number.answer) and check(number, float(number.answer))
    assert not check(number, number.answer + 1)
    assert not check(number, number.answer + 0.5)
    assert not check(number, "seven") and not check(number, None)
    cells = next(q for q in QUESTIONS if q.kind == "cells" and len(q.answer) > 1)
    assert check(cells, list(cells.answer))
    assert not check(cells, list(cells.answer)[1:])
    assert not check(cells, [*cells.answer, 999])
    assert not check(cells, 3)


@given(st.text(max_size=12), st.integers(-5, 50), st.integers(-5, 2 * 10**6))
def test_bad_sets_are_refused_with_a_sentence(topic, count, seed):
    try:
        questions = question_set(topic, count, seed)
    except ConvConfigError as error:
        assert any(name in str(error) for name in ("topic", "count", "seed"))
    else:
        assert topic in (*TOPICS, "all") and 1 <= count <= MAX_QUESTIONS
        assert len(questions) == count


# ---------------------------------------------------------------- hints (issue 24)


def _slips(question) -> dict[int, str]:
    """The wrong answers each slip gives, recomputed from the engine's own size functions
    with the slip made (not from the hint module's formulas)."""
    s = question.setting
    if question.skill == "output_size" and not s.transposed:
        before, after = resolve_padding(s.size, s.kernel_size, s.stride, s.dilation, s.padding)
        pads = ((before, after),) * s.ndim if s.ndim == 2 else ((before, after),)
        slips = {}
        if s.dilation > 1:
            with contextlib.suppress(ConvConfigError):
                slips[conv_output_size(s.size, s.kernel_size, s.stride, pads[0], 1)] = "k_eff"
        if before + after:
            with contextlib.suppress(ConvConfigError):
                slips[conv_output_size(s.size, s.kernel_size, s.stride, 0, s.dilation)] = "padding"
        slips[question.answer - 1] = "+ 1"
        return slips
    if question.skill == "output_size" and s.transposed:
        slips = {}
        if s.output_padding:
            slips[
                conv_transpose_output_size(
                    s.size, s.kernel_size, s.stride, s.padding, 0, s.dilation
                )
            ] = "output_padding"
        if s.dilation > 1:  # the size an undilated kernel gives, with the same output_padding
            undilated = conv_transpose_output_size(s.size, s.kernel_size, s.stride, s.padding)
            slips[undilated + s.output_padding] = "dilation"
        return slips
    return {}


@pytest.mark.parametrize("seed", range(40))
def test_a_wrong_answer_that_one_slip_gives_gets_that_slips_hint(seed):
    for question in question_set("all", 12, seed):
        assert diagnose(question, question.answer) is None, "a right answer needs no hint"
        for mistake in question.mistakes:
            assert mistake.answer != question.answer
            assert diagnose(question, mistake.answer) == mistake.hint
        answers = {m.answer for m in question.mistakes}
        for wrong, slip in _slips(question).items():
            if wrong != question.answer and wrong >= 0:
                assert wrong in answers, (str(question.prompt), slip, wrong)
        if question.kind == "number":
            stray = max([question.answer, *answers]) + 7
            assert diagnose(question, stray) is None, "no hint for an answer no slip gives"
            assert diagnose(question, question.answer + 0.5) is None


def test_the_weight_hints_name_the_bias_and_the_input_channels():
    question = next(
        q for seed in range(50) for q in question_set("standard", 4, seed) if q.skill == "weights"
    )
    hints = {m.answer: str(m.hint) for m in question.mistakes}
    c_out = question.answer - next(a for a in hints if "bias" in hints[a])
    assert c_out > 0 and "bias" in str(diagnose(question, question.answer - c_out))


@pytest.mark.parametrize("topic", [*TOPICS, "all"])
def test_a_set_repeats_no_kind_of_question_while_another_is_unused(topic):
    makers = len(MAKERS[topic]) if topic in MAKERS else sum(len(m) for m in MAKERS.values())
    for seed in range(10):
        for count in (min(makers, 12), 12):
            kinds = [(q.topic, q.skill) for q in question_set(topic, count, seed)]
            tally = {kind: kinds.count(kind) for kind in kinds}
            assert max(tally.values()) - min(tally.values()) <= 1, tally
            assert len(tally) == min(count, makers), tally


@pytest.mark.parametrize("question", [q for q in QUESTIONS if q.skill == "multiply_adds"][:40])
def test_multiply_adds_are_the_products_a_naive_layer_computes(question):
    """Count the products: with every input (padding too) and every weight 1, each output
    cell of the naive loop definition is the number of products it sums, so their total is
    the layer's multiply-adds."""
    setting = question.setting
    c_in, c_out, k = setting.in_channels, setting.out_channels, setting.kernel_size
    assert (c_in, c_out) != (1, 1) and max(c_in, c_out) <= 4  # a layer the page draws
    before, after = naive_pads(setting)
    side = setting.size + before + after
    ones = np.ones((1, c_in, side, side))
    weight = np.ones((c_out, c_in, k, k))
    counts = naive_conv(ones, weight, None, (setting.stride,) * 2, ((0, 0),) * 2, (1, 1), 1)
    assert question.answer == counts.sum()
