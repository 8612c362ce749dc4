"""The Standard page as a layer, in the browser (issue 28): ``?cin=3&cout=2&bias=1`` draws
three input maps, two kernels of three slices and two output maps, and every step's sum is
PyTorch's output cell; on a projector, at the largest channel setting, presenter mode keeps
the toolbar, the sum and the whole scene on the first screen."""

from __future__ import annotations

import re

import numpy as np
import pytest

from ..frameworks import framework
from .harness import (
    OVERFLOWING,
    PROJECTOR,
    inside_first_screen,
    scene,
    scene_equation,
    settled,
    until_step,
    wait_for_app,
)

NAME = re.compile(r"^(\w)\[([^\]]+)\] = (−?[\d.]+)")


def _cells(panel) -> dict[tuple[int, ...], float]:
    """A drawn panel's cells by their names: {(channel, …, row, col): value}."""
    cells = {}
    for title in panel.locator("rect[data-index] > title").all_text_contents():
        match = NAME.match(title)
        index = tuple(int(i.replace("−", "-")) for i in match.group(2).split(", "))
        cells[index] = float(match.group(3).replace("−", "-"))
    return cells


def _array(cells: dict, leading: int) -> np.ndarray:
    """Cells named ``[a, (b,) i, j]`` as an array (padding's negative indices dropped)."""
    kept = {key: value for key, value in cells.items() if min(key) >= 0}
    shape = tuple(max(key[axis] for key in kept) + 1 for axis in range(leading + 2))
    array = np.zeros(shape)
    for key, value in kept.items():
        array[key] = value
    return array


def test_the_layers_volumes_and_every_steps_sum_are_pytorchs(app_url, page):
    torch = framework("torch")
    page.goto(f"{app_url}/standard?cin=3&cout=2&bias=1&k=3&h=4&w=5&input=random&kernel=random")
    wait_for_app(page)
    drawn = scene(page, "standard_chart")
    panels = drawn.locator(".panel")
    x_cells, w_cells, y_cells = (_cells(panels.nth(i)) for i in range(3))
    assert {key[0] for key in x_cells} == {0, 1, 2}  # three input maps
    assert {key[:2] for key in w_cells} == {(o, c) for o in range(2) for c in range(3)}
    assert {key[0] for key in y_cells} == {0, 1}  # two output maps
    x, weight = _array(x_cells, 1), _array(w_cells, 2)
    bias_text = drawn.locator(".equation").inner_text()
    biases = [0.5, -1.0]  # the page's biases (ui.channels.LAYER_BIASES); checked below
    expected = torch.nn.functional.conv2d(
        torch.tensor(x)[None], torch.tensor(weight), torch.tensor(biases, dtype=torch.float64)
    )[0].numpy()
    assert "+ 0.5 =" in bias_text
    steps = expected.size
    for step, cell in enumerate(np.ndindex(*expected.shape)):
        first_line = scene_equation(page, "standard_chart").splitlines()[0]
        name, total = first_line.split(" = ")[0], first_line.rsplit(" = ", 1)[1]
        assert name == f"y[{', '.join(str(i) for i in cell)}]", (step, first_line)
        assert float(total.replace("−", "-")) == expected[cell], (step, first_line)
        if step + 1 < steps:
            drawn.focus()
            page.keyboard.press("ArrowRight")
            until_step(page, "standard_chart", f"step === {step + 1}")


@pytest.mark.parametrize(
    ("query", "parts"),
    [
        # the largest volumes: 8 px cells, the legend may wrap below the screen's edge
        ("cin=4&cout=4&bias=1&h=8&w=8&p=full&k=4", (".toolbar", ".equation", ".panels")),
        ("cin=4&cout=4&bias=1&h=6&w=6&k=3", (".toolbar", ".equation", ".panels", ".legend")),
    ],
)
def test_the_largest_layer_fits_the_projector_in_presenter_mode(browser, app_url, query, parts):
    """The toolbar, the sum (every channel's line) and the three volumes on the first
    1280 × 720 screen, at the largest channel setting too."""
    context = browser.new_context(viewport=PROJECTOR)
    page = context.new_page()
    try:
        page.goto(f"{app_url}/standard?{query}&present=1")
        settled(page)
        drawn = scene(page, "standard_chart")
        assert drawn.locator(".panel").count() == 3
        for part in parts:
            assert inside_first_screen(drawn.locator(part)), part
        assert len(scene_equation(page, "standard_chart").splitlines()) == 5  # sum + 4 channels
    finally:
        context.close()


LAYERS = {
    "standard": {"cin": "3", "cout": "2", "bias": "1", "p": "same", "pmode": "reflect"},
    "conv1d": {"cin": "4", "cout": "3", "bias": "1", "p": "same", "pmode": "circular"},
}


@pytest.mark.parametrize("setting", ["en-light-normal-projector", "zh-light-presenter-phone"])
@pytest.mark.parametrize("path", list(LAYERS))
def test_a_layer_passes_axe_and_nothing_scrolls_sideways(browser, app_url, path, setting):
    from .test_accessibility import SETTINGS, _open, violations

    query, scheme, viewport = SETTINGS[setting]
    context, page = _open(browser, path, {**query, **LAYERS[path]}, scheme, viewport, app_url)
    try:
        assert page.locator(".scene .panel").count() >= 3  # the layer's three panels drawn
        assert violations(page) == [], f"/{path} {setting}"
        assert page.evaluate(OVERFLOWING) == [], f"/{path} {setting}"
    finally:
        context.close()
