"""Questions about the convolution a page shows, at the step it shows: the live class's
"predict, then reveal" (issue 27).

The exercises' makers draw a setting of their own; a lecturer asks about the one on the
projector. :func:`on_screen` takes the page's own trace and step and returns, for each
question, the animation step whose frame shows the answer (the reveal plays to it). Every
answer is the engine's: the trace's output, its cell kinds and its geometry.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..text import Text
from ..trace import INPUT, ConvTrace
from .question import Question


@dataclass(frozen=True)
class OnScreen:
    """A question about what the page shows, and the step that shows its answer."""

    question: Question
    step: int


def _position(trace: ConvTrace, step: int) -> str:
    """An output cell as the page writes it: ``3`` or ``1, 2``."""
    return ", ".join(str(i) for i in trace.output_position(step))


def output_cells(topic: str, trace: ConvTrace) -> OnScreen:
    """How many outputs the conv writes (a sequence's length, a grid's cells in all); the
    last step writes the last of them."""
    geometry = trace.geometry
    sizes = geometry.output_size
    count = int(np.prod(sizes))
    padded = "×".join(str(n) for n in geometry.padded_size)
    extent = "×".join(str(k) for k in geometry.kernel_extent)
    stride = "×".join(str(s) for s in geometry.stride)
    if geometry.ndim == 1:
        prompt = Text(
            "This conv: a padded input of {padded} steps, a kernel spanning {extent}, stride "
            "{stride}. How many outputs does it write?",
            padded=padded,
            extent=extent,
            stride=stride,
        )
    else:
        prompt = Text(
            "This conv: a padded input of {padded}, a kernel spanning {extent}, stride "
            "{stride}. How many output cells does it write in all?",
            padded=padded,
            extent=extent,
            stride=stride,
        )
    explanation = Text(
        "Along each axis ⌊(padded − k_eff) / s⌋ + 1 outputs: {sizes}, so {count} in all.",
        sizes=" × ".join(str(n) for n in sizes),
        count=count,
    )
    question = Question(topic, "output_size", prompt, "number", count, explanation)
    return OnScreen(question, trace.num_steps - 1)


def next_value(topic: str, trace: ConvTrace, step: int) -> OnScreen | None:
    """The value the next step writes (the one after ``step``, or the first after the
    last); None where the outputs are not whole numbers (a class types whole numbers)."""
    target = (step + 1) % trace.num_steps
    value = float(trace.output.flat[target])
    if not np.isclose(value, round(value)):
        return None
    answer = round(value)
    prompt = Text(
        "Next the window moves to y[{position}]. What value does it write there?",
        position=_position(trace, target),
    )
    explanation = Text(
        "y[{position}] is the sum of the window's products: {value}.",
        position=_position(trace, target),
        value=answer,
    )
    return OnScreen(Question(topic, "value", prompt, "number", answer, explanation), target)


def real_inputs_read(topic: str, trace: ConvTrace, step: int) -> OnScreen:
    """How many cells of the input itself (padding not counted) the next step's window
    reads."""
    target = (step + 1) % trace.num_steps
    window = {tuple(int(i) for i in cell) for cell in trace.windows[target]}
    count = sum(1 for cell in window if trace.cell_kind[cell] == INPUT)
    prompt = Text(
        "How many cells of the input itself (not padding) does the window of y[{position}] read?",
        position=_position(trace, target),
    )
    explanation = Text(
        "Its window covers {taps} cells; {count} of them are input, the rest padding.",
        taps=len(window),
        count=count,
    )
    question = Question(topic, "reads", prompt, "number", count, explanation)
    return OnScreen(question, target)


def future_readers(topic: str, trace: ConvTrace) -> OnScreen | None:
    """For a sequence: how many outputs read a real input later than their own time
    (output ``t`` belongs to time ``t·s``); the reveal opens on the first of them. None for
    a grid."""
    if trace.geometry.ndim != 1:
        return None
    (stride,) = trace.geometry.stride
    (origin,) = trace.input_origin
    readers = [
        step
        for step in range(trace.num_steps)
        if any(
            trace.cell_kind[int(cell[0])] == INPUT and int(cell[0]) - origin > step * stride
            for cell in trace.windows[step]
        )
    ]
    prompt = Text(
        "How many outputs of this conv read the future (a real input after their own time)?"
    )
    explanation = Text(
        "Output t belongs to time t·s; {count} of the outputs read an input after it.",
        count=len(readers),
    )
    question = Question(topic, "future", prompt, "number", len(readers), explanation)
    return OnScreen(question, readers[0] if readers else 0)


def on_screen(topic: str, trace: ConvTrace, step: int) -> tuple[OnScreen, ...]:
    """The questions a lecturer may ask about ``trace`` shown at ``step``: the value the
    next step writes (where it is a whole number), how many real inputs it reads, how
    many outputs the conv writes and, on a sequence, how many read the future."""
    step = min(max(int(step), 0), trace.num_steps - 1)
    asked = [next_value(topic, trace, step), real_inputs_read(topic, trace, step)]
    asked.append(future_readers(topic, trace))
    return (*(item for item in asked if item is not None), output_cells(topic, trace))
