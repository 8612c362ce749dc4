"""Controls of the causal page."""

from __future__ import annotations

from dataclasses import dataclass

import conv_engine as ce

from ..params import PageParams
from ._common import MAX_LENGTH_1D, kernel_bounds


@dataclass(frozen=True)
class CausalSpec:
    """The causal page's sequence view."""

    length: int
    kernel_size: int
    dilation: int
    stride: int
    leak: bool

    @property
    def padding(self) -> str:
        return "same" if self.leak else "causal"


def causal_controls(params: PageParams) -> CausalSpec:
    columns = params.columns(5)
    length = params.integer("n", "Sequence length", 12, 4, MAX_LENGTH_1D, container=columns[0])
    kernel_size = params.integer("k", "Kernel size k", 3, 1, 5, container=columns[1])
    _, d_limit = kernel_bounds(length, "causal", 0, kernel_size, max_padded=32)
    dilation = params.integer("d", "Dilation d", 1, 1, d_limit, container=columns[2])
    stride = params.integer("s", "Stride s", 1, 1, 3, container=columns[3])
    leak = params.toggle(
        "leak",
        "Leak the future",
        False,
        container=columns[4],
        help="Switch to centred ('same') padding: outputs then read inputs from their future.",
    )
    return CausalSpec(length, kernel_size, dilation, stride, leak)


@dataclass(frozen=True)
class WaveNetSpec:
    """A WaveNet-style stack: blocks of dilated causal convs with d = 1, 2, 4, …, max."""

    kernel_size: int
    max_dilation: int
    blocks: int
    residual: bool
    length: int

    @property
    def dilations(self) -> list[int]:
        rates = [2**i for i in range(self.max_dilation.bit_length())]
        per_block = [r for r in rates for _ in range(2 if self.residual else 1)]
        return per_block * self.blocks

    @property
    def layers(self) -> tuple[ce.Layer, ...]:
        return tuple(ce.Layer(self.kernel_size, 1, d, "causal") for d in self.dilations)


def wavenet_controls(params: PageParams) -> WaveNetSpec:
    columns = params.columns(5)
    kernel_size = params.integer("wk", "k", 2, 2, 4, container=columns[0])
    powers = [str(2**i) for i in range(10)]
    max_dilation = params.choice(
        "dmax", "Largest dilation", powers, "512", widget="select", container=columns[1]
    )
    blocks = params.integer("blocks", "Blocks", 1, 1, 3, container=columns[2])
    length = params.integer("t", "Sequence length", 1000, 16, 20000, container=columns[3])
    residual = params.toggle(
        "tcn",
        "TCN residual blocks",
        False,
        container=columns[4],
        help="Two dilated causal convs per dilation, as in a TCN residual block.",
    )
    return WaveNetSpec(kernel_size, int(max_dilation), blocks, residual, length)
