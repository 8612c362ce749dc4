"""A live class under load (issue 27): one teacher stepping once a second, N followers.

Each follower does what ``static/live.js`` does in a student's browser: it joins, holds the
class's event stream open and, on each event, fetches the class's state; when a question
is open it answers once. The teacher posts a new step every second (as the player
announces it), asks one question a third of the way in and reveals it at the end. Measured:
each follower's delay from the teacher's post to the state that shows that step (what the
student's page then draws in the browser, with no rerun); the answers the histogram lost;
and the server's CPU while the followers are idle (streams open, nothing happening).

On one process with the memory store by default; ``--replicas 2`` runs two app processes on
one Redis (``redis-server`` on a free port, no disk), the teacher on the first, the
followers split between both, so every step crosses Redis's pub/sub.

Followers stand for students behind the course's proxy (``PLAYGROUND_BEHIND_PROXY=1``,
each with its own forwarded address), as the per-address join limit expects.

Run: ``.venv/bin/python -m benchmarks.load --class 40 --seconds 30 [--replicas 2]``. The
last line is ``follow p50 <x> s, p95 <y> s, max <z> s, lost answers <n>, idle followers
<c> % of a core``. Not a test; ``tests/benchmarks`` runs a small one.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import statistics
import subprocess
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field

import psutil

IDLE_SECONDS = 10


@dataclass
class Follower:
    """One simulated student: when each step reached them, and their one answer."""

    number: int
    urls: list[str]  # its replica first; the others, where its browser lands if that dies
    code: str
    seen: dict[int, float] = field(default_factory=dict)  # step → when its state arrived
    answered: int = 0
    reconnects: int = 0
    error: str = ""


def _call(url: str, body: dict | None = None, headers: dict | None = None) -> dict:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, headers={**(headers or {})})
    if data is not None:
        request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def _follow(follower: Follower, opened: threading.Barrier, stop: threading.Event) -> None:
    """Join, listen, fetch on each event, answer the open question once; when the replica
    dies, rejoin on the next with the same id (as a reloading browser does) and go on."""
    address = {"X-Forwarded-For": f"10.1.{follower.number // 250}.{follower.number % 250}"}
    student = None
    for attempt, url in enumerate(follower.urls * 2):
        api = f"{url}/api/class/{follower.code}"
        try:
            student = _call(f"{api}/join", {"again": student}, address)["student"]
            with urllib.request.urlopen(f"{api}/events", timeout=120) as stream:
                if attempt == 0:
                    opened.wait()
                else:
                    follower.reconnects += 1
                for raw in stream:
                    if stop.is_set():
                        return
                    if not raw.startswith(b"data: ") and attempt == 0:
                        continue
                    state = _call(api)
                    follower.seen.setdefault(state["view"]["step"], time.time())
                    question = state["question"]
                    if question and not question["revealed"] and not follower.answered:
                        answer = str(follower.number % 3)
                        _call(f"{api}/answer", {"student": student, "answer": answer}, address)
                        follower.answered = 1
            if stop.is_set():
                return
            follower.error = "the stream ended"  # its replica went away: the next one
        except (OSError, urllib.error.URLError, threading.BrokenBarrierError) as error:
            if stop.is_set():
                return
            follower.error = str(error)
            time.sleep(0.2)
    follower.error = follower.error or "no replica left"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _redis() -> tuple[subprocess.Popen, str]:
    server = shutil.which("redis-server")
    if server is None:
        raise SystemExit("--replicas 2 needs redis-server (apt-get install redis-server)")
    port = _free_port()
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    time.sleep(0.5)
    return process, f"redis://127.0.0.1:{port}/0"


def run_class(
    followers: int, seconds: float, replicas: int = 1, kill_teacher_replica: bool = False
) -> dict:
    """Run the class; the figures, as a dict (see the module's docstring). With
    ``kill_teacher_replica`` (two replicas or more), the teacher's replica is killed half way
    through; the teacher goes on from the next one (their browser keeps the key)."""
    from harness import start_app, stop_app

    os.environ["PLAYGROUND_BEHIND_PROXY"] = "1"
    redis = None
    if replicas > 1:
        redis, url = _redis()
        os.environ["PLAYGROUND_STORE"] = url
    servers = []
    try:
        servers = [start_app() for _ in range(replicas)]
        urls = [url for _, url in servers]
        started = _call(f"{urls[0]}/api/class", {"view": {"page": "standard"}})
        code, key = started["code"], {"X-Teacher-Key": started["key"]}
        api = f"{urls[0]}/api/class/{code}"
        crowd = [
            Follower(n, urls[n % replicas :] + urls[: n % replicas], code) for n in range(followers)
        ]
        opened = threading.Barrier(followers + 1, timeout=60)
        stop = threading.Event()
        threads = [
            threading.Thread(target=_follow, args=(f, opened, stop), daemon=True) for f in crowd
        ]
        for thread in threads:
            thread.start()
        opened.wait()
        time.sleep(1)
        processes = [psutil.Process(server.pid) for server, _ in servers]
        before = sum(p.cpu_times().user + p.cpu_times().system for p in processes)
        time.sleep(IDLE_SECONDS)
        after = sum(p.cpu_times().user + p.cpu_times().system for p in processes)
        idle = 100 * (after - before) / IDLE_SECONDS
        posted: dict[int, float] = {}
        steps = max(int(seconds), 3)
        killed_at = None
        for step in range(1, steps + 1):
            if kill_teacher_replica and replicas > 1 and step == steps // 2:
                servers[0][0].kill()  # the teacher's replica, mid-class
                killed_at = step
                api = f"{urls[1]}/api/class/{code}"  # the teacher reloads onto the next
                time.sleep(1)
            if step == steps // 3:
                question = {"prompt": "How many outputs?", "kind": "number", "answer": "1"}
                _call(f"{api}/ask", question, key)
            posted[step] = time.time()
            _call(f"{api}/show", {"page": "standard", "step": step}, key)
            time.sleep(1)
        time.sleep(1)
        state = _call(api, headers=key)
        answers = sum((state["histogram"] or {}).values())
        _call(f"{api}/reveal", {}, key)
        stop.set()
        counted = {s: at for s, at in posted.items() if killed_at is None or s != killed_at}
        delays = sorted(
            follower.seen[step] - at
            for step, at in counted.items()
            for follower in crowd
            if step in follower.seen
        )
        missed = followers * len(counted) - len(delays)
        return {
            "followers": followers,
            "replicas": replicas,
            "p50": statistics.median(delays) if delays else float("nan"),
            "p95": delays[int(0.95 * (len(delays) - 1))] if delays else float("nan"),
            "max": delays[-1] if delays else float("nan"),
            "missed_steps": missed,
            "lost_answers": followers - answers,
            "idle_cpu": idle,
            "killed_at": killed_at,
            "reconnects": sum(f.reconnects for f in crowd),
            "last_step_seen": sum(steps in f.seen for f in crowd),
            "errors": [f.error for f in crowd if f.error and not f.reconnects][:3],
        }
    finally:
        for server, _ in servers:
            if server.poll() is None:
                stop_app(server)
        if redis is not None:
            redis.terminate()
            os.environ.pop("PLAYGROUND_STORE", None)


def report(figures: dict) -> str:
    """The benchmark's last line."""
    return (
        f"follow p50 {figures['p50']:.3f} s, p95 {figures['p95']:.3f} s, "
        f"max {figures['max']:.3f} s, lost answers {figures['lost_answers']}, "
        f"idle followers {figures['idle_cpu']:.1f} % of a core"
    )
