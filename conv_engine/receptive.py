"""Receptive fields of layer stacks: the per-layer size, jump and start recurrence.

For layer ``l`` with kernel extent ``k_eff = d·(k − 1) + 1``, stride ``s`` and left padding
``p`` (``r₀ = 1``, ``j₀ = 1``, ``start₀ = 0``)::

    r_l     = r_{l−1} + (k_eff − 1)·j_{l−1}      receptive-field size, in input cells
    j_l     = j_{l−1}·s                           jump: input distance between adjacent outputs
    start_l = start_{l−1} − p·j_{l−1}             first input cell seen by output 0

Output ``t`` of layer ``l`` sees input cells ``start_l + t·j_l … start_l + t·j_l + r_l − 1``
(negative or too-large indices fall in padding). A pooling layer is a Layer too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from .errors import ConvConfigError, check_int
from .sizes import Padding, conv_output_size, effective_kernel_size, padding_rule, resolve_padding
from .text import Text, counted


@dataclass(frozen=True)
class Layer:
    """One conv or pooling layer of a stack, on one spatial axis.

    ``padding`` is an int, ``(left, right)``, or a mode (``"valid"``, ``"same"``, ``"full"``,
    ``"causal"``).
    """

    kernel_size: int
    stride: int = 1
    dilation: int = 1
    padding: Padding = 0
    kind: str = "conv"

    def __post_init__(self) -> None:
        check_int("kernel_size", self.kernel_size, 1)
        check_int("stride", self.stride, 1)
        check_int("dilation", self.dilation, 1)
        if padding_rule(self.padding) is None:
            resolve_padding(1, 1, 1, 1, self.padding)  # validates ints and pairs

    @property
    def kernel_extent(self) -> int:
        return effective_kernel_size(self.kernel_size, self.dilation)

    def resolved_padding(self, input_size: int | None) -> tuple[int, int]:
        """Explicit (left, right) padding; ``"same"`` with stride > 1 needs the input size."""
        if padding_rule(self.padding) == "same" and self.stride > 1 and input_size is None:
            raise ConvConfigError(
                "padding 'same' with stride > 1 depends on the input size: give input_size"
            )
        size = input_size if input_size is not None else 1
        return resolve_padding(size, self.kernel_size, self.stride, self.dilation, self.padding)


@dataclass(frozen=True)
class ReceptiveFieldRow:
    """The receptive field of one layer's outputs, in input coordinates."""

    index: int
    layer: Layer
    padding: tuple[int, int]
    size: int
    jump: int
    start: int
    input_size: int | None = None
    output_size: int | None = None

    @property
    def center(self) -> float:
        """Input coordinate of the centre of output 0's receptive field."""
        return self.start + (self.size - 1) / 2

    def span(self, position: int) -> tuple[int, int]:
        """First and last input cell (inclusive) seen by output ``position``."""
        first = self.start + position * self.jump
        return first, first + self.size - 1


def receptive_field(
    layers: Iterable[Layer], input_size: int | None = None
) -> list[ReceptiveFieldRow]:
    """Per-layer receptive-field size, jump and start for a stack of layers.

    Parameters
    ----------
    layers : the stack, input side first
    input_size : optional input length; when given, each row also has its output size and
        a layer whose kernel no longer fits raises :class:`ConvConfigError`

    Returns
    -------
    one :class:`ReceptiveFieldRow` per layer
    """
    rows: list[ReceptiveFieldRow] = []
    size, jump, start = 1, 1, 0
    current = None if input_size is None else check_int("input_size", input_size, 1)
    for index, layer in enumerate(layers, start=1):
        if not isinstance(layer, Layer):
            raise ConvConfigError(
                "layer {index} must be a Layer, got {layer!r}", index=index, layer=layer
            )
        before, after = layer.resolved_padding(current)
        size += (layer.kernel_extent - 1) * jump
        start -= before * jump
        jump *= layer.stride
        output = None
        if current is not None:
            try:
                output = conv_output_size(
                    current, layer.kernel_size, layer.stride, (before, after), layer.dilation
                )
            except ConvConfigError as error:
                raise ConvConfigError("layer {index}: {error}", index=index, error=error) from None
        rows.append(
            ReceptiveFieldRow(index, layer, (before, after), size, jump, start, current, output)
        )
        current = output
    return rows


def is_causal(rows: list[ReceptiveFieldRow]) -> bool:
    """Whether every output's receptive field ends at its own position ``t·j``, by design.

    True for a stack of causal (left-padded) layers: the newest input an output sees is
    ``start + t·j + r − 1 = t·j``, so it never sees anything later.
    """
    last = rows[-1]
    return last.start + last.size - 1 == 0


def padding_reach(rows: list[ReceptiveFieldRow]) -> tuple[int, int]:
    """How many outputs of the stack see past the input's start, and past its end.

    Such an output's receptive field reaches into padding (zeros). Needs the input size
    (rows from ``receptive_field(layers, input_size)``).
    """
    last, size = rows[-1], rows[0].input_size
    if size is None or last.output_size is None:
        raise ConvConfigError("padding_reach needs rows computed with an input_size")
    first = last.start + np.arange(last.output_size) * last.jump
    return int((first < 0).sum()), int((first + last.size - 1 > size - 1).sum())


def alignment(rows: list[ReceptiveFieldRow]) -> Text:
    """Which input each output of the stack is aligned to, in one sentence."""
    last = rows[-1]
    if is_causal(rows):
        return Text(
            "Causal stack: output t ends at input t·{jump}, its newest input, by design; it "
            "sees only the past, so centring does not apply.",
            jump=last.jump,
        )
    centre = _number(last.center)
    if last.center == int(last.center):
        return Text(
            "Output t is centred on input {centre} + t·{jump}.", centre=centre, jump=last.jump
        )
    return Text(
        "Output t is centred at input position {centre} + t·{jump}, between two cells.",
        centre=centre,
        jump=last.jump,
    )


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


def stack_issues(rows: list[ReceptiveFieldRow]) -> list[Text]:
    """What a user would want to be warned about in a stack (for a known input size).

    * the receptive field is larger than the input (the output sees padding);
    * a strided layer leaves input cells at the end that no window reaches;
    * output 0's receptive field is centred between two input cells (misaligned); not for
      a causal stack, which is aligned to its newest input by design.
    """
    issues = []
    last = rows[-1]
    if last.input_size is not None and last.size > rows[0].input_size:
        issues.append(
            Text(
                "The receptive field ({size}) is larger than the input ({input_size}): every "
                "output also sees padding.",
                size=last.size,
                input_size=rows[0].input_size,
            )
        )
    for row in rows:
        if row.input_size is None or row.layer.stride == 1:
            continue
        padded = row.input_size + sum(row.padding)
        unused = (padded - row.layer.kernel_extent) % row.layer.stride
        if unused:
            issues.append(
                counted(
                    "Layer {index} (stride {stride}) never reaches the last {count} cell "
                    "of its padded input: it is dropped.",
                    "Layer {index} (stride {stride}) never reaches the last {count} cells "
                    "of its padded input: they are dropped.",
                    unused,
                    index=row.index,
                    stride=row.layer.stride,
                )
            )
    if not is_causal(rows) and last.center != int(last.center):
        issues.append(
            Text(
                "Output 0 is centred at input position {centre}, between two cells: outputs "
                "are misaligned with the input grid by half a cell.",
                centre=last.center,
            )
        )
    return issues
