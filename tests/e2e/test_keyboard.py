"""The animation for a keyboard and a screen reader (issue 26): every grid is a table of
named cells, the window and the written cell are said in words, and the cells a mouse can
click are an ARIA grid a keyboard moves through and chooses from."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .harness import scene, scene_equation, scene_step, settled, wait_for_app
from .test_accessibility import PAGES

pytestmark = pytest.mark.e2e


def _keys(page, *keys: str) -> None:
    for key in keys:
        page.keyboard.press(key)


def test_the_keyboard_chooses_an_output_cell_and_the_step_follows(app_url, page):
    page.goto(f"{app_url}/standard?h=5&w=5&k=3&p=valid")
    wait_for_app(page)
    drawn = scene(page, "standard_chart")
    outputs = drawn.locator("[role=grid]")
    assert outputs.get_attribute("aria-label") == "Output, 3 × 3"
    tabbable = outputs.locator("[tabindex='0']")
    assert tabbable.count() == 1, "one cell of the grid in the tab order"
    tabbable.focus()
    _keys(page, "ArrowRight", "ArrowDown", "ArrowDown", "ArrowLeft", "Enter")
    page.wait_for_function(
        "(el) => el.dataset.step === '6'", arg=drawn.element_handle(), timeout=10_000
    )
    assert scene_equation(page, "standard_chart").startswith("y[2, 0] =")
    focused = drawn.evaluate("(el) => el.getRootNode().activeElement.dataset.index")
    assert focused == "6", "the keyboard's place is the cell chosen"
    # the chosen cell stays the grid's tab stop, and the scene's own keys still step
    assert outputs.locator("[tabindex='0']").get_attribute("data-index") == "6"
    drawn.focus()
    _keys(page, "ArrowRight")
    assert scene_step(page, "standard_chart") == 7
    page.wait_for_function("() => /[?&]step=7/.test(location.search)", timeout=10_000)


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (
            "en",
            {
                "input": "Input, 5 × 5",
                "window": "in the window",
                "now": "written at this step",
                "previous": "Previous step (←)",
            },
        ),
        (
            "zh",
            {
                "input": "输入, 5 × 5",
                "window": "在窗口内",
                "now": "本步写入",
                "previous": "上一步（←）",
            },
        ),
    ],
)
def test_a_screen_reader_hears_the_grids_the_window_and_the_cell_written(
    app_url, page, lang, words
):
    page.goto(f"{app_url}/standard?h=5&w=5&k=3&p=valid&step=4&lang={lang}")
    wait_for_app(page)
    drawn = scene(page, "standard_chart")
    tree = drawn.locator(".panels").aria_snapshot()
    assert f'table "{words["input"]}"' in tree, tree[:400]
    window = re.findall(rf'cell "x\[(\d), (\d)\] = [^"]*, {words["window"]}"', tree)
    assert sorted((int(r), int(c)) for r, c in window) == [
        (r, c) for r in range(1, 4) for c in range(1, 4)
    ], "the 3 × 3 window of y[1, 1]"
    assert re.search(rf'gridcell "y\[1, 1\] = [^"]*, {words["now"]}"', tree), tree[-600:]
    # the numbers drawn for the eye are not read twice
    assert "- text: 8 6" not in tree
    # the toolbar's controls have names in words, in the page's language
    toolbar = drawn.locator(".toolbar").aria_snapshot()
    assert f'button "{words["previous"]}"' in toolbar, toolbar


def test_transposed_input_and_output_cells_are_chosen_by_keyboard(app_url, page):
    page.goto(f"{app_url}/transposed?n=3&k=3&s=2")
    wait_for_app(page)
    drawn = scene(page, "transposed_scatter_chart")
    inputs, outputs = drawn.locator("[role=grid]").all()
    inputs.locator("[tabindex='0']").focus()
    _keys(page, "ArrowDown", "Enter")
    page.wait_for_function(
        "(el) => el.dataset.step === '3'", arg=drawn.element_handle(), timeout=10_000
    )
    outputs.locator("[tabindex='0']").focus()
    _keys(page, "ArrowRight", "ArrowRight", " ")
    page.wait_for_function(  # the pinned cell's sum, under the stamp's line
        "(el) => el.querySelector('.pinned-sum')?.textContent.startsWith('y[0, 2]')",
        arg=drawn.element_handle(),
        timeout=10_000,
    )
    # the pin reruns the page, which may redraw the scene: the live locator is asked again
    # until the redrawn grid names the pinned cell (a handle would hold the old drawing)
    pinned = scene(page, "transposed_scatter_chart").get_by_role(
        "gridcell", name=re.compile(r"^y\[0, 2\] = .*pinned")
    )
    expect(pinned).to_have_count(1, timeout=10_000)


ACTIVE = """(el) => { const active = el.getRootNode().activeElement;
    if (!active) return '';
    return (active.className.baseVal ?? active.className) + '|' + (active.dataset.index ?? ''); }"""


def _tab_to(page, drawn, wanted: str, limit: int = 80) -> None:
    """Press Tab until the focus, inside the scene, is on ``wanted`` (a class or role)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        active = drawn.evaluate(ACTIVE)
        role = drawn.evaluate("(el) => el.getRootNode().activeElement?.getAttribute('role')")
        if wanted in active.split("|")[0].split() or role == wanted:
            return
    raise AssertionError(f"Tab never reached {wanted}")


