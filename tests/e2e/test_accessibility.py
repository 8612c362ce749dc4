"""WCAG 2.1 AA, checked by axe-core in the browser (issue 26).

Every page — home, the eight topics, the solver, the exercises — is scanned in five
settings that together hold every pair of English/中文, light/dark, normal/presenter and
1280 × 720/390 × 844 (:data:`SETTINGS`). Standard and Transposed are scanned again after
Play has run and a tab or panel has been opened. Zero violations of any impact.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from .harness import (
    OVERFLOWING,
    PHONE,
    PROJECTOR,
    phone_context,
    scene,
    scene_step,
    settled,
    until_step,
)
from .test_pages_in_browser import ANIMATED

pytestmark = pytest.mark.e2e

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
PAGES = [
    "",
    "standard",
    "conv1d",
    "transposed",
    "dilated",
    "receptive-field",
    "causal",
    "separable",
    "lightweight",
    "solver",
    "exercises",
]
# Four settings of two values each (language, theme, mode, screen): these five rows hold
# every pair of values of every two of them (a covering array of strength 2), so a fault
# that needs two settings together, e.g. dark and presenter, shows on every page.
PRESENTER = {"present": "1"}
SETTINGS = {
    "en-light-normal-projector": ({"lang": "en"}, "light", PROJECTOR),
    "en-dark-presenter-phone": ({"lang": "en", **PRESENTER}, "dark", PHONE),
    "zh-light-presenter-phone": ({"lang": "zh", **PRESENTER}, "light", PHONE),
    "zh-dark-normal-phone": ({"lang": "zh"}, "dark", PHONE),
    "zh-dark-presenter-projector": ({"lang": "zh", **PRESENTER}, "dark", PROJECTOR),
}


# The one exemption (README, Accessibility): on a phone the menu is Streamlit's sidebar
# navigation, which puts its section headers inside the <ul> of page links. Only these two
# rules, only inside that menu (a wider screen's menu, in the header, passes).
STREAMLIT_NAV = "[data-testid='stSidebarNav']"
NAV_RULES = {"list", "listitem"}


def _in_streamlit_nav(page, target: list[str]) -> bool:
    return page.locator(target[-1]).first.evaluate(f"e => !!e.closest({STREAMLIT_NAV!r})")


def violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    found = []
    for rule in Axe().run(page, options=WCAG).response["violations"]:
        nodes = rule["nodes"]
        if rule["id"] in NAV_RULES:
            nodes = [n for n in nodes if not _in_streamlit_nav(page, n["target"])]
        if nodes:
            found.append(f"{rule['id']} ({rule['impact']}): {[n['target'] for n in nodes][:3]}")
    return found


def _open(browser, path: str, query: dict[str, str], scheme: str, viewport: dict, app_url):
    if viewport == PHONE:
        context = phone_context(browser, color_scheme=scheme)
    else:
        context = browser.new_context(viewport=viewport, color_scheme=scheme)
    page = context.new_page()
    link = "&".join(f"{k}={v}" for k, v in query.items())
    page.goto(f"{app_url}/{path}?{link}")
    settled(page)
    return context, page


@pytest.mark.parametrize("setting", list(SETTINGS))
@pytest.mark.parametrize("path", PAGES)
def test_no_wcag_violation_on_any_page(browser, app_url, path, setting):
    query, scheme, viewport = SETTINGS[setting]
    context, page = _open(browser, path, query, scheme, viewport, app_url)
    try:
        expected = "zh-Hans" if query["lang"] == "zh" else "en"
        assert page.evaluate("document.documentElement.lang") == expected, "WCAG 3.1.1"
        assert violations(page) == [], f"/{path} {setting}"
    finally:
        context.close()


@pytest.mark.parametrize(("path", "chart"), sorted(ANIMATED.items()))
def test_no_wcag_violation_after_play_and_a_tab(browser, app_url, path, chart):
    """Every page with an animation, again after Play has run and its first closed tab (or,
    without tabs, its first closed panel) has been opened."""
    context, page = _open(browser, path, {"lang": "en"}, "light", PROJECTOR, app_url)
    try:
        drawn = scene(page, chart)
        start = scene_step(page, chart)
        drawn.locator("button.play").click()
        until_step(page, chart, f"step >= {start + 2}")
        drawn.locator("button.play").click()
        closed_tabs = page.get_by_role("tab", selected=False)
        if closed_tabs.count():
            closed_tabs.first.click()
        else:
            page.locator("details:not([open]) summary").first.click()
        settled(page)
        assert violations(page) == [], f"/{path} after Play and a tab"
    finally:
        context.close()


def test_the_documents_language_follows_the_switch(browser, app_url):
    context, page = _open(browser, "standard", {"lang": "en"}, "light", PROJECTOR, app_url)
    try:
        assert page.evaluate("document.documentElement.lang") == "en"
        page.get_by_role("radio", name="中文").click()
        page.wait_for_function("() => document.documentElement.lang === 'zh-Hans'")
    finally:
        context.close()


def test_the_grids_are_named_with_their_size_and_playing_does_not_chatter(browser, app_url):
    context, page = _open(
        browser,
        "standard",
        {"lang": "en", "h": "6", "w": "6", "k": "3"},
        "light",
        PROJECTOR,
        app_url,
    )
    try:
        drawn = scene(page, "standard_chart")
        names = [n.get_attribute("aria-label") for n in drawn.locator("svg[aria-label]").all()]
        assert names[:3] == ["Input, 6 × 6", "Kernel, 3 × 3", "Output, 4 × 4"], names
        spoken = drawn.locator(".spoken")
        assert spoken.get_attribute("aria-live") == "polite"
        assert drawn.locator(".equation").get_attribute("aria-live") is None
        said = (
            "() => document.querySelector('.st-key-standard_chart [data-testid^=stBidiComponent]')"
        )
        said += ".shadowRoot.querySelector('.spoken').textContent"
        drawn.focus()
        page.keyboard.press("ArrowRight")
        assert spoken.text_content() == drawn.locator(".equation").text_content(), "a step is said"
        # playing at 2× (a step every 0.35 s) for 7 steps: the sum is said at most every 2 s
        drawn.locator("select").select_option("2")
        page.evaluate(
            f"""() => {{ window.__said = []; const read = {said};
                window.__timer = setInterval(() => {{ const text = read();
                  if (window.__said.at(-1) !== text) window.__said.push(text); }}, 20); }}"""
        )
        start = scene_step(page, "standard_chart")
        drawn.locator("button.play").click()
        until_step(page, "standard_chart", f"step >= {start + 7}")  # 7 steps: 2.45 s at 2×
        drawn.locator("button.play").click()  # pause: the step it paused on is said
        page.wait_for_function(f"() => window.__said.at(-1) === ({said})()", timeout=5_000)
        heard = page.evaluate("() => { clearInterval(window.__timer); return window.__said; }")
        played = scene_step(page, "standard_chart") - start
        assert played >= 6 and 2 <= len(heard) <= 3, (played, heard)  # the step, ≤ 1, the pause
        assert spoken.text_content() == drawn.locator(".equation").text_content()
    finally:
        context.close()


REFLOW = {"width": 320, "height": 720}  # a 1280 px laptop at 400 % zoom (WCAG 1.4.10)


@pytest.mark.parametrize("path", PAGES)
def test_at_320_px_nothing_scrolls_sideways(browser, app_url, path):
    """Reflow: at 320 CSS px (not a phone: a zoomed desktop browser) a page scrolls only
    down; a data table may scroll on its own."""
    from .test_projector import FORMULA_PAST_EDGE

    context = browser.new_context(viewport=REFLOW)
    page = context.new_page()
    try:
        page.goto(f"{app_url}/{path}")
        settled(page)
        assert page.evaluate(OVERFLOWING) == [], path
        assert page.evaluate(FORMULA_PAST_EDGE) == [], path
    finally:
        context.close()


# Every scene on the page (through the components' shadow roots): MARK_STILL notes each
# one's step; MOVED is true once one of them plays or shows another step.
SCENES = """() => {
    const scenes = [];
    const visit = (root) => {
        scenes.push(...root.querySelectorAll('.scene'));
        for (const el of root.querySelectorAll('*')) if (el.shadowRoot) visit(el.shadowRoot);
    };
    visit(document);
    return scenes;
}"""
MARK_STILL = f"() => ({SCENES})().map((s) => (s.dataset.still = s.dataset.step))"
MOVED = f"""() => ({SCENES})().some((s) => s.classList.contains('playing')
    || (s.dataset.still !== undefined && s.dataset.still !== s.dataset.step))"""


@pytest.mark.parametrize("path", PAGES)
def test_nothing_moves_by_itself_for_reduced_motion(browser, app_url, path):
    """WCAG 2.2.2 / 2.3.3: a viewer who asks for reduced motion sees every animation still
    until they play it (the home demo loops only for the others)."""
    context = browser.new_context(viewport=PROJECTOR, reduced_motion="reduce")
    page = context.new_page()
    try:
        page.goto(f"{app_url}/{path}")
        settled(page)
        assert not page.evaluate(MOVED), path
        page.evaluate(MARK_STILL)
        with pytest.raises(PlaywrightTimeout):  # an observation window, not a sleep
            page.wait_for_function(MOVED, timeout=1500)
    finally:
        context.close()


# text that an element cuts off: it hides its overflow and its content is larger than it
# (not what is hidden on purpose: the words for a screen reader, KaTeX's MathML, the skip link)
CLIPPED = r"""() => {
    const clipped = [];
    const meant = '.chart-summary, .spoken, .katex-mathml, [data-testid=stSkipToContent]';
    const visit = (root) => {
        for (const el of root.querySelectorAll('*')) {
            if (el.shadowRoot) visit(el.shadowRoot);
            const style = getComputedStyle(el);
            const hides = (v) => v === 'hidden' || v === 'clip';
            if (!hides(style.overflowX) && !hides(style.overflowY)) continue;
            if (!el.textContent.trim() || el.closest(meant) || el.querySelector(meant)) continue;
            const box = el.getBoundingClientRect();
            if (!box.width || !box.height) continue;
            if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) {
                clipped.push(`${el.tagName} ${el.textContent.trim().slice(0, 40)}`);
            }
        }
    };
    visit(document);
    return clipped;
}"""


@pytest.mark.parametrize("path", PAGES)
def test_at_200_percent_text_is_neither_clipped_nor_sideways(browser, app_url, path):
    """WCAG 1.4.4: text at 200 % (a 1280 × 720 screen zoomed to 200 % is 640 × 360 CSS px)
    loses nothing: no text cut off, no page scrolling sideways."""
    context = browser.new_context(viewport={"width": 640, "height": 360}, device_scale_factor=2)
    page = context.new_page()
    try:
        page.goto(f"{app_url}/{path}")
        settled(page)
        assert page.evaluate(CLIPPED) == [], path
        assert page.evaluate(OVERFLOWING) == [], path
    finally:
        context.close()
