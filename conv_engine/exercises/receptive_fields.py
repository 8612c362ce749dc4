"""Questions on the Dilated, Receptive-field and Causal pages: reach, jumps, the future."""

from __future__ import annotations

import numpy as np

from ..causal import future_leaks
from ..receptive import Layer, receptive_field
from ..sizes import (
    resolve_padding,
)
from ..text import Text
from .question import Drawable, Question, Setting, draws


def future(rng: np.random.Generator, drawable: Drawable) -> Question:
    for _ in draws("causal"):
        n, k, d = int(rng.integers(6, 11)), int(rng.choice((2, 3))), int(rng.choice((1, 2)))
        setting = Setting(1, n, k, 1, d, "same")
        if drawable("causal", setting):
            break
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
    for _ in draws("causal"):
        k, d = int(rng.choice((2, 3, 4, 5))), int(rng.choice((1, 2, 3, 4)))
        layer = Layer(k, 1, d, "causal")
        if drawable("causal", layer):
            break
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
    for _ in draws("causal"):
        top = int(rng.choice((2, 3, 4, 5)))
        blocks = int(rng.choice((1, 2)))
        dilations = [2**i for i in range(top + 1)] * blocks
        layers = tuple(Layer(2, dilation=d, padding="causal") for d in dilations)
        if drawable("causal", layers):
            break
    rows = receptive_field(layers)
    size = rows[-1].size
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
    for _ in draws("dilated"):
        k, d = int(rng.choice((2, 3, 4, 5))), int(rng.choice((2, 3, 4)))
        layer = Layer(k, dilation=d)
        if drawable("dilated", layer):
            break
    k_eff = layer.kernel_extent
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
    for _ in draws("dilated"):
        k = int(rng.choice((2, 3)))
        chosen = rates[int(rng.integers(len(rates)))]
        layers = tuple(Layer(k, dilation=d) for d in chosen)
        if drawable("dilated", layers):
            break
    rows = receptive_field(layers)
    size = rows[-1].size
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
    for _ in draws("receptive-field"):
        layers = tuple(
            Layer(int(rng.choice((2, 3, 5))), stride=int(rng.choice((1, 1, 2)))) for _ in range(3)
        )
        if drawable("receptive-field", layers):
            return layers


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
