"""Questions on the Dilated, Receptive-field and Causal pages: reach, jumps, the future."""

from __future__ import annotations

import numpy as np

from ..causal import future_leaks
from ..receptive import Layer, receptive_field
from ..sizes import (
    resolve_padding,
)
from ..text import Text
from .question import Drawable, Question, Setting, drawn


def future(rng: np.random.Generator, drawable: Drawable) -> Question:
    setting = drawn(
        "causal",
        drawable,
        lambda: Setting(
            1, int(rng.integers(6, 11)), int(rng.choice((2, 3))), 1, int(rng.choice((1, 2))), "same"
        ),
    )
    n, k, d = setting.size, setting.kernel_size, setting.dilation
    leaks = future_leaks(n, k, 1, "same", d)
    answer = frozenset(int(i) for i in np.flatnonzero(leaks))
    return Question(
        "causal",
        "future",
        Text(
            "A sequence of {n} steps and a kernel of size {k}, dilation {d}, with "
            "centred padding='same' (not causal). Which outputs read an input from their "
            "future?",
            n=n,
            k=k,
            d=d,
        ),
        "cells",
        answer,
        Text(
            "'same' puts {pads} zeros (before, after): output t reads up to x[t + after] "
            "and leaks while that is still a real input: {leaking}.",
            pads=resolve_padding(n, k, 1, d, "same"),
            leaking=", ".join(str(i) for i in sorted(answer)) or Text("none"),
        ),
        setting,
        choices=tuple(range(n)),
    )


def causal_padding(rng: np.random.Generator, drawable: Drawable) -> Question:
    layer = drawn(
        "causal",
        drawable,
        lambda: Layer(int(rng.choice((2, 3, 4, 5))), 1, int(rng.choice((1, 2, 3, 4))), "causal"),
    )
    k, d = layer.kernel_size, layer.dilation
    before, after = layer.resolved_padding(None)
    return Question(
        "causal",
        "causal_padding",
        Text(
            "A causal conv with kernel size {k} and dilation {d}, stride 1: how many "
            "zeros go on the left so that the output is as long as the input and never "
            "sees the future?",
            k=k,
            d=d,
        ),
        "number",
        before,
        Text(
            "The window spans d·(k − 1) + 1 = {span} steps ending at t, so the padding is "
            "{before} on the left and {after} on the right.",
            span=before + 1,
            before=before,
            after=after,
        ),
        layer,
    )


def wavenet(rng: np.random.Generator, drawable: Drawable) -> Question:

    def draw() -> tuple[Layer, ...]:
        top, blocks = int(rng.choice((2, 3, 4, 5))), int(rng.choice((1, 2)))
        return tuple(Layer(2, 1, 2**i, "causal") for i in range(top + 1)) * blocks

    layers = drawn("causal", drawable, draw)
    dilations = [layer.dilation for layer in layers]
    size = receptive_field(layers)[-1].size
    return Question(
        "causal",
        "receptive_field",
        Text(
            "A WaveNet stack of causal convs with k = 2 and dilations {dilations}. How "
            "many input steps does its last output see?",
            dilations=dilations,
        ),
        "number",
        size,
        Text(
            "Each layer adds d·(k − 1) = d: 1 + {sum} = {size}.",
            sum=" + ".join(map(str, dilations)),
            size=size,
        ),
        layers,
    )


def effective_kernel(rng: np.random.Generator, drawable: Drawable) -> Question:
    layer = drawn(
        "dilated",
        drawable,
        lambda: Layer(int(rng.choice((2, 3, 4, 5))), dilation=int(rng.choice((2, 3, 4)))),
    )
    k, d, k_eff = layer.kernel_size, layer.dilation, layer.kernel_extent
    return Question(
        "dilated",
        "effective_kernel",
        Text(
            "A {k}×{k} kernel with dilation rate {d}: how many input cells wide is its window?",
            k=k,
            d=d,
        ),
        "number",
        k_eff,
        Text(
            "k_eff = k + (k − 1)(d − 1) = {k} + {k_minus_1}·{d_minus_1} = {k_eff}.",
            k=k,
            k_minus_1=k - 1,
            d_minus_1=d - 1,
            k_eff=k_eff,
        ),
        layer,
    )


def dilated_stack(rng: np.random.Generator, drawable: Drawable) -> Question:
    rates = ((1, 2, 4), (1, 2, 3), (1, 1, 1), (2, 2, 2), (1, 2, 5), (1, 3, 9))

    def draw() -> tuple[Layer, ...]:
        k = int(rng.choice((2, 3)))
        return tuple(Layer(k, dilation=d) for d in rates[int(rng.integers(len(rates)))])

    layers = drawn("dilated", drawable, draw)
    k, chosen = layers[0].kernel_size, [layer.dilation for layer in layers]
    size = receptive_field(layers)[-1].size
    return Question(
        "dilated",
        "receptive_field",
        Text(
            "Three stacked {k}×{k} convs, stride 1, with dilation rates {rates}. How wide "
            "is the receptive field of one output (in input cells)?",
            k=k,
            rates=list(chosen),
        ),
        "number",
        size,
        Text(
            "Each layer adds d·(k − 1): 1 + {sum} = {size}.",
            sum=" + ".join(f"{d}·{k - 1}" for d in chosen),
            size=size,
        ),
        layers,
    )


def stack_layers(rng: np.random.Generator, drawable: Drawable) -> tuple[Layer, ...]:
    """Three conv layers of kernel 2, 3 or 5 and stride 1 or 2 (twice as often 1)."""
    return drawn(
        "receptive-field",
        drawable,
        lambda: tuple(
            Layer(int(rng.choice((2, 3, 5))), stride=int(rng.choice((1, 1, 2)))) for _ in range(3)
        ),
    )


def stack_text(layers: tuple[Layer, ...]) -> str:
    return ", ".join(f"(k={layer.kernel_size}, s={layer.stride})" for layer in layers)


def stack_field(rng: np.random.Generator, drawable: Drawable) -> Question:
    layers = stack_layers(rng, drawable)
    rows = receptive_field(layers)
    jumps = [1, *(row.jump for row in rows[:-1])]
    size = rows[-1].size
    terms = " + ".join(
        f"({layer.kernel_size} − 1)·{j}" for layer, j in zip(layers, jumps, strict=True)
    )
    return Question(
        "receptive-field",
        "receptive_field",
        Text(
            "Three conv layers, input side first: {layers}. How many input cells wide is the "
            "receptive field of one output of the last layer?",
            layers=stack_text(layers),
        ),
        "number",
        size,
        Text(
            "r = 1 + Σ (k − 1)·(product of the strides below) = 1 + {terms} = {size}.",
            terms=terms,
            size=size,
        ),
        layers,
    )


def stack_jump(rng: np.random.Generator, drawable: Drawable) -> Question:
    layers = stack_layers(rng, drawable)
    jump = receptive_field(layers)[-1].jump
    return Question(
        "receptive-field",
        "jump",
        Text(
            "Three conv layers, input side first: {layers}. Two neighbouring outputs of the "
            "last layer: how many input cells apart are their receptive fields?",
            layers=stack_text(layers),
        ),
        "number",
        jump,
        Text(
            "The jump is the product of the strides: {strides} = {jump}.",
            strides=" · ".join(str(layer.stride) for layer in layers),
            jump=jump,
        ),
        layers,
    )
