"""The legend row under an exported picture: one swatch per key, then its words.

The swatches are the scene contract's (``static/scene_contract.json``, which the browser's
legend reads too) in the theme's light colours: a fill, an outline (dashed where the
contract says so), or a row of blocks for a colour scale and for the kernel's tap colours.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle

from . import theme
from .scene_contract import CONTRACT
from .slide_text import colour, points, scale


def swatch(palette: dict, name: str) -> tuple[str | list | None, str | None, bool]:
    """``(fill, outline, dashed)`` of a legend key; a list fill is a row of blocks."""
    p = palette
    if name.startswith("scale:"):
        gradient = scale(p["scales"].get(name[6:], [[0, "#ffffff"], [1, "#ffffff"]]))
        return [gradient(t) for t in np.linspace(0, 1, 6)], None, False
    rule = CONTRACT["swatches"].get(name)
    if rule is None:
        return None, None, False
    fill = rule.get("fill")
    if fill == "taps":
        alpha = p[rule["alpha"]]
        fill = [colour(theme.with_alpha(c, alpha)) for c in p["taps"][:4]]
    elif fill:
        fill = p[fill]
    return fill, p[rule["edge"]] if "edge" in rule else None, bool(rule.get("dashed"))


def draw_legend(
    axes: Axes,
    entries: Sequence[dict],
    palette: dict,
    left: float,
    middle: float,
    font: float,
    width: float | None = None,
) -> None:
    """Draw ``entries`` (``{"swatch", "label"}``) in one row from ``left`` (centred in
    ``width`` from there, when given), on the height ``middle``, the words ``font`` pixels
    tall less a quarter."""
    renderer = axes.figure.canvas.get_renderer()
    x, size = left, font * 0.85
    drawn: list = []
    y = middle - size / 2
    for entry in entries:
        fill, edge, dashed = swatch(palette, entry["swatch"])
        if isinstance(fill, list):  # a scale or the tap colours: a row of blocks
            part = size * 2 / len(fill)
            for k, block in enumerate(fill):
                drawn.append(
                    axes.add_patch(Rectangle((x + k * part, y), part, size, facecolor=block))
                )
            x += size * 2
        else:
            drawn.append(
                axes.add_patch(
                    Rectangle(
                        (x, y),
                        size,
                        size,
                        facecolor=colour(fill),
                        edgecolor=colour(edge),
                        linewidth=points(3) if edge else 0,
                        linestyle="--" if dashed else "-",
                    )
                )
            )
            x += size
        label = axes.text(
            x + size * 0.4,
            middle,
            entry["label"],
            fontsize=points(font * 0.75),
            color=palette["muted"],
            va="center",
        )
        drawn.append(label)
        x += size * 0.4 + label.get_window_extent(renderer).width + size * 1.2
    shift = (width - (x - size * 1.2 - left)) / 2 if width else 0
    if shift > 0:  # the row is narrower than the room: centre it
        for artist in drawn:
            if isinstance(artist, Rectangle):
                artist.set_x(artist.get_x() + shift)
            else:
                artist.set_x(artist.get_position()[0] + shift)
