"""Two replicas behind nginx: kill the one holding a class; every student comes back.

Runs ``deploy/replicas.py`` small. Needs Debian's nginx (``make test`` installs it when it
can, as it does Chromium); without it the test is skipped loudly, unless CI requires it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

NGINX = "/usr/sbin/nginx"


def test_a_killed_replica_loses_no_student():
    if not Path(NGINX).exists():
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but {NGINX} is missing")
        pytest.skip(f"REPLICA TEST SKIPPED: {NGINX} is missing (apt-get install nginx)")
    from deploy.replicas import failover

    row = failover(students=6, seconds=9)
    assert row["killed"], "a replica was killed"
    assert row["lost"] == 0, row
    assert row["recovered"] == row["drops"] > 0, row
    assert row["reruns"] > 0


def test_a_class_survives_its_teachers_replica_with_redis(monkeypatch):
    """Two replicas on one Redis; the teacher's replica dies half way: the followers that
    were on it rejoin the other with their ids, every follower sees the class's last step
    and no answer is lost."""
    import shutil

    if shutil.which("redis-server") is None:
        if os.environ.get("REQUIRE_REDIS") == "1":
            pytest.fail("REQUIRE_REDIS=1 but redis-server is missing")
        pytest.skip("REPLICA CLASS TEST SKIPPED: redis-server is missing")
    import benchmarks.live_class as live_class

    monkeypatch.setattr(live_class, "IDLE_SECONDS", 1)
    row = live_class.run_class(4, 6, replicas=2, kill_teacher_replica=True)
    assert row["killed_at"] is not None and row["reconnects"] == 2, row
    assert row["last_step_seen"] == 4 and row["lost_answers"] == 0, row
    assert row["errors"] == [], row
