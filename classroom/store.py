"""Where a class lives: this process's memory (the default) or Redis (several processes).

A class is a record (the teacher's view and question, as JSON), its members (student id →
nickname) and, per question, its answers (student id → answer). Every key of a class
expires ``ttl`` seconds after the class was last touched, so an idle class disappears with
all it held and nothing is written to disk. Rate limits are counters per window.

Both stores offer the same operations, and ``tests/classroom`` runs the same tests against
both (Redis against a real ``redis-server``).
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol


class Store(Protocol):
    def create(self, code: str, record: dict, ttl: float) -> bool:
        """Keep a new class; False (and nothing changed) when ``code`` is in use."""

    def load(self, code: str) -> dict | None:
        """The class's record, or None when there is no such class (or it expired)."""

    def save(self, code: str, record: dict, ttl: float) -> None:
        """Replace the record of an existing class and touch the class."""

    def delete(self, code: str) -> None:
        """Forget the class and everything it held."""

    def live_classes(self) -> int:
        """How many classes exist now."""

    def add_member(self, code: str, member: str, nickname: str, ttl: float) -> int:
        """Add (or keep) a member; return how many members the class has."""

    def members(self, code: str) -> dict[str, str]:
        """Member id → nickname."""

    def set_answer(self, code: str, question: int, member: str, answer: str, ttl: float) -> None:
        """A member's answer to a question (replacing an earlier one)."""

    def answers(self, code: str, question: int) -> dict[str, str]:
        """Member id → answer, for one question."""

    def hit(self, key: str, window: float) -> int:
        """Count one more event under ``key`` in the current window of ``window`` seconds;
        return the window's count so far."""

    def publish(self, code: str, message: str) -> None:
        """Tell the class's followers that something changed (``message``: the revision)."""

    def add_listener(self, listener: Callable[[str, str], None]) -> None:
        """Call ``listener(code, message)`` for every message published to any class (by
        any process sharing the store)."""


# ----------------------------------------------------------------------------- memory


@dataclass
class _Class:
    record: dict
    expires: float
    members: dict[str, str] = field(default_factory=dict)
    answers: dict[int, dict[str, str]] = field(default_factory=dict)


