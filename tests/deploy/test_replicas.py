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
