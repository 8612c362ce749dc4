"""Which input cells reach one output through a stack of layers, and how strongly.

* :func:`support_counts`: the exact set of input cells feeding one output, with the number
  of paths to each (dilation can leave holes inside the closed-form span: gridding);
  :func:`field_hole_count` counts those holes over the whole field;
* :func:`hdc_check`: the "hybrid dilated convolution" rules for a dilation schedule;
* :func:`effective_receptive_field`: the gradient of one output with respect to the input,
  by back-propagating a delta through the stack (transposed convolutions of a delta).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import reduce
from math import gcd

import numpy as np

from .conv import conv_transpose_nd
from .errors import ConvConfigError, check_int
from .index_map import index_map
from .receptive import Layer, receptive_field

MAX_LAYERS = 64
MAX_SUPPORT_INPUT = 4096


def _rows(layers: Sequence[Layer], input_size: int):
    layers = list(layers)
    if not 1 <= len(layers) <= MAX_LAYERS:
        raise ConvConfigError(
            "a stack must have 1 to {MAX_LAYERS} layers, got {count}",
            MAX_LAYERS=MAX_LAYERS,
            count=len(layers),
        )
    input_size = check_int("input_size", input_size, 1, MAX_SUPPORT_INPUT)
    return layers, receptive_field(layers, input_size)


def _backprop(
    grad: np.ndarray,
    layer: Layer,
    padding: tuple[int, int],
    input_size: int,
    kernel: np.ndarray,
) -> np.ndarray:
    """Send a gradient on a layer's outputs (1-D or 2-D, square) back to its inputs.

    It is the layer's transposed convolution (the one index map, read backwards), uncropped,
    then shifted by the padding before and clipped to the input: padding cells drop out.
    """
    ndim = grad.ndim
    full = conv_transpose_nd(
        grad[None, None], kernel[None, None], None, layer.stride, 0, 0, 1, layer.dilation, ndim
    )[0, 0]
    before = padding[0]
    out = np.zeros((input_size,) * ndim)
    kept = max(0, min(input_size, full.shape[0] - before))
    window = (slice(before, before + kept),) * ndim
    out[(slice(0, kept),) * ndim] = full[window]
    return out


def support_counts(layers: Sequence[Layer], input_size: int, position: int) -> np.ndarray:
    """Number of paths from each input cell to output ``position`` of the last layer.

    Returns an array of length ``input_size``; its non-zero cells are exactly the inputs that
    can change that output. They lie inside the closed-form span ``start + t·jump … + r − 1``.
    """
    return layer_supports(layers, input_size, position)[-1]


def hole_count(layers: Sequence[Layer], input_size: int, position: int, ndim: int = 1) -> int:
    """Input cells inside the output's span (clipped to the input) that it never sees.

    With ``ndim = 2`` the same stack runs along both axes of a square input: the 2-D support
    is the outer product of the 1-D one, so a cell is a hole if its row or column is.
    """
    counts = support_counts(layers, input_size, position)
    first, last = receptive_field(layers, input_size)[-1].span(position)
    first, last = max(first, 0), min(last, input_size - 1)
    span = last - first + 1
    seen = int(np.count_nonzero(counts[first : last + 1]))
    if ndim == 2:
        return span * span - seen * seen
    return span - seen


def field_hole_count(layers: Sequence[Layer], ndim: int = 1) -> int:
    """Cells inside one output's receptive field that it never sees, on an input large
    enough that the whole field lies inside it (so no input size or border decides).

    The output is the centre one of an input ``4r + 8`` cells long (r the field's span);
    with ``ndim = 2`` the stack runs along both axes: ``r² − seen²``.
    """
    span = receptive_field(layers)[-1].size
    size = min(4 * span + 8, MAX_SUPPORT_INPUT)
    rows = receptive_field(layers, size)
    centre = rows[-1].output_size // 2
    first, last = rows[-1].span(centre)
    if first < 0 or last >= size:
        raise ConvConfigError(
            "the receptive field ({span} cells) is too wide to count its holes: at most "
            "{most} input cells",
            span=span,
            most=MAX_SUPPORT_INPUT,
        )
    seen = int(np.count_nonzero(support_counts(layers, size, centre)[first : last + 1]))
    return span**ndim - seen**ndim


@dataclass(frozen=True)
class HdcVerdict:
    """The hybrid-dilated-convolution rules for a schedule (Wang et al., 2018).

    ``common_factor``: gcd of the rates (must be 1); ``max_distances``: ``M_i`` for each
    layer, from ``M_n = r_n`` and ``M_i = max(M_{i+1} − 2r_i, M_{i+1} − 2(M_{i+1} − r_i), r_i)``;
    the schedule passes when ``M_2 ≤ k`` (the largest gap left after layer 2 fits the kernel).

    The recurrence (its ``2r_i`` terms) is written for 3-tap kernels and a group that starts
    at ``r_1 = 1`` (:attr:`applies`). There, passing guarantees a receptive field without
    holes, but failing does not imply holes (1, 3, 1 fails and has none): the exact support
    (:func:`hole_count`) decides. Outside that scope the verdict says nothing.
    """

    rates: tuple[int, ...]
    kernel_size: int
    common_factor: int
    max_distances: tuple[int, ...]

    @property
    def m2(self) -> int:
        return self.max_distances[1] if len(self.max_distances) > 1 else self.max_distances[0]

    @property
    def passes(self) -> bool:
        return self.common_factor == 1 and self.m2 <= self.kernel_size

    @property
    def applies(self) -> bool:
        """Whether the rule is stated for this schedule: k = 3 and r₁ = 1."""
        return self.kernel_size == 3 and self.rates[0] == 1


def hdc_check(rates: Sequence[int], kernel_size: int = 3) -> HdcVerdict:
    """Check a dilation schedule against the HDC rules."""
    rates = tuple(check_int("dilation", r, 1) for r in rates)
    if not rates:
        raise ConvConfigError("a dilation schedule needs at least one rate")
    kernel_size = check_int("kernel_size", kernel_size, 1)
    distances = [rates[-1]]
    for rate in reversed(rates[:-1]):
        following = distances[0]
        distances.insert(0, max(following - 2 * rate, following - 2 * (following - rate), rate))
    return HdcVerdict(rates, kernel_size, reduce(gcd, rates), tuple(distances))


def effective_receptive_field(
    layers: Sequence[Layer],
    input_size: int,
    position: int | None = None,
    seeds: int = 0,
    rng: np.random.Generator | None = None,
) -> np.ndarray:
    """|∂ output / ∂ input| in 2-D for one central output, through a square stack.

    With ``seeds = 0`` every kernel is uniform (all ones), and the result is the outer
    product of the 1-D path counts; with ``seeds > 0`` each layer gets random 2-D kernels
    (from ``rng``) and the magnitudes are averaged over that many draws. Normalised to a
    maximum of 1. Shape ``(input_size, input_size)``.
    """
    layers, rows = _rows(layers, input_size)
    outputs = rows[-1].output_size
    position = outputs // 2 if position is None else check_int("position", position, 0)
    if seeds == 0:
        line = support_counts(layers, input_size, position)
        grid = np.outer(line, line)
        return grid / grid.max()
    rng = rng or np.random.default_rng(0)
    total = np.zeros((input_size, input_size))
    for _ in range(check_int("seeds", seeds, 1)):
        grad = np.zeros((outputs, outputs))
        grad[position, position] = 1.0
        for layer, row in zip(reversed(layers), reversed(rows), strict=True):
            kernel = rng.normal(size=(layer.kernel_size, layer.kernel_size))
            grad = _backprop(grad, layer, row.padding, row.input_size, kernel)
        total += np.abs(grad)
    return total / total.max() if total.max() > 0 else total


def layer_supports(layers: Sequence[Layer], input_size: int, position: int) -> list[np.ndarray]:
    """Path counts from every level of the stack to output ``position`` of the last layer.

    Returns one array per level, top first: the last layer's output (a one-hot at
    ``position``), then each lower layer's output, down to the input. Level ``j`` shows which
    cells of that layer feed the chosen output, and through how many paths.
    """
    layers, rows = _rows(layers, input_size)
    outputs = rows[-1].output_size
    position = check_int("position", position, 0, outputs - 1)  # an output of the last layer
    grad = np.zeros(outputs)
    grad[position] = 1.0
    levels = [grad]
    for layer, row in zip(reversed(layers), reversed(rows), strict=True):
        grad = _backprop(grad, layer, row.padding, row.input_size, np.ones(layer.kernel_size))
        levels.append(grad)
    return levels


@dataclass(frozen=True)
class ConeLevel:
    """One layer of the cone below a chosen output: which of its outputs the chosen output
    depends on (``cells``), and which of its inputs each of them reads (``edges``, pairs
    ``(output cell, input cell)``; padding cells are not inputs)."""

    cells: tuple[int, ...]
    edges: tuple[tuple[int, int], ...]


def dependency_cone(layers: Sequence[Layer], input_size: int, position: int) -> list[ConeLevel]:
    """The classic stacked-layers picture of output ``position`` of the last layer.

    One :class:`ConeLevel` per layer, the last layer first: its cells on the cone (from
    :func:`layer_supports`) and, through the index map, the cells of the level below each
    one reads. The cells of the level below an edge reaches are exactly that level's cone.
    """
    layers, rows = _rows(layers, input_size)
    levels = layer_supports(layers, input_size, position)
    cone = []
    for index, (layer, row) in enumerate(zip(reversed(layers), reversed(rows), strict=True)):
        cells = np.flatnonzero(levels[index])
        targets, _ = index_map(
            (row.output_size,),
            (layer.kernel_size,),
            (layer.stride,),
            (layer.dilation,),
            row.padding[0],
        )
        edges = [
            (int(cell), int(target))
            for cell in cells
            for target in targets[cell, :, 0]
            if 0 <= target < row.input_size
        ]
        cone.append(ConeLevel(tuple(int(c) for c in cells), tuple(edges)))
    return cone
