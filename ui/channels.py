"""A page's layer with channels and a bias (Standard, Conv1d): the controls, the arrays drawn
from the page's own input and kernel, and the layer's counts in words."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import streamlit as st

import conv_engine as ce
from i18n import t

from .params import PageParams

MAX_CHANNELS = 4  # C_in and C_out: a volume a class can still read on one screen
LAYER_BIASES = (0.5, -1.0, 1.5, -0.5)  # output channel o's bias, when the layer has one
# a 2-D layer's largest input side and padded side, and its largest kernel: channels
# multiply every map and every step, and within these the largest scene stays under the
# README's 30 kB per rerun (benchmarks/scene_size.py)
LAYER_LIMITS = (8, 14)
MAX_LAYER_KERNEL = 5


def shows_layer(params: PageParams) -> bool:
    """Whether the page's channel controls (drawn later) make it a layer: more than one
    channel in or out, or a bias."""
    in_channels = params.bounded_integer("cin", 1, 1, MAX_CHANNELS)
    out_channels = params.bounded_integer("cout", 1, 1, MAX_CHANNELS)
    return in_channels > 1 or out_channels > 1 or params.switched_on("bias", False)


def channel_controls(params: PageParams) -> tuple[int, int, bool]:
    """C_in and C_out (1–4) side by side, then the bias switch."""
    counts = (
        (
            "cin",
            t("Input channels C_in"),
            t("Maps in the input volume: each kernel has one slice per input channel."),
        ),
        (
            "cout",
            t("Output channels C_out"),
            t("Kernels in the layer: each one writes one output map."),
        ),
    )
    in_channels, out_channels = (
        params.integer(key, label, 1, 1, MAX_CHANNELS, container=column, help=help_text)
        for (key, label, help_text), column in zip(counts, st.columns(2), strict=True)
    )
    bias = params.toggle(
        "bias",
        t("Bias"),
        False,
        help=t("One number per output channel, added to every cell of its map."),
    )
    return in_channels, out_channels, bias


def turned(kernel: np.ndarray, turns: int) -> np.ndarray:
    """A kernel turned by ``turns`` quarter turns (2-D); a 1-D kernel is reversed on odd
    turns and negated on the second half turn, so kernels differ as 2-D ones do."""
    if kernel.ndim == 2:
        return np.rot90(kernel, turns)
    reversed_ = kernel[::-1] if turns % 2 else kernel
    return -reversed_ if turns % 4 >= 2 else reversed_


def layer_arrays(
    first_input: np.ndarray,
    other_input: Callable[[int], np.ndarray],
    kernel: np.ndarray,
    in_channels: int,
    out_channels: int,
    bias: bool,
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """The layer's input ``(C_in, *spatial)``, weight ``(C_out, C_in, *k)`` and bias.

    Channel 0 is the page's own input and slice ``(0, 0)`` its own kernel, so one channel
    is the one-map page; input channel ``c`` is ``other_input(c)`` (the same preset with
    another seed); slice ``(o, c)`` is the kernel :func:`turned` ``o + c`` times (a Sobel
    kernel then finds vertical, then horizontal edges); the biases are
    :data:`LAYER_BIASES`.
    """
    inputs = [first_input] + [other_input(c) for c in range(1, in_channels)]
    weight = [[turned(kernel, o + c) for c in range(in_channels)] for o in range(out_channels)]
    biases = np.array(LAYER_BIASES[:out_channels]) if bias else None
    return np.array(inputs), np.array(weight), biases


def layer_counts(layer: ce.LayerTrace) -> str:
    """The layer's parameters and multiply-adds, each with its formula in the page's numbers."""
    kernel = layer.geometry.kernel_size
    c_in, c_out = layer.in_channels, layer.out_channels
    product = "·".join(str(n) for n in (c_out, c_in, *kernel))
    if layer.has_bias:
        counted = t(
            "**Parameters** {product} + {biases} = {count:,}",
            product=product,
            biases=c_out,
            count=ce.conv_parameters(c_in, c_out, kernel),
        )
    else:
        count = ce.conv_parameters(c_in, c_out, kernel, bias=False)
        counted = t("**Parameters** {product} = {count:,}", product=product, count=count)
    per_output = ce.conv_parameters(c_in, 1, kernel, bias=False)
    total = ce.conv_multiply_adds(c_in, c_out, kernel, layer.positions)
    return (
        counted
        + " · "
        + t(
            "**multiply-adds** {per_output} per output, {total:,} in all",
            per_output=per_output,
            total=total,
        )
    )
