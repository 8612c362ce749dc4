"""Controls of the separable and lightweight pages."""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..params import PageParams
from ._common import divisors


@dataclass(frozen=True)
class SeparableSpec:
    in_channels: int
    out_channels: int
    kernel_size: int
    multiplier: int
    groups: int
    size: int
    seed: int


def separable_controls(params: PageParams) -> SeparableSpec:
    columns = params.columns(6)
    in_channels = params.integer("cin", "C_in", 3, 1, 8, container=columns[0])
    out_channels = params.integer("cout", "C_out", 4, 1, 16, container=columns[1])
    kernel_size = params.integer("k", "Kernel size k", 3, 1, 5, container=columns[2])
    multiplier = params.integer("m", "Depth multiplier", 1, 1, 3, container=columns[3])
    size = params.integer("n", "Input size", 5, 3, 8, container=columns[4])
    seed = params.integer("seed", "Seed", 0, 0, 99, container=columns[5])
    shared = divisors(math.gcd(in_channels, out_channels))
    groups = params.choice(
        "g",
        "Groups (must divide C_in and C_out): 1 = standard, C_in = depthwise",
        [str(g) for g in shared],
        "1",
    )
    return SeparableSpec(
        in_channels, out_channels, kernel_size, multiplier, int(groups), size, seed
    )


@dataclass(frozen=True)
class LightweightSpec:
    length: int
    channels: int
    num_heads: int
    kernel_size: int
    causal: bool
    drop_rate: float
    seed: int

    @property
    def padding(self) -> str:
        return "causal" if self.causal else "same"


def lightweight_controls(params: PageParams) -> LightweightSpec:
    top, bottom = params.columns([2, 2, 3, 2]), params.columns([1, 2, 2])
    length = params.integer("n", "Sequence length", 12, 4, 24, container=top[0])
    channels = int(params.choice("c", "Channels d", ("4", "8", "16"), "8", container=top[1]))
    heads = params.choice(
        "h",
        "Heads H",
        [str(h) for h in divisors(channels)],
        "2",
        container=top[2],
        help="Each head's kernel is shared by a contiguous block of d/H channels.",
    )
    kernel_size = params.integer("k", "Kernel width k", 3, 1, 7, container=top[3])
    causal = params.toggle("causal", "Causal", False, container=bottom[0])
    drop = params.integer(
        "drop",
        "DropConnect %",
        0,
        0,
        50,
        container=bottom[1],
        help="Training-time dropout on the normalised weights (seeded).",
    )
    seed = params.integer(
        "seed",
        "Seed",
        0,
        0,
        99,
        container=bottom[2],
        help="Seeds the example weights and the "
        "DropConnect mask (an explicit generator, no global state).",
    )
    return LightweightSpec(length, channels, int(heads), kernel_size, causal, drop / 100, seed)
