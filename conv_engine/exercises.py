"""Exercises: predict, then reveal. Question sets drawn from a seed, answered by the engine.

A set is ``(topic, count, seed)``: the same three give the same questions on every machine
(NumPy's PCG64 generator, one stream per question), so a link reproduces a set. Every
answer is computed by the engine's own functions (sizes, traces, receptive fields, counts)
at the question's setting, never written by hand; :func:`check` compares a response with it.

A question that is about one convolution carries it as a :class:`Setting`, so a page can
show the animation at that setting and step as the reveal.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from .causal import future_leaks
from .counts import conv_parameters, lightweight_parameters, separable_parameters
from .errors import ConvConfigError, check_int
from .receptive import Layer, receptive_field
from .sizes import (
    conv_output_size,
    conv_transpose_output_size,
    effective_kernel_size,
    resolve_padding,
)
from .text import Text
from .trace import INPUT, conv_trace

MAX_QUESTIONS = 12
MAX_SEED = 10**6
ATTEMPTS = 20
MAX_TRANSPOSED = 16  # the Transposed page's largest full output


@dataclass(frozen=True)
class Setting:
    """One convolution a question is about, as a page's link would set it.

    ``ndim`` 1 or 2 (square inputs of side ``size``); ``padding`` a mode or an int; a
    transposed conv has ``transposed`` and ``output_padding``. ``step`` is the animation
    step the reveal opens at (the output the question asks about).
    """

    ndim: int
    size: int
    kernel_size: int
    stride: int = 1
    dilation: int = 1
    padding: str | int = 0
    transposed: bool = False
    output_padding: int = 0
    step: int = 0


@dataclass(frozen=True)
class Question:
    """One question and its engine-computed answer.

    ``kind``: ``"number"`` (a whole number), ``"cells"`` (a set of positions of a 1-D
    input, offered as ``choices``) or ``"grid"`` (a set of ``(row, col)`` cells of an
    input ``grid`` × ``grid``). ``explanation`` is the rule with this question's numbers.
    ``page`` and ``query`` open the page the topic is taught on, at this setting.
    """

    topic: str
    skill: str  # what it practises: "output_size", "reads", "weights", "future", …
    prompt: Text
    kind: str
    answer: int | frozenset
    explanation: Text
    page: str
    query: dict[str, str] = field(default_factory=dict)
    setting: Setting | None = None
    choices: tuple[int, ...] = ()
    grid: int = 0


# ---------------------------------------------------------------- helpers


def _pick(rng: np.random.Generator, *options: Sequence[int]) -> tuple[int, ...]:
    """One value from each of ``options``."""
    return tuple(int(rng.choice(choices)) for choices in options)


def _pad_text(padding: str | int) -> str:
    return f"padding='{padding}'" if isinstance(padding, str) else f"padding={padding}"


def _read_cells(setting: Setting, output: tuple[int, ...]) -> frozenset:
    """The real input cells (no padding) the conv's output ``output`` reads, by its trace."""
    shape = (setting.size,) * setting.ndim
    trace = conv_trace(
        np.ones(shape),
        np.ones((setting.kernel_size,) * setting.ndim),
        setting.stride,
        setting.padding,
        setting.dilation,
        ndim=setting.ndim,
    )
    step = int(np.ravel_multi_index(output, trace.output.shape))
    origin = np.array(trace.input_origin)
    cells = set()
    for cell in trace.windows[step]:
        if trace.cell_kind[tuple(cell)] == INPUT:
            position = tuple(int(v) for v in np.asarray(cell) - origin)
            cells.add(position[0] if setting.ndim == 1 else position)
    return frozenset(cells)


def _fitting(
    rng: np.random.Generator,
    sizes: Sequence[int],
    kernels: Sequence[int],
    strides: Sequence[int],
    dilations: Sequence[int],
    paddings: Sequence[str | int],
) -> tuple[int, int, int, int, str | int, int]:
    """A random conv setting whose kernel fits its padded input, and its output length."""
    while True:
        n, k, s, d = (int(rng.choice(v)) for v in (sizes, kernels, strides, dilations))
        padding = paddings[int(rng.integers(len(paddings)))]
        try:
            return n, k, s, d, padding, conv_output_size(n, k, s, padding, d)
        except ConvConfigError:
            continue