def test_a_page_with_the_keyboard_alone(app_url, page):
    """Tab to Play, Space plays and pauses, → steps and the live region says the step's sum,
    Tab on to the output cells, → and Enter choose one."""
    page.goto(f"{app_url}/standard?h=5&w=5&k=3&p=valid")
    wait_for_app(page)
    drawn = scene(page, "standard_chart")
    page.mouse.click(5, 300)  # the page, not a control
    _tab_to(page, drawn, "play")
    page.keyboard.press("Space")
    page.wait_for_function("(el) => el.classList.contains('playing')", arg=drawn.element_handle())
    page.keyboard.press("Space")
    page.wait_for_function("(el) => !el.classList.contains('playing')", arg=drawn.element_handle())
    step = scene_step(page, "standard_chart")
    page.keyboard.press("ArrowRight")
    assert scene_step(page, "standard_chart") == min(step + 1, 8)
    spoken = drawn.locator(".spoken").text_content()
    assert spoken == drawn.locator(".equation").text_content() and spoken.startswith("y[")
    _tab_to(page, drawn, "gridcell")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    chosen = int(drawn.evaluate(ACTIVE).split("|")[1])
    assert scene_step(page, "standard_chart") == chosen
    assert drawn.locator(".spoken").text_content() == drawn.locator(".equation").text_content()


# Every control a viewer can see that Tab may stop at (tabindex ≥ 0, not disabled, not in a
# closed expander), in the document and in the scenes' shadow trees. A composite widget (a
# radio group such as the language switch, a tab list, the grid of output cells) is one
# stop: Tab enters it once and arrow keys move inside it (WAI-ARIA's pattern).
TAB_STOPS = r"""() => {
  const stops = new Map();
  const focusable = 'a[href], button, input, select, textarea, [tabindex]';
  const composite = '[role=radiogroup], [role=tablist], [role=grid], [role=listbox]';
  const visit = (root) => {
    for (const el of root.querySelectorAll(focusable)) {
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (el.disabled || el.tabIndex < 0 || !box.width || !box.height) continue;
      if (style.visibility === 'hidden' || el.closest('details:not([open])')) continue;
      const group = el.closest(composite) || (el.type === 'radio' && el.name) || el;
      if (!stops.has(group)) stops.set(group, []);
      stops.get(group).push(el);
    }
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) visit(el.shadowRoot);
  };
  visit(document);
  window.tabStops = [...stops.values()];
  window.tabGroups = [...stops.keys()];
  window.composite = composite;
  window.tabbed = new Set();
  return window.tabStops.length;
}"""
# focus inside a shadow tree is not announced to the document: ask for the deepest one. A
# composite is reached whichever of its members holds the tab stop now: a playing scene's
# grid moves its stop to each step's output cell (the home page's demo loops)
RECORD_FOCUS = r"""() => {
  let el = document.activeElement;
  while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
  const group = el && el.closest ? el.closest(window.composite) : null;
  let stop = group ? window.tabGroups.indexOf(group) : -1;
  if (stop < 0) stop = window.tabStops.findIndex((members) => members.includes(el));
  if (stop >= 0) window.tabbed.add(stop);
  return stop;
}"""
NOT_TABBED = r"""() => window.tabStops.filter((members, i) => !window.tabbed.has(i)).map(
  ([el]) => `${el.tagName} ${el.getAttribute('aria-label') || el.textContent.slice(0, 30)}`)"""


