"""The live-class benchmark stays honest: three followers, a few steps, one question."""

from __future__ import annotations

import benchmarks.live_class as live_class


def test_three_followers_see_every_step_and_every_answer_counts(monkeypatch):
    monkeypatch.setattr(live_class, "IDLE_SECONDS", 1)
    figures = live_class.run_class(followers=3, seconds=3)
    assert figures["errors"] == [], figures
    assert figures["missed_steps"] == 0 and figures["lost_answers"] == 0, figures
    assert 0 < figures["p50"] <= figures["p95"] <= figures["max"], figures
    assert live_class.report(figures).startswith("follow p50 ")