def _page_padding(padding: str | int) -> dict[str, str]:
    if isinstance(padding, str):
        return {"p": padding}
    return {"p": "explicit", **{key: str(padding) for key in ("pt", "pb", "pl", "pr")}}


# ---------------------------------------------------------------- question makers


def _output_size_2d(rng: np.random.Generator) -> Question:
    n, k, s, d, padding, out = _fitting(
        rng, range(5, 13), range(1, 6), range(1, 4), (1, 1, 2), ("valid", "same", "full", 1)
    )
    before, after = resolve_padding(n, k, s, d, padding)
    k_eff = effective_kernel_size(k, d)
    return Question(
        "standard",
        "output_size",
        Text(
            "A {n}×{n} input, a {k}×{k} kernel, stride {s}, dilation {d}, {v4}. How many "
            "cells does the output have along each side?",
            n=n,
            k=k,
            s=s,
            d=d,
            v4=_pad_text(padding),
        ),
        "number",
        out,
        Text(
            "k_eff = k + (k − 1)(d − 1) = {k_eff}; the padding adds {before} + {after}; "
            "⌊({n} + {before} + {after} − {k_eff}) / {s}⌋ + 1 = {out}.",
            k_eff=k_eff,
            before=before,
            after=after,
            n=n,
            s=s,
            out=out,
        ),
        "standard",
        {"h": str(n), "w": str(n), "k": str(k), "s": str(s), "d": str(d), **_page_padding(padding)},
        Setting(2, n, k, s, d, padding),
    )


def _reads_2d(rng: np.random.Generator) -> Question:
    n, k, s, d, padding, out = _fitting(
        rng, range(5, 8), (2, 3), (1, 2), (1, 1, 2), ("valid", "same", 1)
    )
    row, col = (int(v) for v in rng.integers(out, size=2))
    setting = Setting(2, n, k, s, d, padding, step=row * out + col)
    cells = _read_cells(setting, (row, col))
    before, _ = resolve_padding(n, k, s, d, padding)
    return Question(
        "standard",
        "reads",
        Text(
            "A {n}×{n} input, a {k}×{k} kernel, stride {s}, dilation {d}, {v4}. Which "
            "input cells does y[{row}, {col}] read? Tick them (padding zeros do not "
            "count).",
            n=n,
            k=k,
            s=s,
            d=d,
            v4=_pad_text(padding),
            row=row,
            col=col,
        ),
        "grid",
        cells,
        Text(
            "Output row r reads input rows r·s + t·d − p_top for taps t = 0 … {v0} "
            "(p_top = {before}), and the same for columns: rows {v2}, columns {v3}.",
            v0=k - 1,
            before=before,
            v2=sorted({r for r, _ in cells}),
            v3=sorted({c for _, c in cells}),
        ),
        "standard",
        {
            "h": str(n),
            "w": str(n),
            "k": str(k),
            "s": str(s),
            "d": str(d),
            "step": str(setting.step),
            **_page_padding(padding),
        },
        setting,
        grid=n,
    )


def _same_padding(rng: np.random.Generator) -> Question:
    # the pairs whose padding the Standard page can set (at most 3 a side)
    pairs = ((3, 1), (3, 2), (3, 3), (5, 1), (7, 1))
    k, d = pairs[int(rng.integers(len(pairs)))]
    n = int(rng.integers(6, 13))
    pad = d * (k - 1) // 2
    assert conv_output_size(n, k, 1, pad, d) == n  # the engine agrees: the size is kept
    return Question(
        "standard",
        "same_padding",
        Text(
            "A {n}×{n} input, a {k}×{k} kernel with dilation {d}, stride 1. How many zeros on "
            "each side keep the output {n}×{n}?",
            n=n,
            k=k,
            d=d,
        ),
        "number",
        pad,
        Text(
            "The output is n + 2p − k_eff + 1, so 2p = k_eff − 1 = d·(k − 1) = {v0}: p = {pad}.",
            v0=2 * pad,
            pad=pad,
        ),
        "standard",
        {"h": str(n), "w": str(n), "k": str(k), "s": "1", "d": str(d), **_page_padding(pad)},
        Setting(2, n, k, 1, d, pad),
    )


