"""The animated scenes (``viz.scenes``) on a page: one small component, played in the browser.

The player, ``static/scene.js`` (with its parts ``scene_steps.js``, ``scene_kinds.js`` and
``scene_panel.js``, the contract ``scene_contract.json``, its ``scene.css`` and its words
``scene_words.json``), is served once by Streamlit's static file serving
(``server.enableStaticServing``) and cached by the browser; the component itself carries
only a one-line loader and the scene's data, so a new setting costs the scene's few
kilobytes, not the player's code again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import streamlit as st

from .export import export_panel
from .params import PageParams, Shortcut

STATIC = Path(__file__).resolve().parents[1] / "static"
# a new renderer gets a new URL, so browsers never keep an old one
RENDERER = sorted(STATIC.glob("scene*.*"))  # scene.js, its parts, its styles and words
VERSION = hashlib.blake2b(
    b"".join(path.read_bytes() for path in RENDERER), digest_size=6
).hexdigest()

LOADER = """
export default async function (component) {
  const base = `${window.location.origin}${component.data.base}/app/static/`;
  const scene = await import(`${base}scene.js?v=${component.data.version}`);
  return scene.mount(component, `${base}scene.css?v=${component.data.version}`);
}
"""

_component = st.components.v2.component("conv_scene", js=LOADER)


def _base_path() -> str:
    path = str(st.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{path}" if path else ""


def show_scene(
    scene: dict,
    key: str,
    *,
    step: int | None = None,
    present: bool = False,
    keys: bool = False,
    loop: bool = False,
    pins: int | None = None,
    on_pin: Callable[[int], None] | None = None,
    shortcuts: dict[str, Shortcut] | None = None,
    main: bool = False,
) -> int | None:
    """Mount ``scene`` (from ``viz.scenes``) under ``key``; return the step the user pinned.

    ``step`` opens the scene on that step (e.g. from the link); ``present`` draws it for
    the back of a room; ``keys`` lets Space and the arrow keys drive it from anywhere on
    the page (one scene per page: the main one); ``loop`` plays it on arrival, over and
    over, until the viewer takes a step (not for viewers who ask for reduced motion). A
    scatter scene pins an output cell, not a step: ``pins`` is then the number of cells it
    may pin. ``on_pin(step)`` runs before the rerun a pin causes, so it may set the state
    of widgets drawn above the scene. With ``keys``, the letters of ``shortcuts`` move
    their sliders (the scene reports the key; Shift + letter moves down). ``main`` marks
    the page's main animation, the one a live class follows (``ui.live``).
    """
    data = {
        **scene,
        "presenter": present,
        "keys": keys,
        "loop": loop,
        "base": _base_path(),
        "version": VERSION,
        "shortcuts": sorted(shortcuts or {}) if keys else [],
        "main": main,
    }
    if step is not None:
        data["start"] = min(max(int(step), 0), scene["steps"] - 1)
    limit = (pins or scene["steps"]) - 1

    def pinned_now() -> None:
        state = st.session_state.get(key)
        step = state.get("step") if hasattr(state, "get") else getattr(state, "step", None)
        if on_pin is not None and isinstance(step, int) and not isinstance(step, bool):
            on_pin(min(max(step, 0), limit))

    def pressed() -> None:  # "+K" or "-K": a shortcut letter, with or without Shift
        state = st.session_state.get(key)
        press = state.get("shortcut") if hasattr(state, "get") else getattr(state, "shortcut", None)
        if isinstance(press, str) and len(press) == 2 and press[1] in (shortcuts or {}):
            shortcuts[press[1]].move(1 if press[0] == "+" else -1)

    result = _component(
        key=key,
        data=data,
        on_step_change=pinned_now,
        on_stamp_change=lambda: None,
        on_shortcut_change=pressed,
    )
    pinned = result.get("step") if hasattr(result, "get") else getattr(result, "step", None)
    if not isinstance(pinned, int) or isinstance(pinned, bool):
        return None
    return min(max(pinned, 0), limit)


def stamp_shown(key: str, scene: dict) -> int:
    """The stamp a scatter scene under ``key`` shows (it reports it once the viewer
    settles, with its scene's id); the scene's start until it has reported one."""
    state = st.session_state.get(key)
    stamp = state.get("stamp") if hasattr(state, "get") else getattr(state, "stamp", None)
    if isinstance(stamp, list) and len(stamp) == 2 and stamp[0] == scene["id"]:
        step = stamp[1]
        if isinstance(step, int) and not isinstance(step, bool):
            return min(max(step, 0), scene["steps"] - 1)
    return scene["start"]


def main_scene(params: PageParams, scene: dict, layer: str, chart: str = "chart") -> None:
    """A page's main animation: opens on the link's step, keeps the step a student settles
    on in the link, and in presenter mode answers Space and the arrow keys page-wide.
    Below it (outside presenter mode), its export for slides, titled ``layer`` (the layer
    in words, e.g. "Conv2d 6×6, k = 3, s = 2, SAME")."""
    # The step the viewer reports is written to the link in the callback, before the rerun
    # it causes: the rerun then sends that same step as the scene's start, which the
    # player already shows. (Written after this call, the rerun would send the step
    # before it, and the player would jump back to it.)
    show_scene(
        scene,
        params.key(chart),
        step=params.step(),
        present=params.present,
        keys=params.present,
        on_pin=params.pin_step,
        shortcuts=params.shortcuts,
        main=True,
    )
    if not params.present:
        export_panel(params, scene, layer, params.step())
