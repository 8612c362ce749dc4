"""The live class over HTTP, through ``server.py`` served as it will be (``st.App``): the
routes answer, only the teacher key changes the class, and a change reaches the event
streams — on one server, and from one server to another through Redis."""

from __future__ import annotations

import json
import os
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager

import pytest

from harness import ROOT, start_app, stop_app


@contextmanager
def served(**env: str):
    """``server.py`` on a free port, with ``env`` set for it."""
    saved = {name: os.environ.get(name) for name in env}
    os.environ.update(env)
    try:
        server, url = start_app(ROOT / "server.py")
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    try:
        yield url
    finally:
        stop_app(server)


@pytest.fixture(scope="module")
def url():
    with served() as url:
        yield url


def call(url: str, path: str, body: object = None, key: str = "") -> tuple[int, dict]:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(f"{url}/api/class{path}", data=data, method=None)
    if key:
        request.add_header("X-Teacher-Key", key)
    if data is not None:
        request.method = "POST"
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


class Follower:
    """An event stream held open on a thread; ``next_event`` waits for the next message."""

    def __init__(self, url: str, code: str) -> None:
        self.messages: list[str] = []
        self.opened = threading.Event()
        self.arrived = threading.Condition()
        self.stream = urllib.request.urlopen(f"{url}/api/class/{code}/events", timeout=30)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for raw in self.stream:
            line = raw.decode().strip()
            self.opened.set()
            if line.startswith("data: "):
                with self.arrived:
                    self.messages.append(line[6:])
                    self.arrived.notify_all()

    def next_event(self, seen: int, timeout: float = 5) -> str:
        with self.arrived:
            if not self.arrived.wait_for(lambda: len(self.messages) > seen, timeout):
                raise AssertionError(f"no event within {timeout} s: {self.messages}")
            return self.messages[seen]


def test_a_class_over_http_from_start_to_reveal(url):
    status, started = call(url, "", {"view": {"page": "standard", "query": {"k": "3"}}})
    assert status == 200 and len(started["code"]) == 6
    code, key = started["code"], started["key"]
    status, joined = call(url, f"/{code}/join", {"nickname": "Ada"})
    assert status == 200
    follower = Follower(url, code.lower())  # a code typed in lower case works
    assert follower.opened.wait(10), "the stream opens"
    sent = time.monotonic()
    status, shown = call(url, f"/{code}/show", {"page": "transposed", "step": 4}, key)
    assert status == 200
    assert follower.next_event(0) == str(shown["revision"])
    assert time.monotonic() - sent < 1.0, "a step reaches a follower within a second"
    assert call(url, f"/{code}")[1]["view"]["page"] == "transposed"
    call(url, f"/{code}/ask", {"prompt": "Output size?", "kind": "number", "answer": "7"}, key)
    assert call(url, f"/{code}/answer", {"student": joined["student"], "answer": "7"})[0] == 200
    student_view, projector = call(url, f"/{code}")[1], call(url, f"/{code}", key=key)[1]
    assert student_view["histogram"] is None and student_view["question"]["answer"] == ""
    assert projector["histogram"] == {"7": 1} and projector["answered"] == 1
    assert call(url, f"/{code}/reveal", {}, key)[1]["answer"] == "7"


def test_a_forged_teacher_request_is_refused_and_changes_nothing(url):
    code, key = (lambda s: (s["code"], s["key"]))(call(url, "", {})[1])
    student = call(url, f"/{code}/join", {})[1]["student"]
    before = call(url, f"/{code}", key=key)[1]
    for forged in ("", student, "x" * 32):
        for path, body in (
            ("/show", {"page": "causal"}),
            ("/gather", {}),
            ("/ask", {"prompt": "?", "kind": "number", "answer": "1"}),
            ("/reveal", {}),
            ("/end", {}),
        ):
            status, refusal = call(url, f"/{code}{path}", body, forged)
            assert status == 403 and "only the teacher" in refusal["error"], (path, forged)
    assert call(url, f"/{code}", key=key)[1] == before


def test_bad_requests_get_a_sentence_not_a_traceback(url):
    assert call(url, "/ZZZZZZ")[0] == 404
    code, key = (lambda s: (s["code"], s["key"]))(call(url, "", {})[1])
    request = urllib.request.Request(f"{url}/api/class/{code}/show", data=b"[1, 2", method="POST")
    request.add_header("X-Teacher-Key", key)
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 400 and "JSON object" in json.loads(refused.value.read())["error"]
    status, refusal = call(url, f"/{code}/show", {"page": "standard", "colour": "red"}, key)
    assert status == 400 and "a view is" in refusal["error"]
    status, refusal = call(url, f"/{code}/join", {"nickname": "x" * 10_000})
    assert status == 400 and "at most" in refusal["error"]
    for body in (
        {"page": "standard", "query": [1, 2]},
        {"page": ["x"]},
        {"page": "s", "step": "2"},
    ):
        assert call(url, f"/{code}/show", body, key)[0] == 400, body
    assert call(url, "", {"view": "standard"})[0] == 400
    for question in (
        {"prompt": 7, "kind": "number", "answer": "1"},
        {"prompt": "?", "kind": "number", "answer": "1", "step": -1},
        {"prompt": "?", "kind": "essay", "answer": "1"},
    ):
        assert call(url, f"/{code}/ask", question, key)[0] == 400, question


def test_a_teacher_on_one_server_drives_a_follower_on_another_through_redis(redis_url):
    with served(PLAYGROUND_STORE=redis_url) as first, served(PLAYGROUND_STORE=redis_url) as second:
        started = call(first, "", {})[1]
        follower = Follower(second, started["code"])
        assert follower.opened.wait(10), "the stream opens"
        shown = call(first, f"/{started['code']}/show", {"page": "causal"}, started["key"])[1]
        assert follower.next_event(0) == str(shown["revision"])
        assert call(second, f"/{started['code']}")[1]["view"]["page"] == "causal"


def test_the_rate_limits_count_the_address_our_own_proxy_saw(monkeypatch):
    """A student cannot dodge the join limit by sending X-Forwarded-For: without our proxy
    the header is ignored; behind it, only the address the proxy appended counts."""
    from starlette.requests import Request

    from classroom.routes import _address

    forged = [(b"x-forwarded-for", b"6.6.6.6, 10.0.0.9")]
    request = Request({"type": "http", "headers": forged, "client": ("172.16.0.2", 5000)})
    monkeypatch.delenv("PLAYGROUND_BEHIND_PROXY", raising=False)
    assert _address(request) == "172.16.0.2"
    monkeypatch.setenv("PLAYGROUND_BEHIND_PROXY", "1")
    assert _address(request) == "10.0.0.9"
