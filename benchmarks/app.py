"""Page speed: script run time (AppTest), figure JSON size, and slider-to-chart latency.

For each page at its defaults and at its largest settings it prints:
- the median time of the page script's own rerun (AppTest, warm caches and cold caches),
- the size of the figure JSON sent to the browser,
- in headless Chromium, the median time from a slider key press to the updated chart,
  next to the same measure for a one-slider hello-world app run in the same benchmark.

Run: ``.venv/bin/python benchmarks/app.py [page …]`` (or ``make bench``). Not a test.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from tests.e2e.harness import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    start_app,
    stop_app,
    wait_for_app,
)

CASES = [
    ("standard", "default", {}, "standard_k", "standard_chart"),
    (
        "standard",
        "largest",
        {"h": "12", "w": "12", "p": "full", "k": "3", "d": "2"},  # 20 × 20 padded, 256 steps
        "standard_s",
        "standard_chart",
    ),
    ("conv1d", "default", {}, "conv1d_k", "conv1d_chart"),
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
        "transposed_seed",
        "transposed_scatter_chart",
    ),
    ("dilated", "default", {}, "dilated_k", "dilated_chart"),
    ("receptive-field", "default", {}, "receptive-field_o", "receptive-field_line_chart"),
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
    at.switch_page(f"pages/{page}.py")
    for key, value in query.items():
        at.query_params[key] = value
    cold, warm = run_times(at, repeats)
    assert not at.exception, at.exception
    size = sum(len(el.proto.spec) for el in at.get("plotly_chart"))
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
    """Median seconds from an ArrowRight/ArrowLeft on a slider to a changed chart."""
    return statistics.median(press_times(page, url, slider_key, chart_key, presses))


def press_times(page, url: str, slider_key: str, chart_key: str, presses: int) -> list[float]:
    """Seconds from each of ``presses`` ArrowRight/ArrowLeft on a slider to a changed chart.

    Each press starts from an idle page (300 ms after the previous rerun finished).
    """
    page.goto(url)
    wait_for_app(page)
    page.wait_for_selector(f".st-key-{chart_key} .js-plotly-plot")
    slider = page.locator(f".st-key-{slider_key}").get_by_role("slider")
    times = []
    for press in range(presses):
        page.evaluate(
            """(key) => { const p = document.querySelector(`.st-key-${key} .js-plotly-plot`);
                          window.__marker = p.data; }""",
            chart_key,
        )
        slider.focus()
        start = time.perf_counter()
        page.keyboard.press("ArrowRight" if press % 2 == 0 else "ArrowLeft")
        page.wait_for_function(
            """(key) => { const p = document.querySelector(`.st-key-${key} .js-plotly-plot`);
                          return p && p.data !== window.__marker; }""",
            arg=chart_key,
            timeout=30_000,
        )
        times.append(time.perf_counter() - start)
        wait_for_app(page)
        # each press starts from an idle page, as a person's would: without the pause a
        # press lands on the previous rerun's trailing work (other charts, V8's GC)
        page.wait_for_timeout(300)
    return times


def main(only: list[str]) -> None:
    """Benchmark every case, or only the pages named on the command line."""
    cases = [case for case in CASES if not only or case[0] in only]
    print(f"{'page':15s} {'settings':9s} {'cold run':>9s} {'warm run':>9s} {'figure JSON':>12s}")
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
            page = browser.new_page(viewport={"width": 1400, "height": 1600})
            before = key_to_chart(page, hello_url, "hello_value", "hello_chart")
            latencies = []
            for name, _, query, slider, chart in cases:
                url = f"{app_url}/{name}?" + "&".join(f"{k}={v}" for k, v in query.items())
                latencies.append(key_to_chart(page, url, slider, chart))
            after = key_to_chart(page, hello_url, "hello_value", "hello_chart")
            # the machine drifts over a run: compare with the mean of hello before and after
            baseline = (before + after) / 2
            print(
                f"\nslider key → updated chart (median of 15): hello-world {baseline * 1e3:.0f} ms "
                f"(before {before * 1e3:.0f}, after {after * 1e3:.0f})"
            )
            for (name, label, *_), latency in zip(cases, latencies, strict=True):
                print(
                    f"  {name:15s} {label:9s} {latency * 1e3:6.0f} ms"
                    f"  ({latency / baseline:.2f}× hello)"
                )
            browser.close()
    finally:
        stop_app(app)
        stop_app(hello)


if __name__ == "__main__":
    main(sys.argv[1:])
