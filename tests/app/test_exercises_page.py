"""The exercises page: the link is the set, the engine checks the answer, the reveal plays
the question's convolution, and every question's link opens its page as promised."""

from __future__ import annotations

import pytest

from conv_engine.exercises import TOPICS, question_set
from tests.app.test_pages import run_page

PAGE = "pages/exercises.py"


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
    for question in question_set(topic, 4, 17):
        assert str(question.prompt) in shown


def answers(at) -> list:
    return [box for box in at.number_input if box.label == "Your answer"]


def submit(at, index: int):
    buttons = [b for b in at.button if b.label == "✔ Check"]
    buttons[index].click().run()
    assert not at.exception, at.exception


def test_a_right_answer_scores_and_a_wrong_one_does_not():
    at = run_page(PAGE, {"topic": "transposed", "q": "2", "seed": "3"})
    questions = question_set("transposed", 2, 3)
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
    seed = next(s for s in range(50) if question_set("causal", 1, s)[0].skill == "future")
    (question,) = question_set("causal", 1, seed)
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
    for question in question_set(topic, 3, 5):
        assert str(question.explanation) in shown


@pytest.mark.parametrize("topic", TOPICS)
def test_every_question_link_opens_its_page_without_replacing_a_setting(topic):
    seen = set()
    for seed in range(12):
        for question in question_set(topic, 3, seed):
            key = tuple(sorted(question.query.items()))
            if key in seen:
                continue
            seen.add(key)
            at = run_page(f"pages/{question.page}.py", question.query)
            assert not at.exception, (question.query, at.exception)
            assert not link_notices(at), (question.query, link_notices(at))


def test_a_bad_link_is_explained_and_replaced():
    at = run_page(PAGE, {"topic": "nope", "q": "99", "seed": "-3"})
    assert not at.exception, at.exception
    (notice,) = link_notices(at)
    assert "topic=nope" in notice
