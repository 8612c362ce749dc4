"""Slider-to-chart latency of a page in two versions of the app, measured alternately.

The machine's speed drifts by ±15 % over minutes, more than most single changes cost or
save, so two versions are served side by side and measured in alternating rounds in one
browser session. The other version is a git revision checked out in a temporary worktree.

Run: ``.venv/bin/python -m benchmarks.compare [--rev HEAD] [--rounds 4] CASE…`` where a
CASE is one of benchmarks/app.py's cases, e.g. ``standard:largest``. Not a test.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import tempfile
from pathlib import Path

from benchmarks.app import CASES, press_times
from harness import CHROMIUM, CHROMIUM_ARGS, start_app, stop_app

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="+", help="page:settings, e.g. standard:largest")
    parser.add_argument("--rev", default="HEAD", help="the revision to compare with")
    parser.add_argument("--rounds", type=int, default=4, help="rounds of 10 presses each")
    args = parser.parse_args()
    known = {f"{page}:{label}": case for case in CASES for page, label in [case[:2]]}
    chosen = [known[name] for name in args.cases]

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        other = Path(tmp) / "other"
        subprocess.run(
            ["git", "worktree", "add", "--detach", str(other), args.rev], cwd=ROOT, check=True
        )
        servers = {}
        try:
            servers = {
                args.rev: start_app(other / "app.py"),
                "working tree": start_app(ROOT / "app.py"),
            }
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1400, "height": 1600})
                for name, _, query, slider, chart in chosen:
                    times = {label: [] for label in servers}
                    for round_ in range(args.rounds):
                        order = list(servers) if round_ % 2 == 0 else list(servers)[::-1]
                        for label in order:
                            url = f"{servers[label][1]}/{name}?" + "&".join(
                                f"{k}={v}" for k, v in query.items()
                            )
                            times[label] += press_times(page, url, slider, chart, 10)
                    for label, values in times.items():
                        median, mean = statistics.median(values), statistics.mean(values)
                        print(
                            f"{name:15s} {label:14s} median {median * 1e3:6.1f} ms"
                            f"  mean {mean * 1e3:6.1f} ms  ({len(values)} presses)"
                        )
                browser.close()
        finally:
            for server, _ in servers.values():
                stop_app(server)
            subprocess.run(["git", "worktree", "remove", "--force", str(other)], cwd=ROOT)


if __name__ == "__main__":
    main()
