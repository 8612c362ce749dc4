"""Scenes as pictures for slides: an animated GIF and an MP4 of every step, a PNG or SVG of one.

Drawn with matplotlib from the very scene spec (:mod:`viz.scenes`) that ``static/scene.js``
plays in the browser, with the same rule for each step (``cell = output·stride + tap·dilation``,
``− crop`` for a transposed conv): the same colours, numbers and window, and the step's
equation as a caption; no buttons, no scrubber. :func:`frame_marks` derives one step and
:class:`ScenePicture` draws it.

Bounds keep a shared server safe: at most :data:`MAX_FRAMES` frames (longer animations keep
every n-th step and always the last), and a GIF that would pass :data:`MAX_GIF_BYTES` is
drawn again smaller.
"""

from __future__ import annotations

import functools
import io
import math
import re
import tempfile
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import imageio_ffmpeg
import numpy as np
from matplotlib import font_manager, rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection, PatchCollection
from matplotlib.colors import LinearSegmentedColormap, to_rgba
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from PIL import Image

from . import theme
from .scenes import WORDS

MAX_FRAMES = 200
MAX_GIF_BYTES = 5_000_000
SLIDE_WIDTH = 1920  # px: PNG and SVG
GIF_WIDTH = 1280  # px: a projector's width; smaller files than slide width
DPI = 100
MINUS = "\u2212"
TRANSPARENT = 255  # the GIF palette index of "unchanged since the last frame"

Progress = Callable[[int, int], None]  # (frames drawn, frames in all)
# matplotlib's own font, then a CJK one for the Chinese interface (Debian's fonts-noto-cjk,
# installed with the browser by scripts/ensure_packages.sh); each glyph takes the first
# font that has it
FONTS = ("DejaVu Sans", "Noto Sans CJK SC", "Noto Sans CJK JP", "WenQuanYi Micro Hei")


@functools.cache
def installed_fonts() -> list[str]:
    """The families of :data:`FONTS` this machine has (asking for others only warns).

    matplotlib lists the system's fonts once and keeps the list; a CJK font installed after
    that is added here from its file.
    """
    available = {entry.name for entry in font_manager.fontManager.ttflist}
    if not available & set(FONTS[1:]):
        for path in font_manager.findSystemFonts():
            if any(mark in Path(path).name for mark in ("CJK", "wqy")):
                font_manager.fontManager.addfont(path)
        available = {entry.name for entry in font_manager.fontManager.ttflist}
    return [family for family in FONTS if family in available]


def _fonts():
    """Draw with :func:`installed_fonts`, so Chinese words are not empty boxes."""
    return rc_context({"font.family": installed_fonts() or ["sans-serif"]})


def shown(text: str) -> str:
    """A number's text with a real minus sign, as the browser shows it."""
    return MINUS + text[1:] if text.startswith("-") else text


def factor(text: str) -> str:
    """A number as a factor of a product: negatives in parentheses."""
    return f"({shown(text)})" if text.startswith("-") else text


@dataclass(frozen=True)
class Mark:
    """A rectangle over the cells ``(row0, col0) … (row1, col1)`` of one panel."""

    panel: int
    row0: int
    col0: int
    row1: int
    col1: int
    fill: str | None = None  # a colour ("#rrggbb" or "rgba(…)") or None
    edge: str | None = None
    dashed: bool = False


@dataclass(frozen=True)
class FrameMarks:
    """What one step adds to the scene's fixed panels.

    ``pending`` are output cells not computed yet (covered, numbers hidden); ``values``
    replaces a panel's numbers for this step (a transposed conv's running sums);
    ``caption`` is the step's equation, one line per item.
    """

    marks: tuple[Mark, ...]
    caption: tuple[str, ...]
    pending: frozenset[int] = frozenset()
    values: dict[int, list[float]] = field(default_factory=dict)


def _word(scene: dict, key: str, **values: object) -> str:
    """One of the scene's own words (``viz.scenes.scene_words``), its values filled in."""
    text = (scene.get("words") or {}).get(key) or WORDS[key]
    return text.format(**values)


def _terms(scene: dict, texts: Sequence[str], limit: int) -> str:
    if len(texts) > limit:
        texts = [*texts[: limit - 2], _word(scene, "products", count=len(texts)), texts[-1]]
    return " + ".join(texts)


