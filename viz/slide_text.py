"""What the exported pictures need beyond matplotlib's defaults: fonts that have Chinese,
wrapping that breaks Chinese between characters, and CSS colours as matplotlib's."""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

from matplotlib import font_manager, rc_context
from matplotlib.colors import LinearSegmentedColormap, to_rgba

# matplotlib's own font, then a CJK one for the Chinese interface (Debian's fonts-noto-cjk,
# installed with the browser by scripts/ensure_packages.sh); each glyph takes the first
# font that has it
DPI = 100  # the pictures' pixels per inch: sizes are given in pixels

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


def drawing_fonts():
    """Draw with :func:`installed_fonts`, so Chinese words are not empty boxes."""
    return rc_context({"font.family": installed_fonts() or ["sans-serif"]})


def colour(css: str | None) -> tuple[float, float, float, float] | str:
    """A CSS colour (``#rrggbb``, ``rgb(…)``, ``rgba(…)``) as matplotlib's RGBA."""
    if css is None:
        return "none"
    if css.startswith("rgb"):
        parts = [float(p) for p in css[css.index("(") + 1 : -1].split(",")]
        alpha = parts[3] if len(parts) == 4 else 1.0
        return (parts[0] / 255, parts[1] / 255, parts[2] / 255, alpha)
    return to_rgba(css)


@functools.lru_cache(maxsize=32)
def scale_of(stops: tuple[tuple[float, str], ...]) -> LinearSegmentedColormap:
    return LinearSegmentedColormap.from_list("scale", list(stops))


def scale(stops: list) -> LinearSegmentedColormap:
    """A colour scale ``[[position, "#rrggbb"], …]`` as a colormap (built once per scale)."""
    return scale_of(tuple((float(p), str(c)) for p, c in stops))


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


def points(pixels: float) -> float:
    """A font size or line width in points for one in pixels of the picture."""
    return pixels * 72 / DPI
