"""Questions on the Dilated, Receptive-field and Causal pages: reach, jumps, the future."""

from __future__ import annotations

import numpy as np

from ..causal import future_leaks
from ..receptive import Layer, receptive_field
from ..sizes import (
    effective_kernel_size,
    resolve_padding,
)
from ..text import Text
from .question import (
    Question,
    Setting,
)


def future(rng: np.random.Generator) -> Question:
    n, k, d = int(rng.integers(6, 11)), int(rng.choice((2, 3))), int(rng.choice((1, 2)))
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
        "causal",
        {"n": str(n), "k": str(k), "d": str(d), "s": "1", "leak": "1"},
        Setting(1, n, k, 1, d, "same"),
        choices=tuple(range(n)),
    )


def causal_padding(rng: np.random.Generator) -> Question:
    while True:  # settings the Causal page can draw (at most 32 padded steps)
        k, d = int(rng.choice((2, 3, 4, 5))), int(rng.choice((1, 2, 3, 4)))
        if d * (k - 1) <= 20:
            break
    before, after = resolve_padding(32, k, 1, d, "causal")
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
        "causal",
        {"n": "12", "k": str(k), "d": str(d), "s": "1"},
    )


def wavenet(rng: np.random.Generator) -> Question:
    top = int(rng.choice((2, 3, 4, 5)))
    blocks = int(rng.choice((1, 2)))
    dilations = [2**i for i in range(top + 1)] * blocks
    rows = receptive_field([Layer(2, dilation=d, padding="causal") for d in dilations])
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
        "causal",
        {"wk": "2", "dmax": str(2**top), "blocks": str(blocks)},
    )


def effective_kernel(rng: np.random.Generator) -> Question:
    while True:  # a window the Dilated page can draw on its largest input (12 × 12)
        k, d = int(rng.choice((2, 3, 4, 5))), int(rng.choice((2, 3, 4)))
        k_eff = effective_kernel_size(k, d)
        if k_eff <= 12:
            break
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
        "dilated",
        {"h": "12", "w": "12", "p": "valid", "k": str(k), "d": str(d)},
    )


def dilated_stack(rng: np.random.Generator) -> Question:
    k = int(rng.choice((2, 3)))
    rates = [tuple(r) for r in ((1, 2, 4), (1, 2, 3), (1, 1, 1), (2, 2, 2), (1, 2, 5), (1, 3, 9))]
    chosen = rates[int(rng.integers(len(rates)))]
    rows = receptive_field([Layer(k, dilation=d) for d in chosen])
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
        "dilated",
        {"sk": str(k), "rates": "custom", "custom": ", ".join(map(str, chosen))},
    )


def stack_layers(rng: np.random.Generator) -> list[Layer]:
    return [Layer(int(rng.choice((2, 3, 5))), stride=int(rng.choice((1, 1, 2)))) for _ in range(3)]


def stack_text(layers: list[Layer]) -> str:
    return ", ".join(f"(k={layer.kernel_size}, s={layer.stride})" for layer in layers)


def stack_query(layers: list[Layer]) -> dict[str, str]:
    encoded = ";".join(f"conv:{layer.kernel_size}:{layer.stride}:1:0" for layer in layers)
    return {"preset": "custom", "layers": encoded}


def stack_field(rng: np.random.Generator) -> Question:
    layers = stack_layers(rng)
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
        "receptive-field",
        stack_query(layers),
    )


def stack_jump(rng: np.random.Generator) -> Question:
    layers = stack_layers(rng)
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
        "receptive-field",
        stack_query(layers),
    )
