"""A student follows the teacher's link: answers, checks, reveals, and sees the score."""

from __future__ import annotations

import pytest

from conv_engine.exercises import question_set

from .harness import wait_for_app

pytestmark = pytest.mark.e2e


def test_a_student_answers_checks_and_reveals(app_url, page):
    (question,) = question_set("transposed", 1, 4)
    page.goto(f"{app_url}/exercises?topic=transposed&q=1&seed=4")
    wait_for_app(page)
    assert page.get_by_text(str(question.prompt)).count() == 1
    box = page.get_by_label("Your answer")
    box.fill(str(question.answer))
    page.get_by_role("button", name="✔ Check").click()
    wait_for_app(page)
    page.get_by_text("Right.").wait_for(timeout=15_000)
    assert page.get_by_text("Score: 1 / 1").count() == 1
    page.get_by_text("Reveal the answer").click()
    wait_for_app(page)
    page.locator(".st-key-exercises_answer_transposed_4_0_scene .equation").wait_for(timeout=15_000)
    assert "?topic=transposed&q=1&seed=4" in page.url or "seed=4" in page.url
    assert page.locator("[data-testid='stException']").count() == 0
    assert not page.errors.messages, page.errors.messages
