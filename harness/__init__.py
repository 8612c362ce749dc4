"""Starting the app and driving Chromium through it: shared by the browser tests, the
benchmarks, the screenshot script and the replica check (plain functions, no pytest)."""

from .browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    PHONE,
    PHONE_AGENT,
    PROJECTOR,
    phone_context,
    reported,
    scene,
    scene_equation,
    scene_step,
    settled,
    stays,
    until_step,
    wait_for_app,
)
from .server import ROOT, free_port, start_app, stop_app

__all__ = [
    "CHROMIUM",
    "CHROMIUM_ARGS",
    "PHONE",
    "PHONE_AGENT",
    "PROJECTOR",
    "ROOT",
    "free_port",
    "phone_context",
    "reported",
    "scene",
    "scene_equation",
    "scene_step",
    "settled",
    "start_app",
    "stays",
    "stop_app",
    "until_step",
    "wait_for_app",
]