@pytest.mark.parametrize("path", PAGES)
def test_tab_reaches_every_control_and_comes_back_round(app_url, page, path):
    """WCAG 2.1.1 and 2.1.2: Tab stops at every control in turn (the scene's toolbar and its
    grid included) and, past the last, starts the page again: nothing traps the focus."""
    page.goto(f"{app_url}/{path}")
    settled(page)
    stops = page.evaluate(TAB_STOPS)
    visits = []
    for _ in range(2 * stops + 20):  # a data editor's table takes a Tab per column
        page.keyboard.press("Tab")
        visits.append(page.evaluate(RECORD_FOCUS))
    assert page.evaluate(NOT_TABBED) == [], f"/{path}: Tab never reached these"
    first = next(i for i in visits if i >= 0)
    assert visits.count(first) >= 2, f"/{path}: Tab did not come round to the start again"


@pytest.mark.parametrize(
    ("lang", "names"),
    [
        (
            "en",
            (
                'grid "Input, 3 × 3"',
                'table "Kernel, 3 × 3"',
                'grid "Output (sum of stamps), 7 × 7"',
                'button "Previous step (←)"',
            ),
        ),
        (
            "zh",
            (
                'grid "输入, 3 × 3"',
                'table "卷积核, 3 × 3"',
                'grid "输出（印章之和）, 7 × 7"',
                'button "上一步（←）"',
            ),
        ),
    ],
)
def test_transposed_grids_and_toolbar_are_named_in_the_pages_language(app_url, page, lang, names):
    """The scatter's grids say what they are and their size, the toolbar its actions, in
    English and in Chinese (a screen reader's view: Playwright's aria snapshot)."""
    page.goto(f"{app_url}/transposed?n=3&k=3&s=2&lang={lang}")
    wait_for_app(page)
    drawn = scene(page, "transposed_scatter_chart")
    tree = drawn.locator(".panels").aria_snapshot() + drawn.locator(".toolbar").aria_snapshot()
    for name in names:
        assert name in tree, (name, tree[:500])


