"""The exercises page: the link is the set, the engine checks the answer, the reveal plays
the question's convolution, and every question's link opens its page as promised."""

from __future__ import annotations

import pytest

from conv_engine.exercises import TOPICS, question_set
from tests.app.links import open_link, page_text
from tests.app.test_pages import run_page
from ui.exercises import unshown
from ui.links import drawable, question_link

# answers a page draws rather than writes (a padding the scene shows, an output_padding
# the page is opened at): the link's own settings carry them
NOT_ON_THE_PAGE = {
    "same_padding",
    "output_padding",
    "causal_padding",
    "effective_kernel",
    "padded_copy",
}

PAGE = "app_pages/exercises.py"


def texts(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def link_notices(at) -> list[str]:
    return [w.value for w in at.warning if "cannot be shown" in w.value]


def score(at) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("### Score"))


@pytest.mark.parametrize("topic", [*TOPICS, "all"])
def test_the_link_is_the_set(topic):
    at = run_page(PAGE, {"topic": topic, "q": "4", "seed": "17"})
    assert not at.exception, at.exception
    assert not link_notices(at)
    shown = texts(at)
    for question in question_set(topic, 4, 17, drawable):
        assert str(question.prompt) in shown


def answers(at) -> list:
    return [box for box in at.number_input if box.label == "Your answer"]


def submit(at, index: int):
    buttons = [b for b in at.button if b.label == "✔ Check"]
    buttons[index].click().run()
    assert not at.exception, at.exception


def test_a_right_answer_scores_and_a_wrong_one_does_not():
    at = run_page(PAGE, {"topic": "transposed", "q": "2", "seed": "3"})
    questions = question_set("transposed", 2, 3, drawable)
    assert all(q.kind == "number" for q in questions)
    assert score(at).startswith("### Score: 0 / 2")
    answers(at)[0].set_value(questions[0].answer)
    submit(at, 0)
    assert score(at).startswith("### Score: 1 / 2")
    assert any("Right" in s.value for s in at.success)
    answers(at)[1].set_value(questions[1].answer + 1)
    submit(at, 1)
    assert score(at) == "### Score: 1 / 2"
    assert any("Not quite" in w.value for w in at.warning)


def test_cells_answers_are_checked_as_sets():
    seed = next(s for s in range(50) if question_set("causal", 1, s, drawable)[0].skill == "future")
    (question,) = question_set("causal", 1, seed, drawable)
    at = run_page(PAGE, {"topic": "causal", "q": "1", "seed": str(seed)})
    (pills,) = [b for b in at.button_group if b.proto.label.startswith("Your answer")]
    pills.set_value(sorted(question.answer))
    submit(at, 0)
    assert score(at).startswith("### Score: 1 / 1"), score(at)


@pytest.mark.parametrize("topic", [*TOPICS])
def test_every_reveal_shows_the_answer_and_runs(topic):
    at = run_page(PAGE, {"topic": topic, "q": "3", "seed": "5"})
    for toggle in at.toggle:
        if toggle.label == "Reveal the answer":
            toggle.set_value(True)
    at.run()
    assert not at.exception, at.exception
    shown = texts(at)
    for question in question_set(topic, 3, 5, drawable):
        assert str(question.explanation) in shown


def _shown(number: int, text: str) -> bool:
    return any(form in text for form in (str(number), f"{number:,}"))


@pytest.mark.parametrize("topic", TOPICS)
def test_every_question_link_opens_its_page_with_the_questions_numbers(topic):
    """A reveal's link opens the question's layer: no setting replaced or dropped, and a
    number answer is on the page it opens (/exercises?topic=conv1d&q=5&seed=0 opened
    the sequence view with 51,328 parameters for a question whose answer is 8,448)."""
    seen = set()
    for seed in range(6):
        for question in question_set(topic, 4, seed, drawable):
            link = question_link(question)
            if link is None:
                assert question.setting is None, "a conv on an input is drawn where it links"
                assert unshown(question), "no link: a sentence says why"
                continue
            key = (link.page, tuple(sorted(link.query.items())))
            if key in seen:
                continue
            seen.add(key)
            at = open_link(f"app_pages/{link.page}.py", dict(link.query))
            if question.kind == "number" and question.skill not in NOT_ON_THE_PAGE:
                assert _shown(question.answer, page_text(at)), (question.prompt, link.url)


def test_the_issues_conv1d_weights_question_opens_its_layer():
    question = next(q for q in question_set("conv1d", 5, 0, drawable) if q.skill == "weights")
    link = question_link(question)
    assert question.answer == 8448 and link.query["f"] == "13"
    at = open_link("app_pages/conv1d.py", dict(link.query))
    assert "8,448" in page_text(at)


def test_a_bad_link_is_explained_and_replaced():
    at = run_page(PAGE, {"topic": "nope", "q": "99", "seed": "-3"})
    assert not at.exception, at.exception
    (notice,) = link_notices(at)
    assert "topic=nope" in notice


def test_the_set_is_named_and_its_controls_are_out_of_the_students_way():
    """Issue 24: the first number box was "Set number"; a number typed there switched the
    set. The set's controls sit in a closed expander under the set's name."""
    at = run_page(PAGE, {"topic": "transposed", "q": "2", "seed": "3"})
    assert any(m.value.startswith("**Set 3** · 2 questions") for m in at.markdown)
    (box,) = [e for e in at.expander if "Choose another set" in e.label]
    assert not box.proto.expanded
    assert [n.label for n in box.number_input] == ["Set number"]
    assert "Set number" not in [n.label for n in answers(at)]


def test_a_wrong_answer_that_one_slip_gives_is_named():
    seed, question = next(
        (s, q)
        for s in range(200)
        for q in question_set("transposed", 1, s, drawable)
        if q.skill == "output_size" and q.setting.output_padding
    )
    slip = next(m for m in question.mistakes if "output_padding" in str(m.hint))
    at = run_page(PAGE, {"topic": "transposed", "q": "1", "seed": str(seed)})
    answers(at)[0].set_value(slip.answer)
    submit(at, 0)
    (warning,) = [w.value for w in at.warning if "Not quite" in w.value]
    assert str(slip.hint) in warning
    answers(at)[0].set_value(question.answer + 100)
    submit(at, 0)
    (warning,) = [w.value for w in at.warning if "Not quite" in w.value]
    assert "look again" in warning, "no slip gives that answer: no hint"
