"""One step of an animated scene as data, for an exported picture: the twin of the player's
``static/scene_steps.js``.

A step draws the marks the scene carries (``viz.scenes`` computed them from the engine):
nothing here knows a stride or a dilation. :func:`step_view` returns the same view the
player computes — the marks, the pending outputs, the cells whose numbers change, the step's
sum in tokens — and a test runs both on the same scenes and compares them
(``tests/viz/test_step_parity.py``). :mod:`viz.picture` draws a view.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .scene_contract import CONTRACT, MAX_GROUP_TERMS, MAX_TERMS, TIMES, elide, factor, shown
from .scenes import WORDS

MAX_FRAMES = 200  # an exported animation's frames at most


@dataclass(frozen=True)
class Mark:
    """A mark of the contract (``style``) over cells ``(row0, col0) … (row1, col1)`` of one
    panel; ``colour`` indexes the palette's tap colours for a tap or a stamp."""

    panel: int
    row0: int
    col0: int
    row1: int
    col1: int
    style: str
    colour: int | None = None


@dataclass(frozen=True)
class Token:
    """A piece of a step's sum: ``role`` is name, op, term, elided, value or caption."""

    role: str
    text: str
    colour: int | None = None
    later: bool | None = None  # a stamp still to come (a transposed conv's pinned sum)


@dataclass(frozen=True)
class StepView:
    """What a step shows over the scene's fixed panels.

    ``pending`` are the output cells not computed yet (covered, numbers hidden) on panel
    ``pending_panel``; ``cells`` gives a panel's changed cells as ``{cell: (value, text)}``
    (a transposed conv's running sums); ``equation`` is the step's sum, a line of tokens
    per line.
    """

    marks: tuple[Mark, ...]
    equation: tuple[tuple[Token, ...], ...]
    pending: tuple[int, ...] = ()
    pending_panel: int | None = None
    cells: dict[int, dict[int, tuple[float, str]]] = field(default_factory=dict)

    @property
    def caption(self) -> tuple[str, ...]:
        """The step's sum as text, one string per line."""
        return tuple("".join(token.text for token in line) for line in self.equation)


def _word(scene: dict, key: str, **values: object) -> str:
    """One of the scene's own words (``viz.scenes.scene_words``), its values filled in."""
    text = (scene.get("words") or {}).get(key) or WORDS[key]
    return text.format(**values)


def cell_name(panel: dict, index: int) -> str:
    """``x[−1, 2]`` by the panel's coordinates; ``y[3]`` on a one-row panel; a stack's cells
    by their own names."""
    if panel.get("names"):
        return panel["names"][index]
    row, col = divmod(index, panel["cols"])
    r = panel["rowLabels"][row] if panel.get("rowLabels") else str(row)
    c = panel["colLabels"][col] if panel.get("colLabels") else str(col)
    if panel["rows"] == 1 and not panel.get("rowLabels"):
        return f"{panel['name']}[{shown(c)}]"
    return f"{panel['name']}[{shown(r)}, {shown(c)}]"


def _cell(panel: int, index: int, cols: int, style: str, colour: int | None = None) -> Mark:
    row, col = divmod(int(index), cols)
    return Mark(panel, row, col, row, col, style, colour)


