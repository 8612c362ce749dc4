"""What pushing a teacher's step to a class of followers costs: the design measurement for
the live class (issue 27). Not a test.

``st.App`` serves the app plus a Server-Sent Events route (``benchmarks/push_server.py``).
N followers hold a stream open; then (1) for ``--idle`` seconds nothing happens and the
server's CPU is read (idle followers must cost ≤ 5 % of a core); (2) a teacher posts a step
every second for ``--seconds`` and each follower's delay from the post to its event is
timed (p95 ≤ 1 s). Prints one line per phase.

Run: ``.venv/bin/python -m benchmarks.class_push [--followers 40] [--seconds 20]``
"""

from __future__ import annotations

import argparse
import statistics
import threading
import time
import urllib.request
from pathlib import Path

import psutil

from harness import start_app, stop_app

SERVER = Path(__file__).resolve().parent / "push_server.py"


def follow(url: str, arrivals: dict[str, list[float]], ready: threading.Barrier, stop) -> None:
    """One follower: hold the stream, note when each step arrives."""
    with urllib.request.urlopen(f"{url}/api/push/events", timeout=60) as stream:
        ready.wait()
        for raw in stream:
            line = raw.decode().strip()
            if line.startswith("data: "):
                arrivals.setdefault(line[6:], []).append(time.time())
            if stop.is_set():
                return


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--followers", type=int, default=40)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--idle", type=int, default=10)
    args = parser.parse_args()
    server, url = start_app(SERVER)
    try:
        process = psutil.Process(server.pid)
        arrivals: dict[str, list[float]] = {}
        ready = threading.Barrier(args.followers + 1)
        stop = threading.Event()
        threads = [
            threading.Thread(target=follow, args=(url, arrivals, ready, stop), daemon=True)
            for _ in range(args.followers)
        ]
        for thread in threads:
            thread.start()
        ready.wait()
        time.sleep(1)  # the streams settle
        before = process.cpu_times()
        time.sleep(args.idle)
        after = process.cpu_times()
        busy = (after.user - before.user) + (after.system - before.system)
        print(
            f"{args.followers} idle followers for {args.idle} s: "
            f"server CPU {100 * busy / args.idle:.2f} % of a core"
        )
        posted = {}
        for number in range(args.seconds):
            name = f"step-{number}"
            posted[name] = time.time()
            request = urllib.request.Request(f"{url}/api/push/step", data=name.encode())
            urllib.request.urlopen(request, timeout=10).read()
            time.sleep(1)
        stop.set()
        delays = sorted(
            arrival - posted[name] for name, times in arrivals.items() for arrival in times
        )
        lost = args.followers * args.seconds - len(delays)
        p95 = delays[int(0.95 * (len(delays) - 1))] if delays else float("nan")
        print(
            f"{args.seconds} steps to {args.followers} followers: "
            f"p50 {statistics.median(delays):.3f} s, p95 {p95:.3f} s, "
            f"max {delays[-1]:.3f} s, lost {lost}"
        )
    finally:
        stop_app(server)


if __name__ == "__main__":
    main()
