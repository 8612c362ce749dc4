"""One step of an animated scene, as an exported picture draws it.

The same rule as ``static/scene.js``: the window at ``output·stride + tap·dilation`` (``− crop``
and running sums for a transposed conv), the outputs not computed yet, and the step's
equation in the page's language. :func:`frame_marks` says what step n adds to the scene's
fixed panels; :mod:`viz.picture` draws it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from conv_engine.index_map import index_map, inside

from . import theme
from .scenes import WORDS

MAX_FRAMES = 200  # an exported animation's frames at most
MINUS = "\u2212"


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
    row, col = divmod(step, scene["outputShape"][1])
    # the step's window on the padded grid, by the engine's one index map
    cells, _ = index_map(scene["outputShape"], (kh, kw), stride, dilation)
    window = [(int(r), int(c)) for r, c in cells[step]]
    (top, left), (last_row, right) = window[0], window[-1]
    bottom = grid["rows"] - 1 if one_d else last_row
    palette = scene["palette"]
    colours, alpha = palette["taps"], palette["tapAlpha"]
    tap_colours = scene["tapColours"]  # a large kernel's colours are by row
    marks: list[Mark] = []
    for t, (r, c) in enumerate(window):
        r, span = (0, grid["rows"] - 1) if one_d else (r, r)
        marks.append(Mark(0, r, c, span, c, fill=rgba(colours[tap_colours[t]], alpha)))
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
        for t, (r, c) in enumerate(window):
            r = channel if one_d else r
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

    # where each input cell's stamp lands, by the engine's one index map (minus the crop)
    targets, _ = index_map(
        scene["inputShape"], (kh, kw), scene["stride"], scene["dilation"], scene["crop"]
    )
    lands = inside(targets, (oh, ow))
    stamps = [
        [
            (int(r) * ow + int(c), t, contributions[n * kh * kw + t])
            for t, (r, c) in enumerate(targets[n])
            if lands[n, t]
        ]
        for n in range(scene["steps"])
    ]
    sums = [0.0] * (oh * ow)
    for cells in stamps[: step + 1]:
        for o, _, value in cells:
            sums[o] += value
    row, col = divmod(step, iw)
    marks = [Mark(0, row, col, row, col, edge=palette["window"])]
    marks += [
        Mark(2, o // ow, o % ow, o // ow, o % ow, fill=rgba(colours[scene["tapColours"][t]], 0.45))
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


def rgba(colour: str, alpha: float | None = None) -> str:
    """``#rrggbb`` with an alpha as ``rgba(r,g,b,a)``; ``rgba(…)`` strings pass through."""
    if alpha is None or not colour.startswith("#"):
        return colour
    return theme.with_alpha(colour, alpha)