def _weights_2d(rng: np.random.Generator) -> Question:
    c_in, c_out, k = _pick(rng, (1, 3, 8, 16), (4, 8, 16, 32), (1, 3, 5))
    count = conv_parameters(c_in, c_out, (k, k))
    return Question(
        "standard",
        "weights",
        Text(
            "nn.Conv2d({c_in}, {c_out}, kernel_size={k}) with its bias: how many parameters?",
            c_in=c_in,
            c_out=c_out,
            k=k,
        ),
        "number",
        count,
        Text(
            "C_out·C_in·k·k + C_out = {c_out}·{c_in}·{k}·{k} + {c_out} = {count}.",
            c_out=c_out,
            c_in=c_in,
            k=k,
            count=count,
        ),
        "standard",
    )


def _output_size_1d(rng: np.random.Generator) -> Question:
    n, k, s, d, padding, out = _fitting(
        rng, range(8, 25), range(1, 6), range(1, 4), (1, 2, 3), ("valid", "same", "causal", 2)
    )
    before, after = resolve_padding(n, k, s, d, padding)
    return Question(
        "conv1d",
        "output_size",
        Text(
            "A sequence of {n} steps, kernel size {k}, stride {s}, dilation {d}, {v4}. "
            "How long is the output?",
            n=n,
            k=k,
            s=s,
            d=d,
            v4=_pad_text(padding),
        ),
        "number",
        out,
        Text(
            "k_eff = {v0}; zeros {before} before and {after} after; ⌊({n} + {v4} − {v5}) "
            "/ {s}⌋ + 1 = {out}.",
            v0=effective_kernel_size(k, d),
            before=before,
            after=after,
            n=n,
            v4=before + after,
            v5=effective_kernel_size(k, d),
            s=s,
            out=out,
        ),
        "conv1d",
        {"n": str(n), "k": str(k), "s": str(s), "d": str(d), **_page_padding_1d(padding)},
        Setting(1, n, k, s, d, padding),
    )


def _page_padding_1d(padding: str | int) -> dict[str, str]:
    if isinstance(padding, str):
        return {"p": padding}
    return {"p": "explicit", "pl": str(padding), "pr": str(padding)}


def _reads_1d(rng: np.random.Generator) -> Question:
    n, k, s, d, padding, out = _fitting(
        rng, range(8, 13), (2, 3, 4), (1, 2), (1, 2, 3), ("valid", "same", "causal")
    )
    t = int(rng.integers(out))
    setting = Setting(1, n, k, s, d, padding, step=t)
    cells = _read_cells(setting, (t,))
    before, _ = resolve_padding(n, k, s, d, padding)
    return Question(
        "conv1d",
        "reads",
        Text(
            "A sequence x[0 … {v0}], kernel size {k}, stride {s}, dilation {d}, {v4}. "
            "Which inputs does y[{t}] read (padding zeros do not count)?",
            v0=n - 1,
            k=k,
            s=s,
            d=d,
            v4=_pad_text(padding),
            t=t,
        ),
        "cells",
        cells,
        Text(
            "y[t] reads x[t·s + j·d − {before}] for taps j = 0 … {v1}: {v2}.",
            before=before,
            v1=k - 1,
            v2=", ".join(str(c) for c in sorted(cells)) or "only padding",
        ),
        "conv1d",
        {
            "n": str(n),
            "k": str(k),
            "s": str(s),
            "d": str(d),
            "step": str(t),
            **_page_padding_1d(padding),
        },
        setting,
        choices=tuple(range(n)),
    )


def _weights_1d(rng: np.random.Generator) -> Question:
    features, c_out, k = _pick(rng, (13, 40, 80), (64, 128, 256), (3, 5))
    count = conv_parameters(features, c_out, k)
    return Question(
        "conv1d",
        "weights",
        Text(
            "A Conv1d over {features} features per frame, {c_out} output channels, "
            "kernel size {k}, with bias: how many parameters?",
            features=features,
            c_out=c_out,
            k=k,
        ),
        "number",
        count,
        Text(
            "C_out·F·k + C_out = {c_out}·{features}·{k} + {c_out} = {count}.",
            c_out=c_out,
            features=features,
            k=k,
            count=count,
        ),
        "conv1d",
        {"co": str(c_out), "k": str(k)},
    )


