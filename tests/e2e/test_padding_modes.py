"""Padding that copies the input, in the browser: a padded copy names the input cell it
copies, and the pointer on it outlines that cell (reflect mirrors about the edge cell)."""

from __future__ import annotations

from .harness import scene, wait_for_app


def test_the_pointer_on_a_reflected_copy_outlines_the_cell_it_mirrors(app_url, page):
    page.goto(f"{app_url}/standard?h=5&w=5&k=3&p=full&pmode=reflect&input=count")
    wait_for_app(page)
    drawn = scene(page, "standard_chart")
    grid = drawn.locator(".panel").first
    # FULL pads 2 a side: padded cell (row −2, column −1) mirrors input (2, 1) = 2·5 + 1
    copy = grid.locator("rect[data-index='1']")
    # (at step 0 the window covers it)
    assert (
        copy.locator("title").text_content() == "x[−2, −1] = 11, a copy of x[2, 1], in the window"
    )
    copy.hover()
    mark = grid.locator("rect.mark.source")
    box, cell = mark.bounding_box(), grid.locator("rect[data-index='39']").bounding_box()
    # the outline sits on the padded grid's cell (2 + 2, 1 + 2) = index 4·9 + 3
    assert abs(box["x"] + box["width"] / 2 - (cell["x"] + cell["width"] / 2)) < 2
    assert abs(box["y"] + box["height"] / 2 - (cell["y"] + cell["height"] / 2)) < 2
    assert grid.locator("rect[data-index='39'] title").text_content() == "x[2, 1] = 11"
    page.mouse.move(0, 0)
    assert grid.locator("rect.mark.source").count() == 0