class MemoryStore:
    """The classes in this process's memory: the default, for one app process.

    ``clock`` is injectable so tests can let three idle hours pass at once.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self._classes: dict[str, _Class] = {}
        self._hits: dict[str, tuple[float, int]] = {}
        self._lock = threading.Lock()
        self.listeners: list[Callable[[str, str], None]] = []

    def _live(self, code: str) -> _Class | None:
        entry = self._classes.get(code)
        if entry is not None and entry.expires <= self.clock():
            del self._classes[code]
            return None
        return entry

    def _sweep(self) -> None:
        now = self.clock()
        for code in [c for c, entry in self._classes.items() if entry.expires <= now]:
            del self._classes[code]

    def create(self, code: str, record: dict, ttl: float) -> bool:
        with self._lock:
            if self._live(code) is not None:
                return False
            self._classes[code] = _Class(json.loads(json.dumps(record)), self.clock() + ttl)
            return True

    def load(self, code: str) -> dict | None:
        with self._lock:
            entry = self._live(code)
            return None if entry is None else json.loads(json.dumps(entry.record))

    def save(self, code: str, record: dict, ttl: float) -> None:
        with self._lock:
            entry = self._live(code)
            if entry is not None:
                entry.record = json.loads(json.dumps(record))
                entry.expires = self.clock() + ttl

    def delete(self, code: str) -> None:
        with self._lock:
            self._classes.pop(code, None)

    def live_classes(self) -> int:
        with self._lock:
            self._sweep()
            return len(self._classes)

    def add_member(self, code: str, member: str, nickname: str, ttl: float) -> int:
        with self._lock:
            entry = self._live(code)
            if entry is None:
                return 0
            entry.members.setdefault(member, nickname)
            entry.expires = self.clock() + ttl
            return len(entry.members)

    def members(self, code: str) -> dict[str, str]:
        with self._lock:
            entry = self._live(code)
            return {} if entry is None else dict(entry.members)

    def set_answer(self, code: str, question: int, member: str, answer: str, ttl: float) -> None:
        with self._lock:
            entry = self._live(code)
            if entry is not None:
                entry.answers.setdefault(question, {})[member] = answer
                entry.expires = self.clock() + ttl

    def answers(self, code: str, question: int) -> dict[str, str]:
        with self._lock:
            entry = self._live(code)
            return {} if entry is None else dict(entry.answers.get(question, {}))

    def hit(self, key: str, window: float) -> int:
        with self._lock:
            now = self.clock()
            start, count = self._hits.get(key, (now, 0))
            if now - start >= window:
                start, count = now, 0
            self._hits[key] = (start, count + 1)
            if len(self._hits) > 100_000:  # bounded: forget windows that are over
                self._hits = {k: v for k, v in self._hits.items() if now - v[0] < window}
            return count + 1

    def publish(self, code: str, message: str) -> None:
        for listener in list(self.listeners):
            listener(code, message)

    def add_listener(self, listener: Callable[[str, str], None]) -> None:
        self.listeners.append(listener)


# ------------------------------------------------------------------------------ Redis


class RedisStore:
    """The classes in Redis, shared by every app process that points at it; a change is
    published on the class's channel (``class:<code>``) for followers on any process."""

    PREFIX = "playground:class:"

    def __init__(self, url: str) -> None:
        import redis  # only where Redis is used

        self.redis = redis.Redis.from_url(url, decode_responses=True)

    def _key(self, code: str, *parts: object) -> str:
        return ":".join([self.PREFIX + code, *map(str, parts)])

    def _index(self) -> str:
        return self.PREFIX.rstrip(":") + "es"  # code → expiry time, to count live classes

    def _keys(self, code: str, record: dict) -> list[str]:
        """Every key the class holds: its record, its members, one per question asked."""
        asked = [self._key(code, "answers", q["id"]) for q in record.get("asked", [])]
        return [self._key(code), self._key(code, "members"), *asked]

    def _touch(self, pipe, code: str, record: dict, ttl: float) -> None:
        """Every key of the class expires ``ttl`` after now."""
        milliseconds = max(int(ttl * 1000), 1)
        for key in self._keys(code, record):
            pipe.pexpire(key, milliseconds)
        pipe.zadd(self._index(), {code: time.time() + ttl})

    def create(self, code: str, record: dict, ttl: float) -> bool:
        created = self.redis.set(self._key(code), json.dumps(record), nx=True, px=int(ttl * 1000))
        if created:
            self.redis.zadd(self._index(), {code: time.time() + ttl})
        return bool(created)

    def load(self, code: str) -> dict | None:
        text = self.redis.get(self._key(code))
        return None if text is None else json.loads(text)

    def save(self, code: str, record: dict, ttl: float) -> None:
        pipe = self.redis.pipeline()
        pipe.set(self._key(code), json.dumps(record), xx=True, px=max(int(ttl * 1000), 1))
        self._touch(pipe, code, record, ttl)
        pipe.execute()

    def delete(self, code: str) -> None:
        pipe = self.redis.pipeline()
        pipe.delete(*self._keys(code, self.load(code) or {}))
        pipe.zrem(self._index(), code)
        pipe.execute()

    def live_classes(self) -> int:
        self.redis.zremrangebyscore(self._index(), "-inf", time.time())
        return int(self.redis.zcard(self._index()))

    def add_member(self, code: str, member: str, nickname: str, ttl: float) -> int:
        record = self.load(code)
        if record is None:
            return 0
        pipe = self.redis.pipeline()
        pipe.hsetnx(self._key(code, "members"), member, nickname)
        pipe.hlen(self._key(code, "members"))
        self._touch(pipe, code, record, ttl)
        return int(pipe.execute()[1])

    def members(self, code: str) -> dict[str, str]:
        return self.redis.hgetall(self._key(code, "members"))

    def set_answer(self, code: str, question: int, member: str, answer: str, ttl: float) -> None:
        record = self.load(code)
        if record is None:
            return
        pipe = self.redis.pipeline()
        pipe.hset(self._key(code, "answers", question), member, answer)
        self._touch(pipe, code, record, ttl)
        pipe.execute()

    def answers(self, code: str, question: int) -> dict[str, str]:
        return self.redis.hgetall(self._key(code, "answers", question))

    def hit(self, key: str, window: float) -> int:
        name = self.PREFIX + "hits:" + key
        pipe = self.redis.pipeline()
        pipe.incr(name)
        pipe.pexpire(name, max(int(window * 1000), 1), nx=True)
        return int(pipe.execute()[0])

    def publish(self, code: str, message: str) -> None:
        self.redis.publish(self._key(code), message)

    def add_listener(self, listener: Callable[[str, str], None]) -> None:
        """Listen on every class's channel, on a thread of its own (redis-py's pub/sub)."""
        pubsub = self.redis.pubsub(ignore_subscribe_messages=True)

        def heard(message: dict) -> None:
            channel = message["channel"]
            code = channel[len(self.PREFIX) :]
            if ":" not in code:
                listener(code, message["data"])

        pubsub.psubscribe(**{self.PREFIX + "*": heard})
        pubsub.run_in_thread(sleep_time=1.0, daemon=True)


def store_from_env() -> Store:
    """Redis when ``PLAYGROUND_STORE`` names one (``redis://host:6379/0``), else memory."""
    url = os.environ.get("PLAYGROUND_STORE", "").strip()
    return (
        RedisStore(url) if url.startswith(("redis://", "rediss://", "unix://")) else MemoryStore()
    )
