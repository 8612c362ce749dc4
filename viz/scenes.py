"""Animated scenes: engine data as the compact spec that ``static/scene.js`` draws and plays.

A scene holds the grids with their numbers (formatted here, by :func:`theme.format_number`)
and every step's marks, computed here once from the engine's traces (its one index map):
which grid cell each product reads, the window's box, the output cell written, where each
stamp lands and the running sum it leaves. The browser draws the marks it is given and
knows no convolution; an exported picture (:mod:`viz.frames`) draws the same marks. Play,
the scrubber, the arrow keys and a click move the picture and its equation together with
no server round trip, and a new setting costs a few kilobytes (per-step index arrays are
packed, :func:`viz.scene_contract.pack`). What a spec may hold is the scene contract,
``static/scene_contract.json``.

Kinds
-----
``sliding``  a kernel sliding over a 1-D or 2-D grid (padding, dilation, inserted zeros);
``scatter``  a transposed conv's input cells stamping the scaled kernel into the output;
``boxes``    any few panels with, per step, outlined boxes and a caption (channels, spans).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

import i18n
from conv_engine import INSERTED_ZERO, PADDING, ConvTrace, ScatterTrace, padding_sources
from i18n import pt, t

from . import theme
from .scene_contract import pack, pack_texts

WORDS_FILE = Path(__file__).resolve().parents[1] / "static" / "scene_words.json"


def _texts(values: np.ndarray) -> list[str]:
    """Every value as the short text the page prints ("" for a blank cell, NaN)."""
    flat = np.asarray(values, dtype=float).ravel().tolist()
    return ["" if v != v else theme.format_number(v) for v in flat]


@dataclass(frozen=True)
class Panel:
    """One grid of a scene.

    ``fill`` says how cells are coloured: ``"kinds"`` (input, padding, inserted zero by
    ``kinds``), ``"taps"`` (each cell its tap colour), or a scale name of
    :func:`theme.scene_palette` (``"output"``, ``"count"``, ``"diverging"``, ``"value"``)
    over ``values``. ``name`` and the labels name a cell in its hover text, e.g.
    ``x[−1, 2]``; ``numbers`` prints the cells' numbers when they are large enough.
    """

    title: str
    values: np.ndarray
    fill: str
    name: str = ""
    kinds: np.ndarray | None = None
    row_labels: Sequence[str] | None = None
    col_labels: Sequence[str] | None = None
    numbers: bool = True
    symmetric: bool = False  # a diverging scale centred on 0
    # ``"taps"``: each cell's colour (an index into the palette's taps); row-major
    # :func:`theme.tap_colour_indices` when not given
    tap_colours: Sequence[int] | None = None
    # a padded cell that copies an input cell (a padding mode other than zeros): the flat
    # index of the cell it copies in this panel (−1: none)
    sources: np.ndarray | None = None
    # each cell's name (a stack of maps: ``x[1, 0, 2]``), over ``row_labels``/``col_labels``
    names: Sequence[str] | None = None

    def spec(self) -> dict:
        values = np.atleast_2d(np.asarray(self.values, dtype=float))
        rows, cols = values.shape
        spec: dict = {
            "title": self.title,
            "rows": rows,
            "cols": cols,
            "fill": self.fill,
            "name": self.name,
            "numbers": self.numbers,
            "text": pack_texts(_texts(values)),
        }
        if self.fill not in ("kinds", "taps"):
            finite = values[np.isfinite(values)]
            low, high = (float(finite.min()), float(finite.max())) if finite.size else (0, 1)
            if self.symmetric:
                high = max(abs(low), abs(high)) or 1.0
                low = -high
            high = high if high > low else low + 1
            spec.update(
                values=pack(values.astype(np.float32).ravel()),  # NaN: a blank cell
                low=low,
                high=high,
                lowText=theme.format_number(low),
                highText=theme.format_number(high),
            )
        if self.fill == "taps":
            colours = self.tap_colours
            spec["tapColours"] = list(colours or theme.tap_colour_indices(rows, cols))
        if self.kinds is not None:
            spec["kinds"] = pack(np.broadcast_to(self.kinds, values.shape).ravel(), "u8")
        if self.sources is not None:
            spec["sources"] = pack(np.asarray(self.sources, dtype=np.int32).ravel(), "i32")
        if self.names is not None:
            spec["names"] = pack_texts(list(self.names))
        if self.row_labels is not None:
            spec["rowLabels"] = list(self.row_labels)
        if self.col_labels is not None:
            spec["colLabels"] = list(self.col_labels)
        return spec


WORDS: dict[str, str] = json.loads(WORDS_FILE.read_text(encoding="utf-8"))
"""The renderer's own words (toolbar, equations) in English: ``static/scene.js`` reads the
same file; i18n.extract lists them for the catalogues."""


def scene_words() -> dict[str, str]:
    """:data:`WORDS` in the page's language; none in English (the renderer's own)."""
    if i18n.language() == i18n.SOURCE:
        return {}
    return {key: t(text) for key, text in WORDS.items()}


def _scene(kind: str, panels: list[Panel], steps: int, start: int, **rest: object) -> dict:
    scene = {
        "kind": kind,
        **({"words": words} if (words := scene_words()) else {}),
        "panels": [panel.spec() for panel in panels],
        "steps": int(steps),
        "frameMs": theme.FRAME_MS,
        "palette": theme.scene_palette(),
        **rest,
    }
    # the renderer rebuilds only when this changes (a new start step just moves to it)
    scene["id"] = hashlib.blake2b(json.dumps(scene).encode(), digest_size=8).hexdigest()
    scene["start"] = int(np.clip(start, 0, max(steps - 1, 0)))
    return scene


def _coordinate_labels(size: int, origin: int) -> list[str]:
    """Input coordinates of a grid's cells: padding is negative or past the end."""
    return [str(i - origin) for i in range(size)]


