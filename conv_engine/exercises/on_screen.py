"""Questions about the convolution a page shows, at the step it shows: the live class's
"predict, then reveal" (issue 27).

The exercises' makers draw a setting of their own; a lecturer asks about the one on the
projector. :func:`on_screen` takes the page's own trace and step and returns, for each
question, the animation step whose frame shows the answer (the reveal plays to it). Every
answer is the engine's: the trace's output, its cell kinds and its geometry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..layer_trace import LayerTrace
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


def _value_question(
    topic: str, value: float, position: str, step: int, explain: Callable[[int], Text]
) -> OnScreen | None:
    """What the window writes at y[``position``] (step ``step``), explained by
    ``explain(answer)``; None where the value is not a whole number (a class types whole
    numbers)."""
    if not np.isclose(value, round(value)):
        return None
    answer = round(value)
    prompt = Text(
        "Next the window moves to y[{position}]. What value does it write there?",
        position=position,
    )
    question = Question(topic, "value", prompt, "number", answer, explain(answer))
    return OnScreen(question, step)


def next_value(topic: str, trace: ConvTrace, step: int) -> OnScreen | None:
    """The value the next step writes (the one after ``step``, or the first after the
    last); None where the outputs are not whole numbers."""
    target = (step + 1) % trace.num_steps
    position = _position(trace, target)
    return _value_question(
        topic,
        float(trace.output.flat[target]),
        position,
        target,
        lambda answer: Text(
            "y[{position}] is the sum of the window's products: {value}.",
            position=position,
            value=answer,
        ),
    )


def _window_cells(trace: ConvTrace, step: int) -> tuple[int, int]:
    """(cells the window of ``step`` covers on one map, how many of them are the input's)."""
    window = {tuple(int(i) for i in cell) for cell in trace.windows[step]}
    return len(window), sum(1 for cell in window if trace.cell_kind[cell] == INPUT)


def real_inputs_read(topic: str, trace: ConvTrace, step: int) -> OnScreen:
    """How many cells of the input itself (padding not counted) the next step's window
    reads."""
    target = (step + 1) % trace.num_steps
    taps, count = _window_cells(trace, target)
    prompt = Text(
        "How many cells of the input itself (not padding) does the window of y[{position}] read?",
        position=_position(trace, target),
    )
    explanation = Text(
        "Its window covers {taps} cells; {count} of them are input, the rest padding.",
        taps=taps,
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


def layer_questions(topic: str, layer: LayerTrace, step: int) -> tuple[OnScreen, ...]:
    """The questions on a layer (``C_out`` kernels over ``C_in`` channels, a bias) shown at
    ``step``: the value the next step writes (where whole), how many real inputs its window
    reads in all the input channels, and how many output cells the layer writes."""
    target = (step + 1) % layer.num_steps
    channel, place = layer.locate(target)
    kernel = layer.kernels[channel]
    position = f"{channel}, {_position(kernel, place)}"
    said = {"position": position, "channels": layer.in_channels}
    asked = [
        _value_question(
            topic,
            float(kernel.output.flat[place]),
            position,
            target,
            lambda answer: (
                Text(
                    "y[{position}] sums the window's products in all {channels} input "
                    "channels, then adds the bias of its kernel: {value}.",
                    value=answer,
                    **said,
                )
                if layer.has_bias
                else Text(
                    "y[{position}] sums the window's products in all {channels} input "
                    "channels: {value}.",
                    value=answer,
                    **said,
                )
            ),
        )
    ]
    taps, count = _window_cells(kernel, place)
    prompt = Text(
        "How many cells of the input volume itself (not padding) does the window of "
        "y[{position}] read, in all its channels?",
        position=position,
    )
    explanation = Text(
        "Its window covers {taps} cells in each of the {channels} input channels; {count} "
        "of each are input, so {total} in all.",
        taps=taps,
        channels=layer.in_channels,
        count=count,
        total=count * layer.in_channels,
    )
    question = Question(topic, "reads", prompt, "number", count * layer.in_channels, explanation)
    asked.append(OnScreen(question, target))
    cells = layer.out_channels * layer.positions
    prompt = Text(
        "This layer has {maps} kernels. How many output cells does it write in all, over "
        "every output map?",
        maps=layer.out_channels,
    )
    explanation = Text(
        "One map per kernel, {per_map} cells each ({sizes}): {maps} × {per_map} = {count}.",
        per_map=layer.positions,
        sizes=" × ".join(str(n) for n in layer.geometry.output_size),
        maps=layer.out_channels,
        count=cells,
    )
    question = Question(topic, "output_size", prompt, "number", cells, explanation)
    asked.append(OnScreen(question, layer.num_steps - 1))
    return tuple(item for item in asked if item is not None)


def on_screen(topic: str, trace: ConvTrace | LayerTrace, step: int) -> tuple[OnScreen, ...]:
    """The questions a lecturer may ask about ``trace`` shown at ``step``: the value the
    next step writes (where it is a whole number), how many real inputs it reads, how
    many outputs the conv writes and, on a sequence, how many read the future. A layer's
    trace gets :func:`layer_questions`."""
    step = min(max(int(step), 0), trace.num_steps - 1)
    if isinstance(trace, LayerTrace):
        return layer_questions(topic, trace, step)
    asked = [next_value(topic, trace, step), real_inputs_read(topic, trace, step)]
    asked.append(future_readers(topic, trace))
    return (*(item for item in asked if item is not None), output_cells(topic, trace))
