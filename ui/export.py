"""Export for slides: the animation a page plays as a GIF and an MP4, the step it shows as
PNG and SVG.

Built only when its expander is open. PNG and SVG are drawn when their button is pressed
(Streamlit's deferred download); the animation, which takes seconds, is drawn on request
with a progress bar and then kept per setting, shared by every session.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

import streamlit as st

from i18n import t
from viz.export import Animation, animation_files
from viz.frames import MAX_FRAMES, frame_steps
from viz.picture import still_png, still_svg

from .params import PageParams

ENTRIES = 8  # animations kept (each GIF ≤ 5 MB, its MP4 smaller)


class KeptAnimations:
    """The last few animations made, by (scene id, title), shared by every session.

    Not ``st.cache_resource`` on the drawing function: Streamlit's caches record the
    elements a cached function touches and replay them, and the progress bar must not be
    replayed (``CacheReplayClosureError``).
    """

    def __init__(self, entries: int = ENTRIES) -> None:
        self.entries = entries
        self.items: OrderedDict[tuple[str, str], Animation] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: tuple[str, str]) -> Animation | None:
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
            return self.items.get(key)

    def put(self, key: tuple[str, str], animation: Animation) -> None:
        with self.lock:
            self.items[key] = animation
            self.items.move_to_end(key)
            while len(self.items) > self.entries:
                self.items.popitem(last=False)


@st.cache_resource
def kept_animations() -> KeptAnimations:
    return KeptAnimations()


def _animation(scene: dict, title: str, progress: Callable[[int, int], None]) -> Animation:
    """A scene's GIF and MP4 (its ``id`` is a hash of its content), drawn once per setting."""
    key = (scene["id"], title)
    animation = kept_animations().get(key)
    if animation is None:
        animation = animation_files(scene, title, progress=progress)
        kept_animations().put(key, animation)
    return animation


def export_panel(params: PageParams, scene: dict, layer: str, step: int | None = None) -> None:
    """Downloads of ``scene``: ``step`` (the one on screen) as a 16:9 PNG and SVG, 1920 px
    wide, and every step as a GIF and an MP4; titled ``layer`` (the layer in words) or the
    viewer's own title."""
    panel = st.expander(t("🎞️ Export for slides"), key=params.key("export"), on_change="rerun")
    if not panel.open:
        return
    step = scene["start"] if step is None else min(max(step, 0), scene["steps"] - 1)
    name = f"{params.page}-{scene['id']}"
    with panel:
        shown = len(frame_steps(scene["steps"]))
        every = (
            t("{steps} steps", steps=scene["steps"])
            if shown == scene["steps"]
            else t(
                "{shown} of its {steps} steps (at most {most})",
                shown=shown,
                steps=scene["steps"],
                most=MAX_FRAMES,
            )
        )
        st.caption(
            t(
                "Drawn from the page's own numbers, without buttons. The GIF and the MP4 "
                "play {every}; the pictures show the step on screen, 1920 px wide.",
                every=every,
            )
        )
        own = st.text_input(
            t("Title on the slide"),
            placeholder=layer,
            max_chars=80,
            key=params.key("export_title"),
            help=t("Empty: the layer in words, as shown in grey."),
        )
        title = own.strip() or layer
        png, svg, gif = st.columns(3)
        stills = (
            (png, t("PNG of this step"), still_png, "png", "image/png", "🖼️"),
            (svg, t("SVG of this step"), still_svg, "svg", "image/svg+xml", "📐"),
        )
        for column, label, draw, extension, mime, icon in stills:
            column.download_button(
                label,
                data=lambda draw=draw: draw(scene, step, title),
                file_name=f"{name}-step{step + 1}.{extension}",
                mime=mime,
                icon=icon,
                on_click="ignore",
                key=params.key(f"export_{extension}"),
            )
        made = params.key("export_gif_made")
        with gif:
            if st.session_state.get(made) != scene["id"]:
                st.button(
                    t("Make the GIF and MP4"),
                    icon="🎞️",
                    key=params.key("export_gif"),
                    on_click=lambda: st.session_state.update({made: scene["id"]}),
                )
                return
            bar = st.empty()  # a progress bar while the frames are drawn (not when kept)
            animation = _animation(
                scene,
                title,
                lambda done, total: bar.progress(
                    done / total, t("Frame {done} of {total}", done=done, total=total)
                ),
            )
            bar.empty()
            st.download_button(
                t("GIF ({megabytes:.1f} MB)", megabytes=len(animation.gif) / 1e6),
                data=animation.gif,
                file_name=f"{name}.gif",
                mime="image/gif",
                icon="⬇️",
                on_click="ignore",
                type="primary",
                key=params.key("export_gif_download"),
            )
            st.download_button(
                f"MP4 ({len(animation.mp4) / 1e6:.1f} MB)",
                data=animation.mp4,
                file_name=f"{name}.mp4",
                mime="video/mp4",
                icon="🎬",
                on_click="ignore",
                key=params.key("export_mp4_download"),
            )