def sliding_scene(
    trace: ConvTrace,
    *,
    titles: tuple[str, str, str] | None = None,
    channel_labels: Sequence[str] | None = None,
    time_masks: bool = False,
    leaks: np.ndarray | None = None,
    start: int = 0,
    legend: Sequence[tuple[str, str]] = (),
) -> dict:
    """The sliding-window animation of a single-output-channel trace (1-D or 2-D).

    A 1-D trace over C channels is drawn as C rows; each tap reads its column in every row
    (a Conv1d over F features reads an F × n window). ``time_masks`` greys, at each step,
    the inputs after the output's own time (``t·s``); ``leaks`` outlines outputs that read
    their future. ``legend`` adds ``(swatch, label)`` entries after the scene's own.

    Each step's marks come from the trace's windows (the engine's index map): the grid cell
    of every product, the window's box and the output cell written.
    """
    geometry = trace.geometry
    has = {int(kind) for kind in np.unique(trace.cell_kind)}
    padded = PADDING in has or INSERTED_ZERO in has
    titles = titles or (t("Input (padded)") if padded else t("Input"), t("Kernel"), t("Output"))
    channels = trace.grid.shape[0]
    if geometry.ndim == 2:
        if channels != 1:
            raise ValueError("a 2-D sliding scene draws one input channel")
        grid, kernel, output = trace.grid[0], trace.weight[0], trace.output
        rows = _coordinate_labels(grid.shape[0], trace.input_origin[0])
        kinds = trace.cell_kind
    else:
        grid, kernel, output = trace.grid, trace.weight, trace.output[None, :]
        rows = list(channel_labels or [str(c) for c in range(channels)])
        kinds = trace.cell_kind[None, :]
    cols = _coordinate_labels(grid.shape[-1], trace.input_origin[-1])
    taps = geometry.kernel_size
    # each tap's colour: a 1-D tap spans every channel (its kernel column), a 2-D one is a
    # kernel cell; a kernel with more taps than colours is coloured by row
    if geometry.ndim == 2:
        kernel_colours = theme.tap_colour_indices(*taps)
    else:
        kernel_colours = theme.tap_colour_indices(1, taps[0]) * kernel.shape[0]
    panels = [
        Panel(titles[0], grid, "kinds", "x", kinds, rows, cols, sources=padding_sources_of(trace)),
        Panel(titles[1], kernel, "taps", "w", tap_colours=kernel_colours),
        Panel(titles[2], output, "output", "y"),
    ]
    keys = [("input", pt("a legend key: a cell of the input, not padding", "input"))]
    keys += [("padding", FILL_WORDS[trace.padding_mode]())] if PADDING in has else []
    keys += [("inserted", t("inserted zero"))] if INSERTED_ZERO in has else []
    if geometry.ndim == 2 and theme.taps_by_row(*taps):
        keys += [
            ("taps", t("kernel rows (a kernel row and the window row it reads share a colour)"))
        ]
    else:
        keys += [("taps", t("kernel taps (a tap and the cell it reads share a colour)"))]
    keys += [("pending", t("not computed yet")), ("current", t("this step's output"))]
    if time_masks:
        keys.append(("future", t("the future (after this step's time)")))
    flagged = []
    if leaks is not None and np.any(leaks):
        flagged = np.flatnonzero(np.asarray(leaks)).tolist()
        keys.append(("leak", t("reads the future")))
    return _scene(
        "sliding",
        panels,
        trace.num_steps,
        start,
        stacked=geometry.ndim == 1,
        **_sliding_marks(trace, time_masks),
        flagged=flagged,
        bias=theme.format_number(trace.bias) if trace.bias else None,
        groupSums=None,
        legend=[{"swatch": swatch, "label": label} for swatch, label in [*keys, *legend]],
    )