def _around(panel: int, cells: list[int], cols: int, style: str) -> Mark:
    """The box around some cells of a panel: a window is the box around the cells it reads."""
    rows, columns = [c // cols for c in cells], [c % cols for c in cells]
    return Mark(panel, min(rows), min(columns), max(rows), max(columns), style)


def written_order(scene: dict) -> list[int]:
    """The output cell each step writes, in step order."""
    written = scene.get("written")
    return list(range(scene["steps"])) if written is None else [int(c) for c in written]


def _sum(scene: dict, terms: list[Token], limit: int = MAX_TERMS) -> list[Token]:
    """``terms`` joined by " + ", elided by the contract's rule."""
    tokens: list[Token] = []
    for position, index in enumerate(elide(len(terms), limit)):
        if position:
            tokens.append(Token("op", " + "))
        if index is None:
            tokens.append(Token("elided", _word(scene, "products", count=len(terms))))
        else:
            tokens.append(terms[index])
    return tokens


def _sliding(scene: dict, step: int, pinned: int | None) -> StepView:
    grid, kernel, output = scene["panels"]
    order = written_order(scene)
    reads, written = scene["reads"][step], order[step]
    weights = scene["weights"]  # the same at every step, or a step's own (a layer)
    weights = [int(w) for w in (weights[step] if np.ndim(weights) == 2 else weights)]
    marks, terms = [], []
    for cell, weight in zip(reads.tolist(), weights, strict=True):
        colour = kernel["tapColours"][weight]
        marks.append(_cell(0, cell, grid["cols"], "tap", colour))
        x, w = factor(grid["text"][cell]), factor(kernel["text"][weight])
        terms.append(Token("term", f"{x}{TIMES}{w}", colour))
    shade = scene.get("shade")
    if shade is not None and shade[step][0] >= 0:
        marks.append(Mark(0, *(int(v) for v in shade[step]), "shade"))
    # a layer: the products come channel by channel; a window in each input channel
    sums = scene.get("groupSums")
    count = len(sums) // scene["steps"] if sums else 1
    size = len(terms) // count
    for channel in range(count):
        cells = reads.tolist()[channel * size : (channel + 1) * size]
        marks.append(_around(0, cells, grid["cols"], "window"))
    if np.ndim(scene["weights"]) == 2:  # and the kernel of this step's output channel
        marks.append(_around(1, weights, kernel["cols"], "window"))
    marks += [_cell(2, cell, output["cols"], "leak") for cell in scene.get("flagged") or []]
    marks.append(_cell(2, written, output["cols"], "current"))
    equation = [Token("name", cell_name(output, written)), Token("op", " = ")]
    lines = []
    if sums:  # the channels' sums, then a line per channel with its products
        groups = sums[step * count : (step + 1) * count]
        equation += _sum(scene, [Token("term", factor(text)) for text in groups])
        for channel, text in enumerate(groups):
            line = [Token("name", _word(scene, "channel", channel=channel)), Token("op", ": ")]
            line += _sum(scene, terms[channel * size : (channel + 1) * size], MAX_GROUP_TERMS)
            lines.append((*line, Token("op", " = "), Token("value", shown(text))))
    else:
        equation += _sum(scene, terms)
    bias = scene.get("bias")
    bias = bias[step] if isinstance(bias, list) else bias
    if bias:
        equation += [Token("op", " + "), Token("term", factor(bias))]
    equation += [Token("op", " = "), Token("value", shown(output["text"][written]))]
    pending = tuple(order[step + 1 :])
    return StepView(tuple(marks), (tuple(equation), *lines), pending, 2)


def _scatter(scene: dict, step: int, pinned: int | None) -> StepView:
    source_panel, kernel, output = scene["panels"]
    start, stamps = scene["stampStart"], scene["stampCells"]
    weights, sums, texts = scene["stampWeights"], scene["stampSums"], scene["stampTexts"]
    source = int(scene["sources"][step])
    first, end = int(start[step]), int(start[step + 1])
    # every output cell's running sum after this step: its last stamp's, else zero
    cells = {i: (0.0, scene["zero"]) for i in range(output["rows"] * output["cols"])}
    for s in range(end):
        cells[int(stamps[s])] = (float(sums[s]), texts[s])
    marks = [_cell(0, source, source_panel["cols"], "window")]
    marks += [
        _cell(2, stamps[s], output["cols"], "stamp", kernel["tapColours"][int(weights[s])])
        for s in range(first, end)
    ]
    x = source_panel["text"][source]
    stamping = _word(scene, "stamps", value=shown(x), factor=factor(x), count=end - first)
    equation = [(Token("name", cell_name(source_panel, source)), Token("op", stamping))]
    if pinned is not None:
        marks.append(_cell(2, pinned, output["cols"], "pinned"))
        line = [Token("name", cell_name(output, pinned)), Token("op", " = ")]
        terms = [
            Token(
                "term",
                f"{factor(source_panel['text'][int(scene['sources'][n])])}{TIMES}"
                f"{factor(kernel['text'][int(weights[s])])}",
                kernel["tapColours"][int(weights[s])],
                later=n > step,
            )
            for n in range(scene["steps"])
            for s in range(int(start[n]), int(start[n + 1]))
            if int(stamps[s]) == pinned
        ]
        if terms:
            line += _sum(scene, terms)
            line += [Token("op", " = "), Token("value", shown(output["text"][pinned]))]
            line.append(Token("elided", _word(scene, "soFar", value=shown(cells[pinned][1]))))
        else:
            line.append(Token("elided", _word(scene, "noStamp")))
        equation.append(tuple(line))
    return StepView(tuple(marks), tuple(equation), cells={2: cells})


def _boxes(scene: dict, step: int, pinned: int | None) -> StepView:
    marks = tuple(Mark(*box, "box") for box in scene["boxes"][step])
    caption = scene["captions"][step]
    return StepView(marks, ((Token("caption", caption),),) if caption else ())


VIEWS = {"sliding": _sliding, "scatter": _scatter, "boxes": _boxes}


def step_view(scene: dict, step: int, pinned: int | None = None) -> StepView:
    """Step ``step`` of an unpacked scene (:func:`viz.scene_contract.unpacked`): its marks,
    pending outputs, changed numbers and sum. ``pinned`` is the scatter view's pinned
    output cell (the scene's own when not given)."""
    if not 0 <= step < scene["steps"]:
        raise ValueError(f"step {step} must be in 0 … {scene['steps'] - 1}")
    if scene["kind"] not in CONTRACT["kinds"]:
        raise ValueError(f"scene kind {scene['kind']!r} is not in the scene contract")
    return VIEWS[scene["kind"]](scene, step, scene.get("pinned") if pinned is None else pinned)


def frame_steps(steps: int, limit: int = MAX_FRAMES) -> list[int]:
    """The steps a bounded animation shows: all of them, or ``limit`` spread evenly (the
    first and the last among them)."""
    if steps <= limit:
        return list(range(steps))
    return np.linspace(0, steps - 1, limit).round().astype(int).tolist()
