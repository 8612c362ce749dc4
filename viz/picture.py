"""An animated scene drawn with matplotlib: one step as a picture for slides.

:class:`ScenePicture` draws the scene's panels, numbers, titles and legend once, and moves
to any step (:mod:`viz.frames` says what the step adds); :func:`still_png` and
:func:`still_svg` give one step at slide width. The colours are the theme's light ones, the
fonts matplotlib's own with a CJK font for Chinese (:mod:`viz.slide_text`).
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from matplotlib import rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection, PatchCollection
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from . import theme
from .frames import Mark, step_view
from .scene_contract import CELL_KINDS, CONTRACT, shown, unpacked
from .slide_legend import draw_legend
from .slide_text import DPI, colour, drawing_fonts, points, scale, wrap

SLIDE_WIDTH = 1920  # px: PNG and SVG


@dataclass(frozen=True)
class _Box:
    """A panel's place in the picture, in pixels from the top left."""

    left: float
    top: float
    cell: float


class ScenePicture:
    """One matplotlib figure of a scene; :meth:`show` moves it to a step.

    The panels, their cells, numbers and titles are drawn once; each step only moves the
    marks, covers the outputs not computed yet, rewrites changed numbers and the caption.
    Frames for an animation redraw only those (matplotlib's blitting): the fixed picture
    is rendered once and copied.
    """

    def __init__(self, scene: dict, width: int = SLIDE_WIDTH, title: str = "") -> None:
        self.scene = unpacked(scene)  # the steps' packed marks, once
        self.palette = {**scene["palette"], **scene["palette"]["light"]}
        self.width = width
        self.title = title
        self.one_d = bool(scene.get("stacked"))
        self.panels = self.scene["panels"]
        self.output = len(self.panels) - 1
        # the scatter view's output numbers change with the step; elsewhere only marks do
        self.changing = {self.output} if scene["kind"] == "scatter" else set()
        self._layout()
        self.figure = Figure(figsize=(width / DPI, self.height / DPI), dpi=DPI)
        self.figure.patch.set_facecolor("white")
        self.canvas = FigureCanvasAgg(self.figure)
        self.axes = self.figure.add_axes((0, 0, 1, 1))
        self.axes.set_xlim(0, width)
        self.axes.set_ylim(self.height, 0)
        self.axes.set_axis_off()
        self.cells: list[PatchCollection] = []
        self.texts: list[list] = []
        self.base_fills: list[list] = []
        self.drawn: list[Rectangle] = []
        self.background = None
        self._draw_fixed()

    # -- layout: a 16:9 slide; the step's sum the largest words, the panels the room left
    def _layout(self) -> None:
        width = self.width
        self.height = int(math.ceil(width * 9 / 16 / 2) * 2)  # even, for video encoders
        unit = width / 64  # the picture's spacing unit
        self.margin = unit
        self.font = max(12.0, unit * 1.15)  # the step's sum: the largest words
        self.title_font = self.font * 0.8
        self.legend_font = max(11.0, unit * 0.75)
        gap = unit * 1.2
        usable = width - 2 * self.margin
        title_h = self.title_font * 1.6 if self.title else 0
        self.caption_chars = int(usable / (self.font * 0.56))
        lines = max(len(self._caption_lines(c)) for c in self._probe_captions())
        caption_h = lines * self.font * 1.35 + unit * 0.6
        legend_h = self.legend_font * 2.0 if self.scene.get("legend") else 0
        rows = [p["rows"] for p in self.panels]
        cols = [p["cols"] for p in self.panels]
        title_font = self.legend_font * 0.95  # panel titles
        self.panel_title_font = title_font
        top = self.margin + title_h + caption_h
        room = self.height - top - legend_h - self.margin
        max_cell = width / 16
        if self.one_d:  # strips stacked, each as wide as the picture allows
            self.panel_titles = [[p["title"]] for p in self.panels]
            fixed = len(rows) * (title_font * 1.6 + gap * 0.5)
            cell = min(max_cell, usable / max(cols), max(4.0, (room - fixed) / sum(rows)))
            height = fixed + sum(rows) * cell
            top += max(0.0, (room - height) / 2)
            boxes = []
            for r, c in zip(rows, cols, strict=True):
                top += title_font * 1.6
                boxes.append(_Box(self.margin + (usable - c * cell) / 2, top, cell))
                top += r * cell + gap * 0.5
        else:  # panels side by side, centred in the room between the sum and the legend
            across = usable - gap * (len(cols) - 1)
            cell = min(max_cell, across / sum(cols))
            # a title wraps to its panel's width rather than run into the next one
            self.panel_titles = [
                wrap(p["title"], max(8, int(c * cell / (title_font * 0.55))))
                for p, c in zip(self.panels, cols, strict=True)
            ]
            titles_h = title_font * (0.4 + 1.25 * max(len(lines) for lines in self.panel_titles))
            cell = max(4.0, min(cell, (room - titles_h) / max(rows)))
            height = titles_h + max(rows) * cell
            left = self.margin + (across - sum(cols) * cell) / 2
            top += max(0.0, (room - height) / 2) + titles_h
            boxes = []
            for c in cols:
                boxes.append(_Box(left, top, cell))
                left += c * cell + gap
        self.boxes = boxes
        self.title_y = self.margin + self.title_font * 0.7
        self.caption_y = self.margin + title_h
        self.legend_y = self.height - self.margin - legend_h / 2

    def _probe_captions(self) -> list[tuple[str, ...]]:
        scene = self.scene
        if scene["kind"] == "boxes":
            return [(c,) for c in scene["captions"]]
        probes = sorted({0, scene["steps"] // 2, scene["steps"] - 1})
        return [step_view(scene, s).caption for s in probes]

    def _caption_lines(self, caption: Sequence[str]) -> list[str]:
        lines = [w for line in caption for w in wrap(line, max(self.caption_chars, 20))]
        return lines or [""]

    # -- the fixed picture
    def _fill(self, panel: dict, i: int, values: Sequence[float | None] | None = None):
        p = self.palette
        kinds = panel.get("kinds")
        kind = CELL_KINDS[kinds[i] if kinds else 0]
        if kind == "blank":  # the gap between the maps of a stack
            return None
        if panel["fill"] == "kinds":
            return colour(p[kind])
        if panel["fill"] == "taps":
            return colour(theme.with_alpha(p["taps"][panel["tapColours"][i]], p["tapAlpha"]))
        if kind != "input":
            return colour(p[kind])
        value = (values or panel["values"])[i]
        if value is None:
            return None
        span = (panel["high"] - panel["low"]) or 1
        return scale(p["scales"][panel["fill"]])(min(1, max(0, (value - panel["low"]) / span)))

    def _draw_fixed(self) -> None:
        ax, p = self.axes, self.palette
        if self.title:
            ax.text(
                self.width / 2,
                self.title_y,
                self.title,
                fontsize=points(self.title_font),
                fontweight="bold",
                color=p["muted"],
                ha="center",
                va="center",
                parse_math=False,  # a viewer's own title is words, never matplotlib's $math$
            )
        self.caption = ax.text(
            self.width / 2,
            self.caption_y,
            "",
            fontsize=points(self.font),
            color=p["text"],
            ha="center",
            va="top",
            multialignment="center",
            linespacing=1.35,
            animated=True,
        )
        for index, (panel, box) in enumerate(zip(self.panels, self.boxes, strict=True)):
            self._draw_panel(index, panel, box)
        if self.scene["kind"] == "sliding":  # covers for the outputs not computed yet
            box = self.boxes[self.output]
            panel = self.panels[self.output]
            cells = range(panel["rows"] * panel["cols"])
            self.pending = PatchCollection(
                [self._cell_rect(box, i, panel["cols"]) for i in cells],
                facecolors="none",
                edgecolors="none",
                linestyles="--",
                linewidths=0.8,
                zorder=2.5,
                animated=True,
            )
            ax.add_collection(self.pending)
        draw_legend(
            self.axes,
            self.scene.get("legend") or [],
            self.palette,
            self.margin,
            self.legend_y,
            self.legend_font,
            self.width - 2 * self.margin,
        )

    @staticmethod
    def _cell_rect(box: _Box, i: int, cols: int) -> Rectangle:
        row, col = divmod(i, cols)
        cell = box.cell
        return Rectangle((box.left + col * cell + 1, box.top + row * cell + 1), cell - 2, cell - 2)

    def _draw_panel(self, index: int, panel: dict, box: _Box) -> None:
        ax, p = self.axes, self.palette
        cell = box.cell
        changing = index in self.changing
        ax.text(
            box.left,
            box.top - self.panel_title_font * 0.4,
            "\n".join(self.panel_titles[index]),
            fontsize=points(self.panel_title_font),
            color=p["text"],
            va="bottom",
            linespacing=1.25,
        )
        count = panel["rows"] * panel["cols"]
        fills = [self._fill(panel, i) for i in range(count)]
        kinds = [CELL_KINDS[k] for k in panel.get("kinds") or [0] * count]
        dense = count > CONTRACT["format"]["denseCells"]
        quiet = CONTRACT["format"]["quietWhenDense"] if dense else []
        print_numbers = panel["numbers"] and cell >= 20
        longest = max((len(text) for text in panel["text"]), default=1)
        number_size = points(min(26, cell * 0.42, cell * 0.9 / (0.6 * max(longest, 1))))
        texts, hatch = [], []
        for i in range(count):
            row, col = divmod(i, panel["cols"])
            x, y = box.left + col * cell, box.top + row * cell
            if kinds[i] in CONTRACT["cellKindMarks"]:
                hatch.append([(x + 3, y + cell - 3), (x + cell - 3, y + 3)])
            crowded_padding = kinds[i] in quiet
            if fills[i] is None or not print_numbers or crowded_padding:
                texts.append(None)
                continue
            texts.append(
                ax.text(
                    x + cell / 2,
                    y + cell / 2,
                    shown(panel["text"][i]),
                    fontsize=number_size,
                    ha="center",
                    va="center",
                    zorder=2,
                    animated=changing,
                )
            )
        collection = PatchCollection(
            [self._cell_rect(box, i, panel["cols"]) for i in range(count)],
            facecolors=[f if f is not None else "none" for f in fills],
            edgecolors="none",
            zorder=1,
            animated=changing,
        )
        ax.add_collection(collection)
        if hatch:
            ax.add_collection(LineCollection(hatch, colors=p["hatch"], linewidths=0.8, zorder=1.2))
        self.cells.append(collection)
        self.texts.append(texts)
        self.base_fills.append(fills)
        self._contrast(index, fills)

    def _contrast(self, index: int, fills: list) -> None:
        """Light numbers on dark cells, dark numbers on light ones (fills over white)."""
        for text, fill in zip(self.texts[index], fills, strict=True):
            if text is None or fill is None:
                continue
            r, g, b, a = fill
            light = (0.299 * r + 0.587 * g + 0.114 * b) * a + (1 - a)
            text.set_color("white" if light < 0.45 else self.palette["text"])

    # -- one step
    def show(self, step: int) -> None:
        """Move the picture to ``step``: marks, pending outputs, changed numbers, caption."""
        view = step_view(self.scene, step)
        for artist in self.drawn:
            artist.remove()
        self.drawn = [self._mark(mark) for mark in view.marks]
        for index, cells in view.cells.items():
            panel = self.panels[index]
            values = [cells[i][0] for i in range(len(cells))]
            fills = [self._fill(panel, i, values) for i in range(len(values))]
            self.cells[index].set_facecolor([f if f is not None else "none" for f in fills])
            for i, text in enumerate(self.texts[index]):
                if text is not None:
                    text.set_text(shown(cells[i][1]))
            self._contrast(index, fills)
        if view.pending_panel is not None:
            pending = set(view.pending)
            flags = [i in pending for i in range(len(self.pending.get_paths()))]
            cover = colour(self.palette["pending"])
            line = colour(self.palette["pendingLine"])
            self.pending.set_facecolor([cover if flag else "none" for flag in flags])
            self.pending.set_edgecolor([line if flag else "none" for flag in flags])
        self.caption.set_text("\n".join(self._caption_lines(view.caption)))

    def _mark(self, mark: Mark) -> Rectangle:
        """A mark as the contract draws it: a fill under the numbers (a tap's colour), an
        outline over them (thin and dotted beside a fill)."""
        rule = CONTRACT["marks"][mark.style]
        p = self.palette
        fill = edge = None
        if "fill" in rule:
            base = p["taps"][mark.colour] if rule["fill"] == "taps" else p[rule["fill"]]
            alpha = rule.get("alpha")
            alpha = p[alpha] if isinstance(alpha, str) else alpha
            fill = base if alpha is None else theme.with_alpha(base, alpha)
        if "edge" in rule:
            edge = p[rule["edge"]]
        box = self.boxes[mark.panel]
        cell = box.cell
        outline = fill is None
        rectangle = Rectangle(
            (box.left + mark.col0 * cell, box.top + mark.row0 * cell),
            (mark.col1 - mark.col0 + 1) * cell,
            (mark.row1 - mark.row0 + 1) * cell,
            facecolor=colour(fill),
            edgecolor=colour(edge),
            linewidth=points(max(2.0, cell * 0.08)) if outline else points(1.0) if edge else 0,
            linestyle="--" if rule.get("dashed") else ":" if fill and edge else "-",
            zorder=3 if outline else 1.5,
            animated=True,
        )
        self.axes.add_patch(rectangle)
        return rectangle

    # -- output
    def rgb(self) -> np.ndarray:
        """The picture at its step as an ``(height, width, 3)`` array of bytes.

        The fixed picture is rendered once; each call draws only what a step changes, in
        the order of their ``zorder`` (numbers under a tap's colour are drawn again on top).
        """
        if self.background is None:
            self.canvas.draw()  # everything not animated
            self.background = self.canvas.copy_from_bbox(self.figure.bbox)
        self.canvas.restore_region(self.background)
        artists = [self.caption, *self.drawn]
        for index in self.changing:
            artists += [self.cells[index], *(t for t in self.texts[index] if t is not None)]
        if self.scene["kind"] == "sliding":
            artists.append(self.pending)
        artists += self._texts_under_fills()
        for artist in sorted(artists, key=lambda a: a.get_zorder()):
            self.figure.draw_artist(artist)
        return np.asarray(self.canvas.buffer_rgba())[:, :, :3].copy()

    def _texts_under_fills(self) -> list:
        """The fixed numbers a step's coloured marks cover, to draw again above them."""
        texts = []
        for mark in self.drawn:
            if mark.get_zorder() >= 2:
                continue
            x0, y0 = mark.get_x(), mark.get_y()
            x1, y1 = x0 + mark.get_width(), y0 + mark.get_height()
            for index, panel_texts in enumerate(self.texts):
                if index in self.changing:
                    continue
                for text in panel_texts:
                    if text is not None:
                        tx, ty = text.get_position()
                        if x0 <= tx <= x1 and y0 <= ty <= y1:
                            texts.append(text)
        return texts

    def png(self) -> bytes:
        out = io.BytesIO()
        self.figure.savefig(out, format="png", dpi=DPI, facecolor="white")
        return out.getvalue()

    def svg(self) -> bytes:
        """An SVG whose words stay text, to edit on a slide (fonts as the viewer has them)."""
        out = io.BytesIO()
        with rc_context({"svg.fonttype": "none"}):
            self.figure.savefig(out, format="svg", dpi=DPI, facecolor="white")
        return out.getvalue()


def still_png(scene: dict, step: int, title: str = "", width: int = SLIDE_WIDTH) -> bytes:
    """One step of ``scene`` as a PNG ``width`` pixels wide."""
    with drawing_fonts():
        picture = ScenePicture(scene, width, title)
        picture.show(step)
        return picture.png()


def still_svg(scene: dict, step: int, title: str = "", width: int = SLIDE_WIDTH) -> bytes:
    """One step of ``scene`` as an SVG drawing (``width`` px wide at 100 dpi)."""
    with drawing_fonts():
        picture = ScenePicture(scene, width, title)
        picture.show(step)
        return picture.svg()