# the legend's words for the padding, by what fills it (PyTorch's padding_mode)
FILL_WORDS = {
    "zeros": lambda: t("padding zero"),
    "reflect": lambda: t("padding: the input mirrored about its edge cell (reflect)"),
    "replicate": lambda: t("padding: the edge cell repeated (replicate)"),
    "circular": lambda: t("padding: the other end of the input (circular)"),
}


def padding_sources_of(trace: ConvTrace) -> np.ndarray | None:
    """For a padding that copies the input (reflect, replicate, circular): each drawn grid
    cell's source, the flat index of the input cell it copies (−1 for an input cell); None
    for zeros. The engine's index map (:func:`conv_engine.padding_sources`) says which."""
    if trace.padding_mode == "zeros":
        return None
    geometry = trace.geometry
    maps = [
        padding_sources(size, before, after, trace.padding_mode) + origin
        for size, (before, after), origin in zip(
            geometry.input_size, geometry.padding, trace.input_origin, strict=True
        )
    ]
    if geometry.ndim == 1:  # each channel's row copies within itself
        channels = trace.grid.shape[0]
        rows, cols = np.meshgrid(np.arange(channels), maps[0], indexing="ij")
        kinds = np.broadcast_to(trace.cell_kind[None, :], rows.shape)
    else:
        rows, cols = np.meshgrid(maps[0], maps[1], indexing="ij")
        kinds = trace.cell_kind
    return np.where(kinds == PADDING, rows * cols.shape[1] + cols, -1)


def _sliding_marks(trace: ConvTrace, time_masks: bool) -> dict:
    """Every step's marks, from the trace's windows: what each product reads (the window is
    the box around them), the output written and (``time_masks``) the future greyed."""
    windows = trace.windows  # (steps, taps, ndim) grid cells: the index map
    steps, taps = windows.shape[:2]
    channels, *grid_shape = trace.grid.shape
    if trace.geometry.ndim == 2:
        reads = windows[..., 0] * grid_shape[1] + windows[..., 1]
        weights = np.ravel_multi_index(tuple(trace.taps.T), trace.weight.shape[1:])
    else:  # channel c's row of the stacked grid; products channel by channel, tap by tap
        length = grid_shape[0]
        rows = np.arange(channels)[None, :, None] * length
        reads = (rows + windows[:, None, :, 0]).reshape(steps, channels * taps)
        weights = (np.arange(channels)[:, None] * taps + np.arange(taps)).ravel()
    marks = {
        "reads": pack(reads),
        "weights": weights.tolist(),
        "written": None,  # step n writes output n: the trace's steps are row-major over it
        "shade": None,
    }
    if time_masks:
        # the output's own time on the grid, t·s (+ the grid's origin); after it, the future
        rows = channels if trace.geometry.ndim == 1 else grid_shape[0]
        cols = grid_shape[-1]
        output_cols = trace.output.shape[-1]
        now = (np.arange(steps) % output_cols) * trace.geometry.stride[-1]
        now = now + trace.input_origin[-1]
        shade = np.stack(
            [np.zeros(steps, int), now + 1, np.full(steps, rows - 1), np.full(steps, cols - 1)],
            axis=1,
        )
        shade[now + 1 >= cols] = -1
        marks["shade"] = pack(shade, "i16")
    return marks


