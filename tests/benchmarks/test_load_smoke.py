"""The load harness stays honest: two simulated students, a few seconds, real reruns.

``benchmarks/load.py`` measures a class of forty; this runs its smallest version against a
fresh server so the protocol client cannot silently rot (a changed message would show up
as zero reruns or as errors here).
"""

from __future__ import annotations

import pytest

from benchmarks.load import measure, start_server
from harness import stop_app


@pytest.mark.parametrize("page", ["standard", "transposed"])
def test_two_students_move_sliders_and_every_rerun_finishes(page):
    server, url = start_server()
    try:
        row = measure(url, server.pid, page, students=2, seconds=4, own=True)
    finally:
        stop_app(server)
    assert row["errors"] == 0, row["first_error"]
    assert row["reruns"] >= 2, row
    assert row["kb"] < 30, "a slider move sends a few kilobytes, not a figure per frame"
