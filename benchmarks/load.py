"""A class at once: many simulated students, each a websocket speaking Streamlit's protocol.

Each student opens a page (its largest settings) and then moves one slider every 0.5–1.5 s,
exactly as a browser sends it: a ``BackMsg.rerun_script`` with the widget's new value and
the ``fragment_id`` of the section that holds it, timed until ``script_finished``. Students
either explore their own settings (each its own seed: the figures miss the cache) or all
share one. It prints, per number of students: reruns done, p50/p95/max from the widget
change to the end of the rerun, errors (exception elements, dropped connections), the
server's CPU per rerun and peak RSS, and the kilobytes sent per rerun.

Run: ``.venv/bin/python -m benchmarks.load [--students 1 10 20 40] [--seconds 20]
[--page standard] [--url ws://…]`` (``make bench`` runs it). ``--class 40 [--replicas 2]``
runs a live class instead (``benchmarks/live_class.py``). It starts the app on a free
loopback port unless ``--url`` names a running one; it sends traffic only to 127.0.0.1.
Not a test; ``tests/benchmarks/test_load_smoke.py`` runs a 2-student version.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import threading
import time
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlparse

if __package__ in (None, ""):  # run as a file (python benchmarks/load.py): the repository's
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # packages, as with -m

PAGES = {
    # page: (largest settings, the sliders a student moves)
    "standard": ({"h": "12", "w": "12", "p": "full", "k": "3", "d": "2"}, ["k", "s", "seed"]),
    "transposed": ({"n": "7", "k": "4", "s": "2"}, ["k", "n", "seed"]),
    "causal": ({"n": "24", "k": "5"}, ["k", "d", "s"]),
    "dilated": ({"h": "12", "w": "12", "d": "2"}, ["k", "s", "seed"]),
}


RECONNECT_GRACE = 30.0  # seconds a dropped student keeps trying after the class ends


def run_async(main: Callable[[], Coroutine]) -> None:
    """``asyncio.run(main())`` in a thread of its own: the caller may have a loop running
    (a test runner's or a browser driver's), and one thread holds one event loop."""
    failure: list[BaseException] = []

    def target() -> None:
        try:
            asyncio.run(main())
        except BaseException as error:  # handed to the caller below
            failure.append(error)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if failure:
        raise failure[0]


@dataclass
class Results:
    """What every student saw, for one run of the class."""

    times: list[float] = field(default_factory=list)
    sent: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@dataclass
class Slider:
    id: str
    value: float
    low: float
    high: float
    fragment: str


class Student:
    """One browser's worth of protocol: a session, its sliders, one rerun at a time.

    When its connection drops (a replica dies) it reconnects, as a browser does, and asks
    for its page again with its URL: the app keeps no state outside the session and the
    link, so the view comes back. ``recovered`` holds how long each reconnection took.
    """

    def __init__(self, url: str, page: str, query: dict[str, str], results: Results):
        self.url, self.page, self.query, self.results = url, page, query, results
        self.sliders: dict[str, Slider] = {}
        self.socket = None
        self.page_hash = ""
        self.recovered: list[float] = []
        self.lost = False

    async def connect(self) -> None:
        """Open a session and load the page from the link (its largest settings)."""
        import websockets

        origin = "http://" + urlparse(self.url).netloc
        self.socket = await websockets.connect(
            self.url, subprotocols=["streamlit"], origin=origin, max_size=None
        )
        self.sliders = {}
        await self.rerun(first=True)
        for _ in range(3):  # a fresh server's first page view may rerun itself once
            if self.sliders:
                break
            await self.read_until_finished()

    async def reconnect(self, until: float) -> None:
        dropped = time.monotonic()
        while time.monotonic() < until:
            try:
                await self.connect()
            except Exception:  # the proxy may still route to the dead replica for a moment
                await asyncio.sleep(0.2)
                continue
            self.recovered.append(time.monotonic() - dropped)
            return
        self.lost = True

    async def explore(self, moves: list[str], until: float, rng: random.Random) -> None:
        """Move one slider every 0.5–1.5 s until ``until``; time each rerun."""
        while time.monotonic() < until:
            await asyncio.sleep(rng.uniform(0.5, 1.5))
            if time.monotonic() >= until:
                break
            names = [m for m in moves if self.key(m) in self.sliders]
            if not names:
                continue
            slider = self.sliders[self.key(rng.choice(names))]
            options = [
                v for v in (slider.value - 1, slider.value + 1) if slider.low <= v <= slider.high
            ]
            if not options:
                continue
            slider.value = rng.choice(options)
            start = time.perf_counter()
            try:
                size = await self.rerun(changed=slider)
            except Exception as error:  # a dropped connection: count it, then come back
                self.results.errors.append(f"{type(error).__name__}: {error}")
                await self.reconnect(until + RECONNECT_GRACE)
                continue
            self.results.times.append(time.perf_counter() - start)
            self.results.sent.append(size)

    async def close(self) -> None:
        if self.socket is not None:
            await self.socket.close()

    def key(self, name: str) -> str:
        return f"{self.page}_{name}"

    async def rerun(self, first: bool = False, changed: Slider | None = None) -> int:
        """Send one rerun (the first, or a slider's) and read until it finishes."""
        from streamlit.proto.BackMsg_pb2 import BackMsg

        message = BackMsg()
        state = message.rerun_script
        state.query_string = urlencode(self.query)
        state.page_name = self.page if first else ""
        if not first:
            state.page_script_hash = self.page_hash
        for slider in self.sliders.values():
            widget = state.widget_states.widgets.add()
            widget.id = slider.id
            widget.double_array_value.data.append(slider.value)
        if changed is not None:
            state.fragment_id = changed.fragment
        await self.socket.send(message.SerializeToString())
        return await self.read_until_finished()

    async def read_until_finished(self) -> int:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        received = 0
        while True:
            data = await asyncio.wait_for(self.socket.recv(), timeout=120)
            received += len(data)
            message = ForwardMsg()
            message.ParseFromString(data)
            kind = message.WhichOneof("type")
            if kind == "new_session":
                self.page_hash = message.new_session.page_script_hash
            elif kind == "navigation":
                self.page_hash = message.navigation.page_script_hash or self.page_hash
            elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                self.read_element(message.delta.new_element, message.delta.fragment_id)
            elif kind == "script_finished":
                return received

    def read_element(self, element, fragment: str) -> None:
        kind = element.WhichOneof("type")
        if kind == "exception":
            self.results.errors.append("exception: " + element.exception.message[:120])
        elif kind == "slider" and element.slider.id:
            proto = element.slider
            name = proto.id.rsplit("-", 1)[-1]
            if name.startswith(self.page) and not name.endswith("_fixed"):
                value = proto.value[0] if proto.value else proto.default[0]
                self.sliders[name] = Slider(proto.id, value, proto.min, proto.max, fragment)


def start_server() -> tuple[object, str]:
    from harness import start_app

    server, http = start_app()
    return server, http.replace("http://", "ws://") + "/_stcore/stream"


def crowd(url: str, page: str, students: int, own: bool, results: Results) -> list[Student]:
    """``students`` students on ``page`` at its largest settings, each its own seed or one."""
    query, _ = PAGES[page]
    return [
        Student(url, page, {**query, "seed": str(index % 100) if own else "7"}, results)
        for index in range(students)
    ]


async def one_class(
    class_: list[Student], page: str, seconds: float, loaded: asyncio.Event | None = None
) -> None:
    """Every student loads its page, then all explore for ``seconds``."""
    for student in class_:  # a class arrives over a few seconds, not in one instant
        await student.connect()
    if loaded is not None:
        loaded.set()
    until = time.monotonic() + seconds
    _, moves = PAGES[page]
    try:
        await asyncio.gather(
            *(s.explore(moves, until, random.Random(i)) for i, s in enumerate(class_))
        )
    finally:
        for student in class_:
            await student.close()


def measure(
    url: str, server_pid: int | None, page: str, students: int, seconds: float, own: bool
) -> dict:
    """Run one class; the server's CPU is counted from when every page has loaded."""
    import psutil

    process = psutil.Process(server_pid) if server_pid else None
    results = Results()
    class_ = crowd(url, page, students, own, results)
    peak = [process.memory_info().rss if process else 0]
    cpu = [0.0]

    async def main() -> None:
        loaded = asyncio.Event()
        done = asyncio.Event()

        async def sample() -> None:
            await loaded.wait()
            start = sum(process.cpu_times()[:2]) if process else 0.0
            while not done.is_set():
                if process:
                    peak[0] = max(peak[0], process.memory_info().rss)
                await asyncio.sleep(0.25)
            cpu[0] = sum(process.cpu_times()[:2]) - start if process else float("nan")

        sampler = asyncio.create_task(sample())
        try:
            await one_class(class_, page, seconds, loaded)
        finally:
            loaded.set()
            done.set()
            await sampler

    try:
        run_async(main)
    except Exception as error:  # a student that could not even load its page
        results.errors.append(f"{type(error).__name__}: {error}")
    times = sorted(results.times)
    count = len(times)
    return {
        "reruns": count,
        "p50": statistics.median(times) if times else float("nan"),
        "p95": times[min(count - 1, int(0.95 * count))] if times else float("nan"),
        "max": times[-1] if times else float("nan"),
        "errors": len(results.errors),
        "first_error": results.errors[0] if results.errors else "",
        "cpu_ms": 1e3 * cpu[0] / count if count else float("nan"),
        "rss_mb": peak[0] / 2**20,
        "kb": statistics.mean(results.sent) / 1e3 if results.sent else float("nan"),
        "recovered": [t for s in class_ for t in s.recovered],
        "lost": sum(s.lost for s in class_),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, nargs="+", default=[1, 10, 20, 40])
    parser.add_argument("--seconds", type=float, default=20.0, help="per class, per mode")
    parser.add_argument("--page", nargs="+", default=["standard", "transposed"])
    parser.add_argument("--url", help="ws://127.0.0.1:PORT/_stcore/stream of a running app")
    parser.add_argument("--pid", type=int, help="the running app's process, for CPU and RSS")
    parser.add_argument(
        "--class",
        dest="live_class",
        type=int,
        metavar="FOLLOWERS",
        help="a live class instead: one teacher stepping each second, this many followers "
        "(benchmarks/live_class.py)",
    )
    parser.add_argument("--replicas", type=int, default=1, help="with --class: 2 for Redis")
    args = parser.parse_args()
    if args.live_class:
        from benchmarks.live_class import report, run_class

        figures = run_class(args.live_class, args.seconds, args.replicas)
        print(
            f"{figures['followers']} followers on {figures['replicas']} process(es): "
            f"{figures['missed_steps']} steps missed, errors {figures['errors'] or 'none'}"
        )
        print(report(figures))
        return
    if args.url and urlparse(args.url).hostname not in ("127.0.0.1", "localhost"):
        raise SystemExit("load.py sends traffic only to 127.0.0.1")
    server = None
    if args.url:
        url, pid = args.url, args.pid
    else:
        server, url = start_server()
        pid = server.pid
    try:
        print(
            f"{'page':11s} {'settings':9s} {'students':>8s} {'reruns':>7s} {'p50':>7s} "
            f"{'p95':>7s} {'max':>7s} {'errors':>6s} {'CPU/rerun':>9s} {'peak RSS':>9s} "
            f"{'kB/rerun':>8s}"
        )
        for page in args.page:
            for own in (True, False):
                label = "own" if own else "shared"
                for students in args.students:
                    row = measure(url, pid, page, students, args.seconds, own)
                    print(
                        f"{page:11s} {label:9s} {students:8d} {row['reruns']:7d} "
                        f"{row['p50']:6.2f}s {row['p95']:6.2f}s {row['max']:6.2f}s "
                        f"{row['errors']:6d} {row['cpu_ms']:7.1f}ms {row['rss_mb']:7.0f}MB "
                        f"{row['kb']:8.1f}",
                        flush=True,
                    )
                    if row["first_error"]:
                        print("    first error:", row["first_error"])
    finally:
        if server is not None:
            from harness import stop_app

            stop_app(server)


if __name__ == "__main__":
    main()