def _future(rng: np.random.Generator) -> Question:
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
            "'same' puts {v0} zeros (before, after): output t reads up to x[t + after] "
            "and leaks while that is still a real input: {v1}.",
            v0=resolve_padding(n, k, 1, d, "same"),
            v1=", ".join(str(i) for i in sorted(answer)) or "none",
        ),
        "causal",
        {"n": str(n), "k": str(k), "d": str(d), "s": "1", "leak": "1"},
        Setting(1, n, k, 1, d, "same"),
        choices=tuple(range(n)),
    )


def _causal_padding(rng: np.random.Generator) -> Question:
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
            "The window spans d·(k − 1) + 1 = {v0} steps ending at t: {before} zeros on "
            "the left, {after} on the right.",
            v0=before + 1,
            before=before,
            after=after,
        ),
        "causal",
        {"n": "12", "k": str(k), "d": str(d), "s": "1"},
    )


def _wavenet(rng: np.random.Generator) -> Question:
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
            "Each layer adds d·(k − 1) = d: 1 + {v0} = {size}.",
            v0=" + ".join(map(str, dilations)),
            size=size,
        ),
        "causal",
        {"wk": "2", "dmax": str(2**top), "blocks": str(blocks)},
    )


def _effective_kernel(rng: np.random.Generator) -> Question:
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
            "k_eff = k + (k − 1)(d − 1) = {k} + {v1}·{v2} = {k_eff}.",
            k=k,
            v1=k - 1,
            v2=d - 1,
            k_eff=k_eff,
        ),
        "dilated",
        {"h": "12", "w": "12", "p": "valid", "k": str(k), "d": str(d)},
    )


def _dilated_stack(rng: np.random.Generator) -> Question:
    k = int(rng.choice((2, 3)))
    rates = [tuple(r) for r in ((1, 2, 4), (1, 2, 3), (1, 1, 1), (2, 2, 2), (1, 2, 5), (1, 3, 9))]
    chosen = rates[int(rng.integers(len(rates)))]
    rows = receptive_field([Layer(k, dilation=d) for d in chosen])
    size = rows[-1].size
    return Question(
        "dilated",
        "receptive_field",
        Text(
            "Three stacked {k}×{k} convs, stride 1, with dilation rates {v1}. How wide "
            "is the receptive field of one output (in input cells)?",
            k=k,
            v1=list(chosen),
        ),
        "number",
        size,
        Text(
            "Each layer adds d·(k − 1): 1 + {v0} = {size}.",
            v0=" + ".join(f"{d}·{k - 1}" for d in chosen),
            size=size,
        ),
        "dilated",
        {"sk": str(k), "rates": "custom", "custom": ", ".join(map(str, chosen))},
    )


def _transposed_size(rng: np.random.Generator) -> Question:
    while True:
        n, k, s = int(rng.integers(2, 8)), int(rng.integers(1, 5)), int(rng.integers(1, 4))
        d = int(rng.choice((1, 1, 2)))
        p = int(rng.integers(0, 2))
        op = int(rng.integers(0, max(s, d)))
        try:
            out = conv_transpose_output_size(n, k, s, p, op, d)
        except ConvConfigError:
            continue
        if _drawable_transposed(n, k, s, d, p, out):
            break
    return Question(
        "transposed",
        "output_size",
        Text(
            "nn.ConvTranspose2d with kernel_size={k}, stride={s}, padding={p}, "
            "output_padding={op}, dilation={d} on a {n}×{n} input: how many cells per "
            "side?",
            k=k,
            s=s,
            p=p,
            op=op,
            d=d,
            n=n,
        ),
        "number",
        out,
        Text(
            "(n − 1)·s − 2p + d·(k − 1) + output_padding + 1 = {v0}·{s} − {v2} + "
            "{d}·{v4} + {op} + 1 = {out}.",
            v0=n - 1,
            s=s,
            v2=2 * p,
            d=d,
            v4=k - 1,
            op=op,
            out=out,
        ),
        "transposed",
        {"n": str(n), "k": str(k), "s": str(s), "p": str(p), "op": str(op), "d": str(d)},
        Setting(2, n, k, s, d, p, transposed=True, output_padding=op),
    )


