"""Page speed: script run time (AppTest), what a page sends, and what a person waits.

For each page at its defaults and at its largest settings it prints:
- the median time of the page script's own rerun (AppTest, warm caches and cold caches),
- the size of the figures and scenes it sends (plotly specs and scene data),
- in headless Chromium at 1280 × 720, the median time from an arrow-key press on the
  page's main slider to the page's last DOM change, next to the same measure for a
  one-slider hello-world app run in the same benchmark;
- the time from clicking a page in the menu to its first chart or scene.

Run: ``.venv/bin/python -m benchmarks.app [page …]`` (or ``make bench``). Not a test.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from harness import (
    CHROMIUM,
    CHROMIUM_ARGS,
    start_app,
    stop_app,
    wait_for_app,
)
from ui.catalog import PAGES

ROOT = Path(__file__).resolve().parents[1]

CASES = [
    ("standard", "default", {}, "standard_k", "standard_chart"),
    (
        "standard",
        "largest",
        {"h": "12", "w": "12", "p": "full", "k": "3", "d": "2"},  # 20 × 20 padded, 256 steps
        "standard_s",
        "standard_chart",
    ),
    (
        "standard",
        "layer",
        # the largest layer: 4 maps in and out with a bias, 8 × 8 full, 14 × 14 padded
        {"cin": "4", "cout": "4", "bias": "1", "h": "8", "w": "8", "p": "full", "k": "4"},
        "standard_s",
        "standard_chart",
    ),
    ("conv1d", "default", {}, "conv1d_k", "conv1d_chart"),
    (
        "conv1d",
        "layer",
        {"cin": "4", "cout": "4", "bias": "1", "n": "24", "p": "full", "k": "5"},
        "conv1d_s",
        "conv1d_chart",
    ),
    (
        "conv1d",
        "largest",
        {"n": "24", "p": "causal", "k": "3", "d": "4", "t": "40", "co": "512"},
        "conv1d_s",
        "conv1d_chart",
    ),
    ("transposed", "default", {}, "transposed_k", "transposed_scatter_chart"),
    (
        "transposed",
        "largest",
        {"n": "7", "k": "4", "s": "2"},  # 49 stamps into a 16 × 16 output
        "transposed_p",
        "transposed_scatter_chart",
    ),
    ("dilated", "default", {}, "dilated_k", "dilated_chart"),
    ("receptive-field", "default", {}, "receptive-field_n", "receptive-field_outputs_chart"),
    ("causal", "default", {}, "causal_k", "causal_chart"),
    ("separable", "default", {}, "separable_k", "separable_chart"),
    (
        "separable",
        "largest",
        {"cin": "8", "cout": "16", "k": "5", "m": "3", "n": "8"},
        "separable_seed",
        "separable_chart",
    ),
    ("lightweight", "default", {}, "lightweight_k", "lightweight_chart"),
]


def script_times(page: str, query: dict[str, str], repeats: int = 7) -> tuple[float, float, int]:
    """(cold run s, median warm rerun s, figure JSON bytes) of one page."""
    import streamlit as st

    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page(f"app_pages/{page}.py")
    for key, value in query.items():
        at.query_params[key] = value
    cold, warm = run_times(at, repeats)
    assert not at.exception, at.exception
    size = sum(len(el.proto.spec) for el in at.get("plotly_chart"))
    size += sum(len(el.proto.json) for el in at.get("bidi_component"))
    return cold, warm, size


def run_times(at: AppTest, repeats: int = 7) -> tuple[float, float]:
    """(first run s, median of ``repeats`` reruns s) of an app under test."""
    start = time.perf_counter()
    at.run()
    cold = time.perf_counter() - start
    warm = []
    for _ in range(repeats):
        start = time.perf_counter()
        at.run()
        warm.append(time.perf_counter() - start)
    return cold, statistics.median(warm)


def key_to_chart(page, url: str, slider_key: str, chart_key: str, presses: int = 15) -> float:
    """Median seconds from an ArrowRight/ArrowLeft on a slider to the last DOM change."""
    return statistics.median(press_times(page, url, slider_key, chart_key, presses))


WATCH = """() => {
    // the time of the latest change anywhere on the page, scenes' shadow roots included
    window.__last = 0;
    const seen = () => { window.__last = performance.now(); };
    const options = {subtree: true, childList: true, attributes: true, characterData: true};
    const observer = new MutationObserver(seen);
    observer.observe(document.body, options);
    document.querySelectorAll('[data-testid^=stBidiComponent]').forEach(
        host => host.shadowRoot && observer.observe(host.shadowRoot, options));
    window.__observer && window.__observer.disconnect();
    window.__observer = observer;
    document.addEventListener('keydown', () => { window.__pressed = performance.now(); },
                              {capture: true, once: true});
}"""
SETTLED = """() => window.__last > window.__pressed && performance.now() - window.__last > 400
    && document.querySelector("[data-testid='stApp'][data-test-script-state='notRunning']")"""


def press_times(page, url: str, slider_key: str, chart_key: str, presses: int) -> list[float]:
    """Seconds from each of ``presses`` ArrowRight/ArrowLeft on a slider to the page's last
    DOM change (the rerun drawn completely). Each press starts from an idle page."""
    page.goto(url)
    wait_for_app(page)
    page.wait_for_selector(f".st-key-{chart_key}")
    page.wait_for_timeout(500)
    slider = page.locator(f".st-key-{slider_key}").get_by_role("slider")
    times = []
    for press in range(presses):
        slider.focus()
        page.evaluate(WATCH)
        page.keyboard.press("ArrowRight" if press % 2 == 0 else "ArrowLeft")
        page.wait_for_function(SETTLED, timeout=30_000, polling=20)
        times.append(page.evaluate("() => (window.__last - window.__pressed) / 1000"))
        wait_for_app(page)
        page.wait_for_timeout(300)
    return times


def navigation_time(page, base: str, name: str, chart_key: str) -> float:
    """Seconds from clicking a page in the menu to its first chart or scene drawn."""
    page.goto(base)
    wait_for_app(page)
    page.locator("[data-testid='stTopNavSection']").filter(has_text=SECTIONS[name]).click()
    link = page.locator("[data-testid='stTopNavDropdownLink']").filter(has_text=TITLES[name]).first
    start = time.perf_counter()
    link.click()
    page.wait_for_selector(
        f".st-key-{chart_key} .js-plotly-plot .main-svg, .st-key-{chart_key} .scene .panels svg",
        timeout=30_000,
    )
    return time.perf_counter() - start


SECTIONS = {info.url_path: info.section for info in PAGES}
TITLES = {
    "standard": "Standard convolution",
    "conv1d": "Conv1d",
    "transposed": "Transposed convolution",
    "dilated": "Dilated convolution",
    "receptive-field": "Receptive-field lab",
    "causal": "Causal convolution",
    "separable": "Separable convolution",
    "lightweight": "Lightweight convolution",
}


def main(only: list[str]) -> None:
    """Benchmark every case, or only the pages named on the command line."""
    cases = [case for case in CASES if not only or case[0] in only]
    print(f"{'page':15s} {'settings':9s} {'cold run':>9s} {'warm run':>9s} {'sent':>10s}")
    for page, label, query, _, _ in cases:
        cold, warm, size = script_times(page, query)
        print(f"{page:15s} {label:9s} {cold * 1e3:7.0f}ms {warm * 1e3:7.0f}ms {size / 1e3:10.0f}KB")
    hello_cold, hello_warm = run_times(AppTest.from_file(str(ROOT / "benchmarks/hello_app.py")))
    print(f"{'hello':15s} {'':9s} {hello_cold * 1e3:7.0f}ms {hello_warm * 1e3:7.0f}ms")

    if not Path(CHROMIUM).exists():
        print("no /usr/bin/chromium: browser latency skipped")
        return
    from playwright.sync_api import sync_playwright

    (app, app_url), (hello, hello_url) = start_app(), start_app(ROOT / "benchmarks/hello_app.py")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 720})
            before = key_to_chart(page, hello_url, "hello_value", "hello_chart")
            latencies = []
            for name, _, query, slider, chart in cases:
                url = f"{app_url}/{name}?" + "&".join(f"{k}={v}" for k, v in query.items())
                latencies.append(key_to_chart(page, url, slider, chart))
            after = key_to_chart(page, hello_url, "hello_value", "hello_chart")
            # the machine drifts over a run: compare with the mean of hello before and after
            baseline = (before + after) / 2
            print(
                f"\nslider key → last DOM change (median of 15): hello-world "
                f"{baseline * 1e3:.0f} ms (before {before * 1e3:.0f}, after {after * 1e3:.0f})"
            )
            for (name, label, *_), latency in zip(cases, latencies, strict=True):
                print(
                    f"  {name:15s} {label:9s} {latency * 1e3:6.0f} ms"
                    f"  ({latency / baseline:.2f}× hello)"
                )
            print("\nmenu click → first chart drawn")
            for name, label, _, _, chart in cases:
                if label != "default":
                    continue
                seconds = statistics.median(
                    navigation_time(page, app_url, name, chart) for _ in range(3)
                )
                print(f"  {name:15s} {seconds * 1e3:6.0f} ms")
            browser.close()
    finally:
        stop_app(app)
        stop_app(hello)


if __name__ == "__main__":
    main(sys.argv[1:])
