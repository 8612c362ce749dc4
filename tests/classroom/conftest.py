"""The class's tests run against both stores: this process's memory and a real Redis.

Redis is Debian's ``redis-server`` (``make test`` installs it where it can), started on a
free port with no disk (``--save "" --appendonly no``). Without it the Redis runs are
skipped, unless REQUIRE_REDIS=1 (CI) makes that a failure.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass

import pytest

from classroom import Classroom, MemoryStore, RedisStore


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def redis_url():
    server = shutil.which("redis-server")
    if server is None:
        if os.environ.get("REQUIRE_REDIS") == "1":
            pytest.fail("redis-server is missing (apt-get install redis-server)")
        pytest.skip("redis-server is missing: the Redis store's runs are skipped")
    port = _free_port()
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    store = RedisStore(url)
    deadline = time.monotonic() + 10
    while True:  # until it answers
        try:
            store.redis.ping()
            break
        except Exception:
            if time.monotonic() > deadline:
                process.kill()
                raise
            time.sleep(0.05)
    yield url
    process.terminate()
    process.wait(timeout=10)


@dataclass
class Clock:
    """A clock the memory store reads: a test lets hours pass at once."""

    now: float = 1_000.0

    def __call__(self) -> float:
        return self.now


@dataclass
class Setup:
    """A classroom on one store, and how to let ``seconds`` of idleness pass on it."""

    room: Classroom
    name: str
    clock: Clock | None

    def idle_for(self, seconds: float) -> None:
        if self.clock is not None:
            self.clock.now += seconds
        else:  # Redis expires keys on its own clock: a short idle limit, really waited
            time.sleep(seconds)


@pytest.fixture(params=["memory", "redis"])
def setup(request) -> Setup:
    if request.param == "memory":
        clock = Clock()
        return Setup(Classroom(MemoryStore(clock), idle=600), "memory", clock)
    store = RedisStore(request.getfixturevalue("redis_url"))
    store.redis.flushdb()
    return Setup(Classroom(store, idle=600), "redis", None)
