"""Receptive fields of a pasted model's main path, transposed convolutions included.

A convolution or pooling layer's output ``o`` reads its input at ``o·s + t·d − p`` (taps
``t = 0 … k − 1``); a transposed convolution's output ``o`` reads input ``i`` wherever
``i·s + t·d − p = o`` (PyTorch's scatter, cropped by ``p``). Composing these index maps
from one output down to the model's input gives, exactly:

- the **span** of an output (its first and last input cell, padding and holes included,
  as the lab's recurrence counts it; a transposed layer's outputs may differ in span by
  their position, so rows give output 0's and the lab can ask for any other's);
- the **cells** an output really reads (:func:`model_support`: each layer's real cells only,
  so padding, dilation holes and a transposed layer's missing stamps are left out — what a
  gradient through the real model reaches);
- the **jump** between neighbouring outputs, a fraction once a transposed layer upsamples.

For a stack of convolutions and pools the span is the recurrence ``r_l = r_{l−1} +
(k_eff − 1)·j_{l−1}`` of :mod:`conv_engine.receptive` (tested), which this extends.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from .errors import ConvConfigError, check_int
from .model_text import ModelLayer, ParsedModel
from .sizes import conv_output_size


@dataclass(frozen=True)
class ModelRow:
    """One layer of a model's main path: its sizes, its jump and output 0's span."""

    index: int
    layer: ModelLayer
    input_size: int
    output_size: int
    padding: tuple[int, int]  # (before, after) of a conv or pool; (crop, output_padding)
    jump: Fraction
    size: int
    start: int


def _reads(layer: ModelLayer, padding: tuple[int, int], outputs: np.ndarray) -> np.ndarray:
    """Every position of a layer's input that ``outputs`` read (unclipped, sorted)."""
    if layer.layer is not None:
        geometry = layer.layer
        taps = np.arange(geometry.kernel_size) * geometry.dilation
        return np.unique((outputs[:, None] * geometry.stride + taps[None, :] - padding[0]).ravel())
    transposed = layer.transposed
    taps = np.arange(transposed.kernel_size) * transposed.dilation
    # i·s + t·d − p = o  ⇔  i = (o + p − t·d) / s where that is whole
    numerators = (outputs[:, None] + transposed.padding - taps[None, :]).ravel()
    whole = numerators[numerators % transposed.stride == 0] // transposed.stride
    return np.unique(whole)


def ceil_output_size(size: int, layer, padding: tuple[int, int]) -> int:
    """A pool's output length with ``ceil_mode=True`` (PyTorch's rule): windows are counted
    rounding up, but the last must start inside the input or its left padding."""
    span = size + padding[0] + padding[1] - layer.kernel_extent
    output = -(-span // layer.stride) + 1
    if (output - 1) * layer.stride >= size + padding[0]:
        output -= 1
    return output


def model_rows(model: ParsedModel, input_size: int) -> list[ModelRow]:
    """Per layer of the main path: input and output size, padding, jump, and output 0's span
    (``size`` cells from ``start``) in the model's input."""
    current = check_int("input_size", input_size, 1)
    rows: list[ModelRow] = []
    jump = Fraction(1)
    for index, layer in enumerate(model.stack, start=1):
        try:
            if layer.layer is not None:
                geometry = layer.layer
                padding = geometry.resolved_padding(current)
                output = conv_output_size(
                    current, geometry.kernel_size, geometry.stride, padding, geometry.dilation
                )
                if layer.ceil_mode:
                    output = ceil_output_size(current, geometry, padding)
                jump *= geometry.stride
            else:
                transposed = layer.transposed
                padding = (transposed.padding, transposed.output_padding)
                output = (
                    (current - 1) * transposed.stride
                    + transposed.kernel_extent
                    - 2 * transposed.padding
                    + transposed.output_padding
                )
                if output < 1:
                    raise ConvConfigError(
                        "its output would have {output} cells for an input of {size}",
                        output=output,
                        size=current,
                    )
                jump /= transposed.stride
        except ConvConfigError as error:
            raise ConvConfigError(
                "layer {index} ({name}): {error}", index=index, name=layer.name, error=error
            ) from None
        rows.append(ModelRow(index, layer, current, output, padding, jump, 0, 0))
        current = output
    # output 0's span: the index maps composed from each layer down to the input
    spans = []
    for top in range(len(rows)):
        cells = np.array([0])
        for row in reversed(rows[: top + 1]):
            cells = _reads(row.layer, row.padding, cells)
        spans.append((int(cells[-1] - cells[0] + 1), int(cells[0])))
    return [
        ModelRow(r.index, r.layer, r.input_size, r.output_size, r.padding, r.jump, size, start)
        for r, (size, start) in zip(rows, spans, strict=True)
    ]


def model_span(rows: list[ModelRow], position: int) -> tuple[int, int]:
    """First and last input cell (padding included) output ``position`` of the last row
    spans."""
    cells = np.array([check_int("position", position, 0)])
    for row in reversed(rows):
        cells = _reads(row.layer, row.padding, cells)
    return int(cells[0]), int(cells[-1])


def model_support(rows: list[ModelRow], position: int) -> np.ndarray:
    """The model-input cells output ``position`` of the last row really reads: at each
    layer only its input's real cells (no padding), so holes and missing stamps stay out."""
    last = rows[-1].output_size
    if not 0 <= position < last:
        raise ConvConfigError(
            "position {position} must be in 0 … {last}", position=position, last=last - 1
        )
    cells = np.array([position])
    for row in reversed(rows):
        cells = _reads(row.layer, row.padding, cells)
        cells = cells[(cells >= 0) & (cells < row.input_size)]
    return cells