def _drawable_transposed(n: int, k: int, s: int, d: int, p: int, out: int) -> bool:
    """The Transposed page draws it: its full output fits 16 cells, the crop leaves some."""
    full = (n - 1) * s + effective_kernel_size(k, d)
    return full <= MAX_TRANSPOSED and out >= 1 and 2 * p < full


def _output_padding(rng: np.random.Generator) -> Question:
    while True:
        n, k, s = int(rng.integers(3, 8)), int(rng.choice((3, 4))), int(rng.choice((2, 3)))
        p = int(rng.integers(0, 2))
        op = int(rng.integers(0, s))
        target = conv_transpose_output_size(n, k, s, p, op)
        if _drawable_transposed(n, k, s, 1, p, target):
            break
    base = conv_transpose_output_size(n, k, s, p, 0)
    return Question(
        "transposed",
        "output_padding",
        Text(
            "A ConvTranspose2d with kernel_size={k}, stride={s}, padding={p} on a "
            "{n}×{n} input. Which output_padding makes the output {target}×{target}?",
            k=k,
            s=s,
            p=p,
            n=n,
            target=target,
        ),
        "number",
        op,
        Text(
            "With output_padding = 0 the output is {base}; output_padding adds cells at "
            "the end only: {target} − {base} = {op}.",
            base=base,
            target=target,
            op=op,
        ),
        "transposed",
        {"n": str(n), "k": str(k), "s": str(s), "p": str(p), "op": str(op)},
        Setting(2, n, k, s, 1, p, transposed=True, output_padding=op),
    )


def _standard_vs_separable(rng: np.random.Generator) -> Question:
    c_in, c_out, k = _pick(rng, (3, 8, 16, 32), (16, 32, 64), (3, 5))
    separable = separable_parameters(c_in, c_out, k)
    return Question(
        "separable",
        "separable_weights",
        Text(
            "A depthwise separable conv from {c_in} to {c_out} channels with {k}×{k} "
            "depthwise kernels, no biases: how many weights?",
            c_in=c_in,
            c_out=c_out,
            k=k,
        ),
        "number",
        separable,
        Text(
            "Depthwise k·k·C_in + pointwise C_in·C_out = {v0}·{c_in} + {c_in}·{c_out} = "
            "{separable} (a standard conv has {v4}).",
            v0=k * k,
            c_in=c_in,
            c_out=c_out,
            separable=separable,
            v4=conv_parameters(c_in, c_out, (k, k), bias=False),
        ),
        "separable",
        {"cin": str(min(c_in, 8)), "cout": str(min(c_out, 16)), "k": str(k)},
    )


def _standard_weights(rng: np.random.Generator) -> Question:
    c_in, c_out, k = _pick(rng, (3, 8, 16), (16, 32, 64), (3, 5))
    count = conv_parameters(c_in, c_out, (k, k), bias=False)
    return Question(
        "separable",
        "weights",
        Text(
            "A standard conv from {c_in} to {c_out} channels with {k}×{k} kernels, no "
            "bias: how many weights?",
            c_in=c_in,
            c_out=c_out,
            k=k,
        ),
        "number",
        count,
        Text(
            "C_out·C_in·k·k = {c_out}·{c_in}·{v2} = {count}.",
            c_out=c_out,
            c_in=c_in,
            v2=k * k,
            count=count,
        ),
        "separable",
        {"cin": str(min(c_in, 8)), "cout": str(min(c_out, 16)), "k": str(k)},
    )


def _lightweight_weights(rng: np.random.Generator) -> Question:
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
            "{count}, whatever the width (a depthwise conv has d·k = {v3}).",
            heads=heads,
            k=k,
            count=count,
            v3=channels * k,
        ),
        "lightweight",
        {"k": str(min(k, 7))},
    )


def _depthwise_weights(rng: np.random.Generator) -> Question:
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
        "lightweight",
        {"k": str(min(k, 7))},
    )


def _stack_layers(rng: np.random.Generator) -> list[Layer]:
    return [Layer(int(rng.choice((2, 3, 5))), stride=int(rng.choice((1, 1, 2)))) for _ in range(3)]