def scatter_scene(
    trace: ScatterTrace,
    pinned_output: tuple[int, ...] | None = None,
    *,
    titles: tuple[str, str, str] | None = None,
    start: int = 0,
) -> dict:
    """A transposed conv one input cell at a time: cell n stamps ``x[n]·w`` into the output.

    Each step's stamps come from the trace (the engine's index map, ``i·s + t·d − p``, and
    its running sums): the output cell each lands on, its weight, and the cell's sum once
    it has landed, so frame n shows the sums after n + 1 stamps; ``pinned_output`` is
    outlined in every frame with its full sum.
    """
    titles = titles or (t("Input"), t("Kernel"), t("Output (sum of stamps)"))
    x, weight = np.atleast_2d(trace.input), np.atleast_2d(trace.weight)
    output = np.atleast_2d(trace.output)
    panels = [
        Panel(titles[0], x, "kinds", "x", np.zeros(x.shape, dtype=int)),
        Panel(titles[1], weight, "taps", "w"),
        Panel(titles[2], output, "diverging", "y", symmetric=True),
    ]
    steps = trace.num_steps
    step_of, weights = np.nonzero(trace.inside)  # row-major: step by step, tap by tap
    landed = trace.targets[step_of, weights]
    cells = np.ravel_multi_index(tuple(landed.T), trace.output.shape)
    sums = trace.running.reshape(steps, -1)[step_of, cells]
    pinned = None
    if pinned_output is not None:
        pinned = int(np.ravel_multi_index(tuple(pinned_output), trace.output.shape))
    return _scene(
        "scatter",
        panels,
        trace.num_steps,
        start,
        sources=pack(np.arange(steps)),
        stampStart=pack(np.searchsorted(step_of, np.arange(steps + 1))),
        stampCells=pack(cells),
        stampWeights=pack(weights),
        stampSums=pack(sums.astype(np.float32)),
        stampTexts=pack_texts([theme.format_number(float(v)) for v in sums]),
        zero=theme.format_number(0.0),
        pinned=pinned,
        legend=[
            {"swatch": "window", "label": t("the input cell stamping")},
            {"swatch": "taps", "label": t("where its stamp lands (tap colours)")},
            {"swatch": "pinned", "label": t("the pinned output cell")},
        ],
    )


@dataclass(frozen=True)
class Box:
    """An outlined span of cells ``(row0, col0) … (row1, col1)`` (inclusive) on a panel."""

    panel: int
    row0: int
    col0: int
    row1: int
    col1: int

    def spec(self) -> list[int]:
        return [self.panel, self.row0, self.col0, self.row1, self.col1]


def boxes_scene(
    panels: list[Panel],
    boxes: Sequence[Sequence[Box]],
    captions: Sequence[str],
    *,
    start: int = 0,
    legend: Sequence[tuple[str, str]] = (),
    clickable: int | None = None,
) -> dict:
    """Panels with, per step, a few outlined boxes and a caption (what the step computes).

    Blank cells (NaN values) separate blocks, e.g. the maps of a channel stack. With
    ``clickable``, a click on cell i of that (one-row) panel goes to step i.
    """
    if len(boxes) != len(captions):
        raise ValueError("one caption per step")
    return _scene(
        "boxes",
        panels,
        len(boxes),
        start,
        boxes=[[box.spec() for box in step] for step in boxes],
        captions=list(captions),
        clickable=clickable,
        legend=[{"swatch": swatch, "label": label} for swatch, label in legend],
    )


def still_scene(panels: list[Panel], legend: Sequence[tuple[str, str]] = ()) -> dict:
    """Panels drawn as the animations draw them, without steps: no toolbar, no equation."""
    scene = boxes_scene(panels, [[]], [""], legend=legend)
    scene["static"] = True
    return scene
