"""Questions on the Separable and Lightweight pages: how many weights."""

from __future__ import annotations

import numpy as np

from ..counts import conv_parameters, lightweight_parameters, separable_parameters
from ..text import Text
from .question import Channels, Drawable, Question, pick


def standard_vs_separable(rng: np.random.Generator, drawable: Drawable) -> Question:
    c_in, c_out, k = pick(rng, (3, 8, 16, 32), (16, 32, 64), (3, 5))
    separable = separable_parameters(c_in, c_out, k)
    return Question(
        "separable",
        "separable_weights",
        Text(
            "A depthwise separable conv from {c_in} to {c_out} channels with {k}×{k} "
            "depthwise kernels, no biases: how many weights?",
            **{"c_in": c_in, "c_out": c_out, "k": k},
        ),
        "number",
        separable,
        Text(
            "Depthwise k·k·C_in + pointwise C_in·C_out = {taps}·{c_in} + {c_in}·{c_out} = "
            "{separable} (a standard conv has {standard}).",
            taps=k * k,
            c_in=c_in,
            c_out=c_out,
            separable=separable,
            standard=conv_parameters(c_in, c_out, (k, k), bias=False),
        ),
        Channels(c_in, c_out, k),
    )


def standard_weights(rng: np.random.Generator, drawable: Drawable) -> Question:
    c_in, c_out, k = pick(rng, (3, 8, 16), (16, 32, 64), (3, 5))
    count = conv_parameters(c_in, c_out, (k, k), bias=False)
    return Question(
        "separable",
        "weights",
        Text(
            "A standard conv from {c_in} to {c_out} channels with {k}×{k} kernels, no "
            "bias: how many weights?",
            **{"c_in": c_in, "c_out": c_out, "k": k},
        ),
        "number",
        count,
        Text(
            "C_out·C_in·k·k = {c_out}·{c_in}·{taps} = {count}.",
            c_out=c_out,
            c_in=c_in,
            taps=k * k,
            count=count,
        ),
        Channels(c_in, c_out, k),
    )


def lightweight_weights(rng: np.random.Generator, drawable: Drawable) -> Question:
    heads = int(rng.choice((4, 8, 16)))
    channels = heads * int(rng.choice((16, 32, 64)))
    k = int(rng.choice((3, 7, 15, 31)))
    count = lightweight_parameters(channels, k, heads)
    return Question(
        "lightweight",
        "lightweight_weights",
        Text(
            "A lightweight conv over {channels} channels with H = {heads} heads and "
            "kernel width {k}: how many kernel weights?",
            channels=channels,
            heads=heads,
            k=k,
        ),
        "number",
        count,
        Text(
            "Channels in a head share one softmax-normalised kernel: H·k = {heads}·{k} = "
            "{count}, whatever the model width d (a depthwise conv has d·k = {depthwise}).",
            heads=heads,
            k=k,
            count=count,
            depthwise=channels * k,
        ),
        Channels(channels, channels, k, ndim=1, groups=channels, heads=heads),
    )


def depthwise_weights(rng: np.random.Generator, drawable: Drawable) -> Question:
    channels, k = int(rng.choice((64, 256, 512, 1024))), int(rng.choice((3, 7, 15)))
    count = conv_parameters(channels, channels, k, groups=channels, bias=False)
    return Question(
        "lightweight",
        "weights",
        Text(
            "A depthwise 1-D conv over {channels} channels, kernel width {k}, no bias: "
            "how many weights?",
            channels=channels,
            k=k,
        ),
        "number",
        count,
        Text(
            "One kernel per channel: d·k = {channels}·{k} = {count}.",
            channels=channels,
            k=k,
            count=count,
        ),
        Channels(channels, channels, k, ndim=1, groups=channels),
    )