def _stack_text(layers: list[Layer]) -> str:
    return ", ".join(f"(k={layer.kernel_size}, s={layer.stride})" for layer in layers)


def _stack_query(layers: list[Layer]) -> dict[str, str]:
    encoded = ";".join(f"conv:{layer.kernel_size}:{layer.stride}:1:0" for layer in layers)
    return {"preset": "custom", "layers": encoded}


def _stack_field(rng: np.random.Generator) -> Question:
    layers = _stack_layers(rng)
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
            "Three conv layers, input side first: {v0}. How many input cells wide is the "
            "receptive field of one output of the last layer?",
            v0=_stack_text(layers),
        ),
        "number",
        size,
        Text(
            "r = 1 + Σ (k − 1)·(product of the strides below) = 1 + {terms} = {size}.",
            terms=terms,
            size=size,
        ),
        "receptive-field",
        _stack_query(layers),
    )


def _stack_jump(rng: np.random.Generator) -> Question:
    layers = _stack_layers(rng)
    jump = receptive_field(layers)[-1].jump
    return Question(
        "receptive-field",
        "jump",
        Text(
            "Three conv layers, input side first: {v0}. Two neighbouring outputs of the "
            "last layer: how many input cells apart are their receptive fields?",
            v0=_stack_text(layers),
        ),
        "number",
        jump,
        Text(
            "The jump is the product of the strides: {v0} = {jump}.",
            v0=" · ".join(str(layer.stride) for layer in layers),
            jump=jump,
        ),
        "receptive-field",
        _stack_query(layers),
    )


MAKERS: dict[str, tuple[Callable[[np.random.Generator], Question], ...]] = {
    "standard": (_output_size_2d, _reads_2d, _same_padding, _weights_2d),
    "conv1d": (_output_size_1d, _reads_1d, _weights_1d),
    "dilated": (_effective_kernel, _dilated_stack),
    "receptive-field": (_stack_field, _stack_jump),
    "transposed": (_transposed_size, _output_padding),
    "causal": (_future, _causal_padding, _wavenet),
    "separable": (_standard_vs_separable, _standard_weights),
    "lightweight": (_lightweight_weights, _depthwise_weights),
}
TOPICS = tuple(MAKERS)


def question_set(topic: str, count: int, seed: int) -> list[Question]:
    """``count`` questions on ``topic`` (or ``"all"``), the same for the same seed.

    The kinds of question take turns (in an order the seed shuffles), so a set of a few
    questions already covers its topic; each question has its own random stream.
    """
    count = check_int("count", count, 1)
    if count > MAX_QUESTIONS:
        raise ConvConfigError(
            "count must be at most {MAX_QUESTIONS}, got {count}",
            MAX_QUESTIONS=MAX_QUESTIONS,
            count=count,
        )
    seed = check_int("seed", seed, 0)
    if seed > MAX_SEED:
        raise ConvConfigError(
            "seed must be at most {MAX_SEED}, got {seed}", MAX_SEED=MAX_SEED, seed=seed
        )
    if topic == "all":
        makers = [maker for topic_makers in MAKERS.values() for maker in topic_makers]
    elif topic in MAKERS:
        makers = list(MAKERS[topic])
    else:
        raise ConvConfigError(
            "topic must be one of {v0} or 'all', got {topic!r}", v0=", ".join(TOPICS), topic=topic
        )
    streams = np.random.SeedSequence([seed, TOPICS.index(topic) + 1 if topic in MAKERS else 0])
    order_rng, *rngs = (np.random.default_rng(s) for s in streams.spawn(count + 1))
    order = [makers[i] for i in order_rng.permutation(len(makers))]
    questions: list[Question] = []
    for i in range(count):
        for _ in range(ATTEMPTS):  # a question already in the set is drawn again
            question = order[i % len(order)](rngs[i])
            if all(str(question.prompt) != str(other.prompt) for other in questions):
                break
        questions.append(question)
    return questions


def check(question: Question, response: object) -> bool:
    """Whether ``response`` is the answer: a whole number, or exactly the right cells."""
    if question.kind == "number":
        try:
            return int(response) == question.answer and float(response) == int(response)
        except (TypeError, ValueError, OverflowError):
            return False
    try:
        return frozenset(response) == question.answer
    except TypeError:
        return False
