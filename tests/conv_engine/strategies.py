"""Hypothesis strategies for random, always-valid convolution configurations."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from hypothesis import assume
from hypothesis import strategies as st

import conv_engine as ce
from conv_engine import Layer


@dataclass(frozen=True)
class Arrays:
    """A random layer's input, weight and bias, and its stride."""

    x: np.ndarray
    weight: np.ndarray
    bias: np.ndarray | None
    stride: tuple[int, ...]


@dataclass(frozen=True)
class ConvCase(Arrays):
    """A random conv: arrays plus settings in every padding form the engine accepts."""

    dilation: tuple[int, ...]
    groups: int
    padding: object  # the form passed to the engine
    pads: tuple[tuple[int, int], ...]  # the same padding, explicit, for the naive definition

    @property
    def ndim(self) -> int:
        return self.x.ndim - 2

    def engine_args(self) -> dict:
        squeeze = self.ndim == 1
        return {
            "stride": self.stride[0] if squeeze else self.stride,
            "dilation": self.dilation[0] if squeeze else self.dilation,
            "padding": self.padding,
            "groups": self.groups,
        }


def _explicit_pads(draw, ndim, sizes, kernels, strides, dilations):
    """Draw one padding form; return (engine form, explicit pairs)."""
    from tests.naive import tf_same_pads

    form = draw(
        st.sampled_from(
            ["int", "pairs", "valid", "same", "full", "axis"] + ["causal"] * (ndim == 1)
        )
    )
    extents = [d * (k - 1) + 1 for k, d in zip(kernels, dilations, strict=True)]
    if form == "valid":
        return "valid", ((0, 0),) * ndim
    if form == "same":
        return draw(st.sampled_from(["same", "SAME"])), tuple(
            tf_same_pads(n, k, s, d)
            for n, k, s, d in zip(sizes, kernels, strides, dilations, strict=True)
        )
    if form == "full":
        return "full", tuple((e - 1, e - 1) for e in extents)
    if form == "causal":
        return "causal", ((extents[0] - 1, 0),)
    if form == "int":
        p = draw(st.integers(0, 3))
        return p, ((p, p),) * ndim
    if form == "axis" and ndim == 2:
        p = tuple(draw(st.integers(0, 3)) for _ in range(ndim))
        return p, tuple((v, v) for v in p)
    pairs = tuple((draw(st.integers(0, 3)), draw(st.integers(0, 3))) for _ in range(ndim))
    return (pairs[0] if ndim == 1 else pairs), pairs


@st.composite
def conv_cases(draw, ndim=None, max_size=9):
    ndim = ndim or draw(st.sampled_from([1, 2]))
    groups = draw(st.integers(1, 3))
    in_channels = groups * draw(st.integers(1, 2))
    out_channels = groups * draw(st.integers(1, 2))
    kernels = tuple(draw(st.integers(1, 4)) for _ in range(ndim))
    strides = tuple(draw(st.integers(1, 3)) for _ in range(ndim))
    dilations = tuple(draw(st.integers(1, 3)) for _ in range(ndim))
    sizes = tuple(draw(st.integers(1, max_size)) for _ in range(ndim))
    padding, pads = _explicit_pads(draw, ndim, sizes, kernels, strides, dilations)
    for n, (b, a), k, d in zip(sizes, pads, kernels, dilations, strict=True):
        assume(n + b + a >= d * (k - 1) + 1)
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    batch = draw(st.integers(1, 2))
    x = rng.normal(size=(batch, in_channels, *sizes))
    weight = rng.normal(size=(out_channels, in_channels // groups, *kernels))
    bias = rng.normal(size=out_channels) if draw(st.booleans()) else None
    return ConvCase(x, weight, bias, strides, dilations, groups, padding, pads)


@dataclass(frozen=True)
class TransposeCase(Arrays):
    """A random transposed conv: arrays plus its settings."""

    padding: tuple[int, ...]
    output_padding: tuple[int, ...]
    dilation: tuple[int, ...]
    groups: int

    @property
    def ndim(self) -> int:
        return self.x.ndim - 2

    def engine_args(self) -> dict:
        pick = (lambda v: v[0]) if self.ndim == 1 else (lambda v: v)
        return {
            "stride": pick(self.stride),
            "padding": pick(self.padding),
            "output_padding": pick(self.output_padding),
            "dilation": pick(self.dilation),
            "groups": self.groups,
        }


@st.composite
def transpose_cases(draw, ndim=None, max_size=6):
    ndim = ndim or draw(st.sampled_from([1, 2]))
    groups = draw(st.integers(1, 2))
    in_channels = groups * draw(st.integers(1, 2))
    group_out = draw(st.integers(1, 2))
    kernels = tuple(draw(st.integers(1, 4)) for _ in range(ndim))
    strides = tuple(draw(st.integers(1, 3)) for _ in range(ndim))
    dilations = tuple(draw(st.integers(1, 3)) for _ in range(ndim))
    sizes = tuple(draw(st.integers(1, max_size)) for _ in range(ndim))
    paddings = tuple(draw(st.integers(0, 3)) for _ in range(ndim))
    output_paddings = tuple(
        draw(st.integers(0, max(s, d) - 1)) for s, d in zip(strides, dilations, strict=True)
    )
    for i, k, s, p, op, d in zip(
        sizes, kernels, strides, paddings, output_paddings, dilations, strict=True
    ):
        assume((i - 1) * s - 2 * p + d * (k - 1) + op + 1 >= 1)
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    x = rng.normal(size=(draw(st.integers(1, 2)), in_channels, *sizes))
    weight = rng.normal(size=(in_channels, group_out, *kernels))
    bias = rng.normal(size=group_out * groups) if draw(st.booleans()) else None
    return TransposeCase(x, weight, bias, strides, paddings, output_paddings, dilations, groups)


def layers(max_stride: int) -> st.SearchStrategy:
    """One conv layer of a stack: k 1–4, stride up to ``max_stride``, dilation 1–3, and an
    int or (before, after) padding of 0–2."""
    return st.builds(
        Layer,
        kernel_size=st.integers(1, 4),
        stride=st.integers(1, max_stride),
        dilation=st.integers(1, 3),
        padding=st.one_of(st.integers(0, 2), st.tuples(st.integers(0, 2), st.integers(0, 2))),
    )


@st.composite
def stack_and_output(draw) -> tuple:
    """A stack of 1–4 layers (stride ≤ 2) that fits an input of 6–30 cells: the stack, the
    length, the engine's rows and one output position of the last layer."""
    stack = draw(st.lists(layers(2), min_size=1, max_size=4))
    length = draw(st.integers(6, 30))
    try:
        rows = ce.receptive_field(stack, length)
    except ce.ConvConfigError:
        assume(False)
    return stack, length, rows, draw(st.integers(0, rows[-1].output_size - 1))