def _sliding(scene: dict, step: int) -> FrameMarks:
    grid, kernel, output = scene["panels"]
    one_d = scene.get("oneD", False)
    kh, kw = (1, scene["kernelShape"][0]) if one_d else scene["kernelShape"]
    stride = (1, scene["stride"][0]) if one_d else scene["stride"]
    dilation = (1, scene["dilation"][0]) if one_d else scene["dilation"]
    taps = kh * kw
    row, col = divmod(step, scene["outputShape"][1])
    top, left = row * stride[0], col * stride[1]
    bottom = grid["rows"] - 1 if one_d else top + (kh - 1) * dilation[0]
    right = left + (kw - 1) * dilation[1]
    palette = scene["palette"]
    colours, alpha = palette["taps"], palette["tapAlpha"]
    marks: list[Mark] = []
    undilated = all(d == 1 for d in dilation)
    if taps > len(colours) and undilated and not one_d:  # one block, as the browser draws it
        marks.append(Mark(0, top, left, bottom, right, fill=_rgba(colours[0], alpha)))
    else:
        for t in range(taps):
            r = 0 if one_d else top + (t // kw) * dilation[0]
            c = left + (t % kw) * dilation[1]
            span = grid["rows"] - 1 if one_d else r
            marks.append(Mark(0, r, c, span, c, fill=_rgba(colours[t % len(colours)], alpha)))
    if scene.get("present"):
        now = col * scene["present"]["stride"] + scene["present"]["origin"]
        if now + 1 < grid["cols"]:
            marks.append(Mark(0, 0, now + 1, grid["rows"] - 1, grid["cols"] - 1, palette["future"]))
    marks.append(Mark(0, 0 if one_d else top, left, bottom, right, edge=palette["window"]))
    for index in scene.get("flagged") or []:
        r, c = divmod(index, scene["outputShape"][1])
        marks.append(Mark(2, r, c, r, c, edge=palette["leak"]))
    marks.append(Mark(2, row, col, row, col, edge=palette["window"]))

    products = []
    for channel in range(grid["rows"] if one_d else 1):
        for t in range(taps):
            r = channel if one_d else top + (t // kw) * dilation[0]
            c = left + (t % kw) * dilation[1]
            x = grid["text"][r * grid["cols"] + c]
            w = kernel["text"][channel * kernel["cols"] + t % kw if one_d else t]
            products.append(f"{factor(x)}·{factor(w)}")
    name = scene["names"].replace("{r}", str(row)).replace("{c}", str(col))
    equation = f"{name} = {_terms(scene, products, scene['maxTerms'])}"
    if scene.get("bias"):
        equation += f" + {factor(theme.format_number(scene['bias']))}"
    equation += f" = {shown(output['text'][step])}"
    pending = frozenset(range(step + 1, scene["steps"]))
    return FrameMarks(tuple(marks), (equation,), pending=pending)


def _scatter(scene: dict, step: int) -> FrameMarks:
    x_panel, kernel, output = scene["panels"]
    kh, kw = scene["kernelShape"]
    _, iw = scene["inputShape"]
    oh, ow = scene["outputShape"]
    palette = scene["palette"]
    colours = palette["taps"]
    contributions = scene["contributions"]

    def landed(n: int) -> list[tuple[int, int, float]]:
        ir, ic = divmod(n, iw)
        cells = []
        for t in range(kh * kw):
            r = ir * scene["stride"][0] + (t // kw) * scene["dilation"][0] - scene["crop"][0]
            c = ic * scene["stride"][1] + (t % kw) * scene["dilation"][1] - scene["crop"][1]
            if 0 <= r < oh and 0 <= c < ow:
                cells.append((r * ow + c, t, contributions[n * kh * kw + t]))
        return cells

    stamps = [landed(n) for n in range(scene["steps"])]
    sums = [0.0] * (oh * ow)
    for cells in stamps[: step + 1]:
        for o, _, value in cells:
            sums[o] += value
    row, col = divmod(step, iw)
    marks = [Mark(0, row, col, row, col, edge=palette["window"])]
    marks += [
        Mark(2, o // ow, o % ow, o // ow, o % ow, fill=_rgba(colours[t % len(colours)], 0.45))
        for o, t, _ in stamps[step]
    ]
    pinned = scene.get("pinned")
    if pinned:
        marks.append(Mark(2, *pinned, *pinned, edge=palette["pinned"], dashed=True))
    x_text = x_panel["text"][step]
    name = f"x[{col}]" if x_panel["rows"] == 1 else f"x[{row}, {col}]"
    caption = [
        name
        + _word(
            scene, "stamps", value=shown(x_text), factor=factor(x_text), count=len(stamps[step])
        )
    ]
    if pinned:
        target = pinned[0] * ow + pinned[1]
        out_name = f"y[{pinned[1]}]" if output["rows"] == 1 else f"y[{pinned[0]}, {pinned[1]}]"
        products = [
            f"{factor(x_panel['text'][n])}·{factor(kernel['text'][t])}"
            for n, cells in enumerate(stamps)
            for o, t, _ in cells
            if o == target
        ]
        if products:
            so_far = shown(theme.format_number(sums[target]))
            caption.append(
                f"{out_name} = {_terms(scene, products, scene['maxTerms'])} = "
                f"{shown(output['text'][target])} " + _word(scene, "soFar", value=so_far)
            )
        else:
            caption.append(f"{out_name}: " + _word(scene, "noStamp"))
    return FrameMarks(tuple(marks), tuple(caption), values={2: sums})


def _boxes(scene: dict, step: int) -> FrameMarks:
    edge = scene["palette"]["window"]
    marks = tuple(Mark(*box, edge=edge) for box in scene["boxes"][step])
    caption = scene["captions"][step]
    return FrameMarks(marks, (caption,) if caption else ())


def frame_marks(scene: dict, step: int) -> FrameMarks:
    """Step ``step`` of ``scene``: the marks over its panels and its equation."""
    if not 0 <= step < scene["steps"]:
        raise ValueError(f"step {step} must be in 0 … {scene['steps'] - 1}")
    kinds = {"sliding": _sliding, "scatter": _scatter, "boxes": _boxes}
    return kinds[scene["kind"]](scene, step)


def frame_steps(steps: int, limit: int = MAX_FRAMES) -> list[int]:
    """The steps a bounded animation shows: all of them, or ``limit`` spread evenly (the
    first and the last among them)."""
    if steps <= limit:
        return list(range(steps))
    return np.linspace(0, steps - 1, limit).round().astype(int).tolist()


# ---------------------------------------------------------------- drawing


def _rgba(colour: str, alpha: float | None = None) -> str:
    """``#rrggbb`` with an alpha as ``rgba(r,g,b,a)``; ``rgba(…)`` strings pass through."""
    if alpha is None or not colour.startswith("#"):
        return colour
    return theme.with_alpha(colour, alpha)


def _colour(colour: str | None) -> tuple[float, float, float, float] | str:
    """A CSS colour (``#rrggbb``, ``rgb(…)``, ``rgba(…)``) as matplotlib's RGBA."""
    if colour is None:
        return "none"
    if colour.startswith("rgb"):
        parts = [float(p) for p in colour[colour.index("(") + 1 : -1].split(",")]
        alpha = parts[3] if len(parts) == 4 else 1.0
        return (parts[0] / 255, parts[1] / 255, parts[2] / 255, alpha)
    return to_rgba(colour)


@functools.lru_cache(maxsize=32)
def _scale_of(stops: tuple[tuple[float, str], ...]) -> LinearSegmentedColormap:
    return LinearSegmentedColormap.from_list("scale", list(stops))


def _scale(stops: list) -> LinearSegmentedColormap:
    """A colour scale ``[[position, "#rrggbb"], …]`` as a colormap (built once per scale)."""
    return _scale_of(tuple((float(p), str(c)) for p, c in stops))


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` columns: words stay whole, and Chinese (two columns a
    character, no spaces between words) may break between any two characters."""
    lines, line, size = [], "", 0
    for token in re.findall(r"\s+|[\u2e80-\uffef]|[^\s\u2e80-\uffef]+", text):
        columns = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in token)
        if size + columns > width and line.strip():
            lines.append(line.rstrip())
            line, size = "", 0
            if token.isspace():
                continue
        line += token
        size += columns
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


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
        self.scene = scene
        self.palette = {**scene["palette"], **scene["palette"]["light"]}
        self.width = width
        self.title = title
        self.one_d = bool(scene.get("oneD"))
        self.panels = scene["panels"]
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

    # -- layout: the browser's rule, in pixels of a wide slide
    def _layout(self) -> None:
        width = self.width
        unit = width / 64  # the picture's spacing unit
        self.font = max(11.0, unit * 0.75)  # caption size in px
        self.margin = unit
        gap = unit * 1.2
        title_h = self.font * 1.8 if self.title else 0
        self.caption_chars = int((width - 2 * self.margin) / (self.font * 0.56))
        lines = max(len(self._caption_lines(c)) for c in self._probe_captions())
        caption_h = lines * self.font * 1.4 + unit * 0.6
        legend_h = self.font * 2.0 if self.scene.get("legend") else 0
        usable = width - 2 * self.margin
        rows = [p["rows"] for p in self.panels]
        cols = [p["cols"] for p in self.panels]
        max_cell = width / 22
        top = self.margin + title_h + caption_h
        title_font = self.font * 0.85
        if self.one_d:  # strips stacked, each as wide as the picture allows
            cell = min(max_cell, usable / max(cols))
            self.panel_titles = [[p["title"]] for p in self.panels]
            boxes = []
            for r, c in zip(rows, cols, strict=True):
                top += title_font * 1.6
                boxes.append(_Box(self.margin + (usable - c * cell) / 2, top, cell))
                top += r * cell + gap * 0.5
        else:  # panels side by side, centred; a slide is 16:9
            room = usable - gap * (len(cols) - 1)
            cell = min(max_cell, room / sum(cols), width * 0.5 / max(rows))
            # a title wraps to its panel's width rather than run into the next one
            self.panel_titles = [
                wrap(p["title"], max(8, int(c * cell / (title_font * 0.55))))
                for p, c in zip(self.panels, cols, strict=True)
            ]
            title_lines = max(len(lines) for lines in self.panel_titles)
            left = self.margin + (room - sum(cols) * cell) / 2
            top += title_font * (0.4 + 1.25 * title_lines)
            boxes = []
            for c in cols:
                boxes.append(_Box(left, top, cell))
                left += c * cell + gap
            top += max(rows) * cell + gap * 0.5
        self.boxes = boxes
        self.title_y = self.margin + self.font * 0.8
        self.caption_y = self.margin + title_h
        self.legend_y = top + self.font * 0.8
        height = self.legend_y + legend_h + self.margin * 0.2
        self.height = int(math.ceil(height / 2) * 2)  # even, for video encoders

    def _probe_captions(self) -> list[tuple[str, ...]]:
        scene = self.scene
        if scene["kind"] == "boxes":
            return [(c,) for c in scene["captions"]]
        probes = sorted({0, scene["steps"] // 2, scene["steps"] - 1})
        return [frame_marks(scene, s).caption for s in probes]

    def _caption_lines(self, caption: Sequence[str]) -> list[str]:
        lines = [w for line in caption for w in wrap(line, max(self.caption_chars, 20))]
        return lines or [""]

    @staticmethod
    def _pt(size_px: float) -> float:
        """A font size in points for a size in pixels."""
        return size_px * 72 / DPI

    # -- the fixed picture
    def _fill(self, panel: dict, i: int, values: Sequence[float | None] | None = None):
        p = self.palette
        kinds = panel.get("kinds")
        kind = kinds[i] if kinds else 0
        if panel["fill"] == "kinds":
            return _colour([p["input"], p["padding"], p["inserted"]][kind])
        if panel["fill"] == "taps":
            return _colour(_rgba(p["taps"][i % len(p["taps"])], p["tapAlpha"]))
        if kind:
            return _colour([p["input"], p["padding"], p["inserted"]][kind])
        value = (values or panel["values"])[i]
        if value is None:
            return None
        span = (panel["high"] - panel["low"]) or 1
        return _scale(p["scales"][panel["fill"]])(min(1, max(0, (value - panel["low"]) / span)))

    def _draw_fixed(self) -> None:
        ax, p = self.axes, self.palette
        if self.title:
            ax.text(
                self.margin,
                self.title_y,
                self.title,
                fontsize=self._pt(self.font * 1.15),
                fontweight="bold",
                color=p["text"],
                va="center",
            )
        self.caption = ax.text(
            self.margin,
            self.caption_y,
            "",
            fontsize=self._pt(self.font),
            color=p["text"],
            va="top",
            linespacing=1.4,
            animated=True,
        )
        for index, (panel, box) in enumerate(zip(self.panels, self.boxes, strict=True)):
            self._draw_panel(index, panel, box)
        if self.scene["kind"] == "sliding":  # covers for the outputs not computed yet
            box = self.boxes[self.output]
            panel = self.panels[self.output]
            self.pending = PatchCollection(
                [self._cell_rect(box, i, panel["cols"]) for i in range(self.scene["steps"])],
                facecolors="none",
                edgecolors="none",
                linestyles="--",
                linewidths=0.8,
                zorder=2.5,
                animated=True,
            )
            ax.add_collection(self.pending)
        self._legend()

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
            box.top - self.font * 0.35,
            "\n".join(self.panel_titles[index]),
            fontsize=self._pt(self.font * 0.85),
            color=p["text"],
            va="bottom",
            linespacing=1.25,
        )
        count = panel["rows"] * panel["cols"]
        fills = [self._fill(panel, i) for i in range(count)]
        kinds = panel.get("kinds") or [0] * count
        print_numbers = panel["numbers"] and cell >= 20
        longest = max((len(text) for text in panel["text"]), default=1)
        number_size = self._pt(min(26, cell * 0.42, cell * 0.9 / (0.6 * max(longest, 1))))
        texts, hatch = [], []
        for i in range(count):
            row, col = divmod(i, panel["cols"])
            x, y = box.left + col * cell, box.top + row * cell
            if kinds[i] in (1, 2):
                hatch.append([(x + 3, y + cell - 3), (x + cell - 3, y + 3)])
            crowded_padding = kinds[i] == 1 and count > 300
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

    def _legend(self) -> None:
        ax, p = self.axes, self.palette
        x, size = self.margin, self.font * 0.85
        y = self.legend_y - size / 2
        for entry in self.scene.get("legend") or []:
            fill, edge, dashed = self._swatch(entry["swatch"])
            if isinstance(fill, list):  # a scale or the tap colours: a row of blocks
                part = size * 2 / len(fill)
                for k, colour in enumerate(fill):
                    ax.add_patch(Rectangle((x + k * part, y), part, size, facecolor=colour))
                x += size * 2
            else:
                ax.add_patch(
                    Rectangle(
                        (x, y),
                        size,
                        size,
                        facecolor=_colour(fill),
                        edgecolor=_colour(edge),
                        linewidth=self._pt(3) if edge else 0,
                        linestyle="--" if dashed else "-",
                    )
                )
                x += size
            label = ax.text(
                x + size * 0.4,
                self.legend_y,
                entry["label"],
                fontsize=self._pt(self.font * 0.75),
                color=p["muted"],
                va="center",
            )
            x += size * 0.4 + self._text_width(label) + size * 1.2

    def _text_width(self, text) -> float:
        renderer = self.canvas.get_renderer()
        return text.get_window_extent(renderer).width

    def _swatch(self, swatch: str):
        p = self.palette
        if swatch.startswith("scale:"):
            scale = _scale(p["scales"].get(swatch[6:], [[0, "#ffffff"], [1, "#ffffff"]]))
            return [scale(t) for t in np.linspace(0, 1, 6)], None, False
        return {
            "input": (p["input"], None, False),
            "padding": (p["padding"], None, False),
            "inserted": (p["inserted"], None, False),
            "pending": (p["pending"], p["pendingLine"], True),
            "current": (None, p["window"], False),
            "window": (None, p["window"], False),
            "pinned": (None, p["pinned"], True),
            "future": (p["future"], p["futureLine"], True),
            "leak": (None, p["leak"], False),
            "taps": ([_colour(_rgba(c, p["tapAlpha"])) for c in p["taps"][:4]], None, False),
        }.get(swatch, (None, None, False))

    # -- one step
    def show(self, step: int) -> None:
        """Move the picture to ``step``: marks, pending outputs, changed numbers, caption."""
        frame = frame_marks(self.scene, step)
        for artist in self.drawn:
            artist.remove()
        self.drawn = [self._mark(mark) for mark in frame.marks]
        for index, values in frame.values.items():
            panel = self.panels[index]
            fills = [self._fill(panel, i, values) for i in range(len(values))]
            self.cells[index].set_facecolor([f if f is not None else "none" for f in fills])
            for text, value in zip(self.texts[index], values, strict=True):
                if text is not None:
                    text.set_text(shown(theme.format_number(value)))
            self._contrast(index, fills)
        if self.scene["kind"] == "sliding":
            pending = [i in frame.pending for i in range(self.scene["steps"])]
            cover = _colour(self.palette["pending"])
            line = _colour(self.palette["pendingLine"])
            self.pending.set_facecolor([cover if flag else "none" for flag in pending])
            self.pending.set_edgecolor([line if flag else "none" for flag in pending])
        self.caption.set_text("\n".join(self._caption_lines(frame.caption)))

    def _mark(self, mark: Mark) -> Rectangle:
        box = self.boxes[mark.panel]
        cell = box.cell
        outline = mark.edge is not None
        rectangle = Rectangle(
            (box.left + mark.col0 * cell, box.top + mark.row0 * cell),
            (mark.col1 - mark.col0 + 1) * cell,
            (mark.row1 - mark.row0 + 1) * cell,
            facecolor=_colour(mark.fill),
            edgecolor=_colour(mark.edge),
            linewidth=self._pt(max(2.0, cell * 0.08)) if outline else 0,
            linestyle="--" if mark.dashed else "-",
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
    with _fonts():
        picture = ScenePicture(scene, width, title)
        picture.show(step)
        return picture.png()


def still_svg(scene: dict, step: int, title: str = "", width: int = SLIDE_WIDTH) -> bytes:
    """One step of ``scene`` as an SVG drawing (``width`` px wide at 100 dpi)."""
    with _fonts():
        picture = ScenePicture(scene, width, title)
        picture.show(step)
        return picture.svg()


def _frames(scene: dict, width: int, title: str, progress: Progress | None) -> list[np.ndarray]:
    with _fonts():
        picture = ScenePicture(scene, width, title)
        steps = frame_steps(scene["steps"])
        frames = []
        for done, step in enumerate(steps, start=1):
            picture.show(step)
            frames.append(picture.rgb())
            if progress is not None:
                progress(done, len(steps))
        return frames


def _packed(pixels: np.ndarray) -> np.ndarray:
    pixels = pixels.astype(np.uint32)
    return (pixels[..., 0] << 16) | (pixels[..., 1] << 8) | pixels[..., 2]


class _Paletter:
    """Maps frames to one palette of the 255 most frequent exact colours of a few frames.

    The pictures are flat fills and text: their own colours (white, the cell fills, the
    outlines) stay exact; anti-aliased edges take their nearest palette colour. (Pillow's
    own mapping rounds colours, which turns the white background grey.) Each colour is
    looked up once, in a table over all 2²⁴ colours.
    """

    def __init__(self, samples: list[np.ndarray]) -> None:
        colours, counts = np.unique(
            np.concatenate([_packed(s).ravel() for s in samples]), return_counts=True
        )
        chosen = colours[np.argsort(counts)[::-1][:TRANSPARENT]]
        self.rgb = np.stack([(chosen >> 16) & 255, (chosen >> 8) & 255, chosen & 255], axis=1)
        self.table = np.full(1 << 24, TRANSPARENT, dtype=np.uint8)  # TRANSPARENT: not yet
        self.table[chosen] = np.arange(len(chosen), dtype=np.uint8)

    def indices(self, frame: np.ndarray) -> np.ndarray:
        packed = _packed(frame)
        index = self.table[packed]
        unknown = np.unique(packed[index == TRANSPARENT])
        if unknown.size:
            rgb = np.stack([(unknown >> 16) & 255, (unknown >> 8) & 255, unknown & 255], axis=1)
            distance = ((rgb[:, None, :].astype(int) - self.rgb[None].astype(int)) ** 2).sum(-1)
            self.table[unknown] = distance.argmin(axis=1).astype(np.uint8)
            index = self.table[packed]
        return index

    def palette(self) -> list[int]:
        flat = self.rgb.astype(np.uint8).ravel().tolist()
        return flat + [0, 0, 0] * (256 - len(self.rgb))


def _encode_gif(frames: list[np.ndarray], frame_ms: int) -> bytes:
    """Frames with one shared palette (no flicker), the last one held longer.

    After the first frame, pixels that did not change are written as transparent: the GIF
    then stores little more than the window, the new output and the caption of each step.
    """
    paletter = _Paletter([frames[0], frames[len(frames) // 2], frames[-1]])
    images, previous = [], None
    for frame in frames:
        index = paletter.indices(frame)
        shown = index if previous is None else np.where(index == previous, TRANSPARENT, index)
        previous = index
        image = Image.fromarray(shown.astype(np.uint8), mode="P")
        image.putpalette(paletter.palette())
        images.append(image)
    durations = [frame_ms] * len(images)
    durations[-1] = frame_ms * 3
    out = io.BytesIO()
    images[0].save(
        out,
        format="GIF",
        save_all=True,
        append_images=images[1:],
        duration=durations,
        loop=0,
        transparency=TRANSPARENT,
        disposal=1,  # keep each frame: the next one draws only what changed
        optimize=False,
    )
    return out.getvalue()


def _frame_ms(scene: dict) -> int:
    frame_ms = int(scene.get("frameMs", theme.FRAME_MS))
    if scene["steps"] > MAX_FRAMES:  # a sampled animation moves on faster
        frame_ms = max(200, frame_ms // 2)
    return frame_ms


def _encode_mp4(frames: list[np.ndarray], frame_ms: int) -> bytes:
    """H.264 (yuv420p, which slides and phones play) with the ffmpeg that imageio-ffmpeg
    ships; each step lasts ``frame_ms`` and the last one three times as long."""
    height, width = frames[0].shape[:2]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "animation.mp4"
        writer = imageio_ffmpeg.write_frames(
            str(path),
            (width, height),
            fps=1000 / frame_ms,
            codec="libx264",
            pix_fmt_in="rgb24",
            pix_fmt_out="yuv420p",
            macro_block_size=2,
            output_params=["-crf", "20", "-preset", "veryfast"],
            ffmpeg_log_level="error",
        )
        writer.send(None)  # start ffmpeg
        for frame in [*frames, frames[-1], frames[-1]]:
            writer.send(np.ascontiguousarray(frame))
        writer.close()
        return path.read_bytes()


@dataclass(frozen=True)
class Animation:
    """A scene's animation as files: a looping GIF and an MP4 video of the same frames."""

    gif: bytes
    mp4: bytes


def animation_files(
    scene: dict,
    title: str = "",
    *,
    width: int = GIF_WIDTH,
    progress: Progress | None = None,
    max_bytes: int = MAX_GIF_BYTES,
) -> Animation:
    """Every step of ``scene`` (at most :data:`MAX_FRAMES`), drawn once, as a GIF of at
    most ``max_bytes`` (drawn again smaller if need be) and as an MP4."""
    frames = _frames(scene, width, title, progress)
    mp4 = _encode_mp4(frames, _frame_ms(scene))
    gif = _encode_gif(frames, _frame_ms(scene))
    while len(gif) > max_bytes and width > 480:
        width = int(width * 0.75)
        gif = _encode_gif(_frames(scene, width, title, progress), _frame_ms(scene))
    return Animation(gif, mp4)


def animation_gif(
    scene: dict,
    title: str = "",
    *,
    width: int = GIF_WIDTH,
    progress: Progress | None = None,
    max_bytes: int = MAX_GIF_BYTES,
) -> bytes:
    """Every step of ``scene`` (at most :data:`MAX_FRAMES`) as a looping GIF ≤ ``max_bytes``."""
    while True:
        gif = _encode_gif(_frames(scene, width, title, progress), _frame_ms(scene))
        if len(gif) <= max_bytes or width <= 480:
            return gif
        width = int(width * 0.75)
