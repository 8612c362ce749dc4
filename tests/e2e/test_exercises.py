"""A student follows the teacher's link: answers, checks, reveals, and sees the score."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from conv_engine.exercises import question_set
from ui.links import drawable

from .harness import assert_clean, wait_for_app

pytestmark = pytest.mark.e2e


def test_a_student_answers_checks_and_reveals(app_url, page):
    (question,) = question_set("transposed", 1, 4, drawable)
    page.goto(f"{app_url}/exercises?topic=transposed&q=1&seed=4")
    wait_for_app(page)
    assert page.get_by_text(str(question.prompt)).count() == 1
    first = page.locator("input[type='number']:visible").first
    assert first.get_attribute("aria-label") == "Your answer", "not the set's number"
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
    assert_clean(page)


def tick(page, grid, row: int, col: int, size: int, column_width: int = 48) -> None:
    """Click the box of (row, col) in a size × size tick grid (a canvas: Streamlit's data
    editor). Its header canvas gives the header's height; the index column is the rest of
    the width beside ``size`` columns of ``column_width`` px (ui/exercises.py)."""
    box = grid.locator("canvas").first.bounding_box()
    header = grid.locator("canvas").nth(1).bounding_box()["height"]
    index_width = box["width"] - size * column_width
    row_height = (box["height"] - header) / size
    page.mouse.click(
        box["x"] + index_width + (col + 0.5) * column_width,
        box["y"] + header + (row + 0.5) * row_height,
    )
    # the grid's accessible twin (a row: its index, then one cell per column) says it
    cell = grid.locator("[role=gridcell]").nth(row * (size + 1) + 1 + col)
    expect(cell).to_have_text("true")


def test_a_student_ticks_the_cells_an_output_reads(app_url, page):
    """The 2-D question: tick too few cells and the check says so; tick the rest (the
    dilation's gap between them) and it is right."""
    (question,) = question_set("standard", 1, 8, drawable)
    assert question.kind == "grid" and question.answer == {(0, 1), (2, 1)}
    page.goto(f"{app_url}/exercises?topic=standard&q=1&seed=8")
    wait_for_app(page)
    grid = page.locator("[data-testid='stDataFrame']").first
    grid.scroll_into_view_if_needed()
    check = page.get_by_role("button", name="✔ Check")

    tick(page, grid, 0, 1, question.grid)
    check.click()
    wait_for_app(page)
    page.get_by_text("Not quite").wait_for(timeout=15_000)
    assert page.get_by_text("Score: 0 / 1").count() == 1

    tick(page, grid, 2, 1, question.grid)
    check.click()
    wait_for_app(page)
    page.get_by_text("Right.").wait_for(timeout=15_000)
    assert page.get_by_text("Score: 1 / 1").count() == 1
    assert not page.errors.messages, page.errors.messages