def _luminance(rgb: str) -> float:
    """WCAG relative luminance of a CSS ``rgb(r, g, b)`` colour."""
    channels = [int(v) / 255 for v in re.findall(r"\d+", rgb)[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(one: str, two: str) -> float:
    high, low = sorted((_luminance(one), _luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_focus_ring_stands_out_in_both_themes(browser, app_url, scheme):
    """WCAG 1.4.11 / 2.4.7: the scene's focus ring and a focused cell's outline are drawn
    (visible) in a colour with at least 3 : 1 against the page."""
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    try:
        page.goto(f"{app_url}/standard?h=5&w=5&k=3&p=valid")
        wait_for_app(page)
        drawn = scene(page, "standard_chart")
        background = page.evaluate(
            "getComputedStyle(document.querySelector('.stApp')).backgroundColor"
        )
        page.mouse.click(5, 300)
        _tab_to(page, drawn, "scene")
        ring = drawn.evaluate(
            "(el) => { const s = getComputedStyle(el.getRootNode().activeElement);"
            " return [s.outlineStyle, s.outlineWidth, s.outlineColor]; }"
        )
        assert ring[0] == "solid" and float(ring[1][:-2]) >= 2, ring
        assert _contrast(ring[2], background) >= 3, (ring, background)
        _tab_to(page, drawn, "gridcell")
        stroke = drawn.evaluate(
            "(el) => { const s = getComputedStyle(el.getRootNode().activeElement);"
            " return [s.stroke, s.strokeWidth]; }"
        )
        assert float(stroke[1][:-2]) >= 3 and _contrast(stroke[0], background) >= 3, stroke
    finally:
        context.close()


def _blended(colour: str, background: str) -> str:
    """A translucent CSS colour (``rgba(…)``, or ``color(srgb r g b / a)`` with channels
    0–1, as Chromium reports a ``color-mix``) as it shows over ``background``."""
    channels = [float(v) for v in re.findall(r"[\d.]+", colour)]
    if colour.startswith("color(srgb"):
        channels[:3] = [255 * c for c in channels[:3]]
    under = [float(v) for v in re.findall(r"[\d.]+", background)][:3]
    alpha = channels[3] if len(channels) > 3 else 1.0
    mixed = [round(alpha * c + (1 - alpha) * u) for c, u in zip(channels[:3], under, strict=True)]
    return f"rgb({mixed[0]}, {mixed[1]}, {mixed[2]})"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_controls_boundary_stands_out_in_both_themes(browser, app_url, scheme):
    """WCAG 1.4.11: an answer box, a button, a panel's edge and a switch (off and on) are
    drawn at 3 : 1 against the page (Streamlit's default border and off track, its text
    colour at 20 %, are 1.5 : 1)."""
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    try:
        page.goto(f"{app_url}/exercises?topic=standard&q=1&seed=1")
        wait_for_app(page)
        background = page.evaluate(
            "getComputedStyle(document.querySelector('.stApp')).backgroundColor"
        )
        for selector in (
            "[data-testid=stNumberInputContainer]",
            "button[data-testid=stBaseButtonSecondaryFormSubmit], "
            "button[data-testid=stBaseButton-secondaryFormSubmit]",
            "[data-testid=stExpander] details",
        ):
            control = page.locator(selector).first
            border = control.evaluate("(el) => getComputedStyle(el).borderTopColor")
            width = control.evaluate("(el) => parseFloat(getComputedStyle(el).borderTopWidth)")
            contrast = _contrast(_blended(border, background), background)
            assert width >= 1 and contrast >= 3, (selector, border, width, contrast)
        # a switch's track eases between its colours: measure it at rest
        page.add_style_tag(content="*{transition:none !important}")
        switch = page.get_by_role("switch", name="Reveal the answer").first
        label = page.locator("label").filter(has=switch).first
        for checked in (False, True):
            expect(switch).to_be_checked(checked=checked)
            fill = label.locator(":scope > div").first.evaluate(
                "(el) => getComputedStyle(el).backgroundColor"
            )
            contrast = _contrast(_blended(fill, background), background)
            assert contrast >= 3, (checked, fill, contrast)
            label.click()
        page.goto(f"{app_url}/standard")
        wait_for_app(page)
        circles = page.locator("[data-testid=stRadioOption] > div > div:first-child")
        drawn = circles.evaluate_all(
            "(els) => els.map((el) => { const s = getComputedStyle(el);"
            " return [el.closest('label').dataset.selected === 'true', s.borderTopColor,"
            " s.backgroundColor]; })"
        )
        assert {selected for selected, *_ in drawn} == {True, False}, drawn
        for selected, border, fill in drawn:  # the ring, and the chosen one's fill
            edge = fill if selected else border
            contrast = _contrast(_blended(edge, background), background)
            assert contrast >= 3, (selected, edge, contrast)
    finally:
        context.close()
