"""Questions on the Standard, Conv1d and Transposed pages: sizes, windows, paddings, weights."""

from __future__ import annotations

import numpy as np

from ..counts import conv_multiply_adds, conv_parameters
from ..padding_modes import padding_sources
from ..sizes import (
    conv_output_size,
    conv_transpose_output_size,
    effective_kernel_size,
    resolve_padding,
)
from ..text import N_, Text
from .mistakes import (
    conv_size_mistakes,
    multiply_add_mistakes,
    transposed_size_mistakes,
    weight_mistakes,
)
from .question import (
    Channels,
    Drawable,
    Question,
    Setting,
    drawn,
    fitting,
    pad_text,
    pick,
    read_cells,
)

KERNELS, STRIDES = range(1, 6), range(1, 4)
# the settings each question draws from, per dimension: the topic, then input sizes,
# kernel sizes, strides, dilations and paddings (1-D sequences are longer, 2-D grids square)
SIZE_DRAWS = {
    2: ("standard", range(5, 13), KERNELS, STRIDES, (1, 1, 2), ("valid", "same", "full", 1)),
    1: ("conv1d", range(8, 25), KERNELS, STRIDES, (1, 2, 3), ("valid", "same", "causal", 2)),
}
READS_DRAWS = {
    2: ("standard", range(5, 8), (2, 3), (1, 2), (1, 1, 2), ("valid", "same", 1)),
    1: ("conv1d", range(8, 13), (2, 3, 4), (1, 2), (1, 2, 3), ("valid", "same", "causal")),
}


def output_size(rng: np.random.Generator, drawable: Drawable, ndim: int) -> Question:
    """How long is each side of the output of a conv (square 2-D input, or a sequence)."""
    topic, *options = SIZE_DRAWS[ndim]
    n, k, s, d, padding, out = fitting(rng, drawable, topic, *options, ndim)
    before, after = resolve_padding(n, k, s, d, padding)
    k_eff = effective_kernel_size(k, d)
    numbers = {"n": n, "k": k, "s": s, "d": d, "padding": pad_text(padding)}
    if ndim == 2:
        prompt = Text(
            "A {n}×{n} input, a {k}×{k} kernel, stride {s}, dilation {d}, {padding}. How many "
            "cells does the output have along each side?",
            **numbers,
        )
    else:
        prompt = Text(
            "A sequence of {n} steps, kernel size {k}, stride {s}, dilation {d}, {padding}. "
            "How long is the output?",
            **numbers,
        )
    return Question(
        topic,
        "output_size",
        prompt,
        "number",
        out,
        Text(
            "k_eff = k + (k − 1)(d − 1) = {k_eff}; the padding adds {before} + {after}; "
            "⌊({n} + {before} + {after} − {k_eff}) / {s}⌋ + 1 = {out}.",
            **numbers,
            **{"k_eff": k_eff, "before": before, "after": after, "out": out},
        ),
        Setting(ndim, n, k, s, d, padding),
        mistakes=conv_size_mistakes(n, k, s, d, before, after, out),
    )


def reads(rng: np.random.Generator, drawable: Drawable, ndim: int) -> Question:
    """Which input cells one output reads: ticked on a grid, or chosen from a sequence."""
    topic, *options = READS_DRAWS[ndim]
    n, k, s, d, padding, out = fitting(rng, drawable, topic, *options, ndim)
    output = tuple(int(v) for v in rng.integers(out, size=ndim))
    setting = Setting(
        ndim, n, k, s, d, padding, step=int(np.ravel_multi_index(output, (out,) * ndim))
    )
    cells = read_cells(setting, output)
    before, _ = resolve_padding(n, k, s, d, padding)
    numbers = {"k": k, "s": s, "d": d, "padding": pad_text(padding)}
    if ndim == 1:
        (t,) = output
        return Question(
            topic,
            "reads",
            Text(
                "A sequence x[0 … {last}], kernel size {k}, stride {s}, dilation {d}, "
                "{padding}. Which inputs does y[{t}] read (padding zeros do not count)?",
                last=n - 1,
                t=t,
                **numbers,
            ),
            "cells",
            cells,
            Text(
                "y[t] reads x[t·s + j·d − {before}] for taps j = 0 … {last_tap}: {inputs}.",
                before=before,
                last_tap=k - 1,
                inputs=", ".join(str(c) for c in sorted(cells)) or Text("only padding"),
            ),
            setting,
            choices=tuple(range(n)),
        )
    row, col = output
    return Question(
        topic,
        "reads",
        Text(
            "A {n}×{n} input, a {k}×{k} kernel, stride {s}, dilation {d}, {padding}. Which "
            "input cells does y[{row}, {col}] read? Tick them (padding zeros do not "
            "count).",
            n=n,
            row=row,
            col=col,
            **numbers,
        ),
        "grid",
        cells,
        Text(
            "Output row r reads input rows r·s + t·d − p_top for taps t = 0 … {last_tap} "
            "(p_top = {before}), and the same for columns: rows {rows}, columns {columns}.",
            last_tap=k - 1,
            before=before,
            rows=sorted({r for r, _ in cells}),
            columns=sorted({c for _, c in cells}),
        ),
        setting,
        grid=n,
    )


def output_size_2d(rng: np.random.Generator, drawable: Drawable) -> Question:
    return output_size(rng, drawable, 2)


def output_size_1d(rng: np.random.Generator, drawable: Drawable) -> Question:
    return output_size(rng, drawable, 1)


def reads_2d(rng: np.random.Generator, drawable: Drawable) -> Question:
    return reads(rng, drawable, 2)


def reads_1d(rng: np.random.Generator, drawable: Drawable) -> Question:
    return reads(rng, drawable, 1)


def same_padding(rng: np.random.Generator, drawable: Drawable) -> Question:
    # odd kernels (the padding is the same on both sides) that pad 1 to 3 cells a side
    pairs = ((3, 1), (3, 2), (3, 3), (5, 1), (7, 1))

    def draw() -> Setting:
        k, d = pairs[int(rng.integers(len(pairs)))]
        return Setting(2, int(rng.integers(6, 13)), k, 1, d, d * (k - 1) // 2)

    setting = drawn("standard", drawable, draw)
    n, k, d, pad = setting.size, setting.kernel_size, setting.dilation, setting.padding
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
            "The output is n + 2p − k_eff + 1, so 2p = k_eff − 1 = d·(k − 1) = {both}: p = {pad}.",
            both=2 * pad,
            pad=pad,
        ),
        setting,
    )


def weights_2d(rng: np.random.Generator, drawable: Drawable) -> Question:
    c_in, c_out, k = pick(rng, (1, 3, 8, 16), (4, 8, 16, 32), (1, 3, 5))
    count = conv_parameters(c_in, c_out, (k, k))
    layer = {"c_in": c_in, "c_out": c_out, "k": k}
    return Question(
        "standard",
        "weights",
        Text(
            "nn.Conv2d({c_in}, {c_out}, kernel_size={k}) with its bias: how many parameters?",
            **layer,
        ),
        "number",
        count,
        Text(
            "C_out·C_in·k·k + C_out = {c_out}·{c_in}·{k}·{k} + {c_out} = {count}.",
            count=count,
            **layer,
        ),
        Channels(c_in, c_out, k),
        mistakes=weight_mistakes(c_in, c_out, k * k, count),
    )


def weights_1d(rng: np.random.Generator, drawable: Drawable) -> Question:
    features, c_out, k = pick(rng, (13, 40, 80), (64, 128, 256), (3, 5))
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
        Channels(features, c_out, k, ndim=1),
        mistakes=weight_mistakes(features, c_out, k, count),
    )


def multiply_adds_2d(rng: np.random.Generator, drawable: Drawable) -> Question:
    """How many multiply-adds a small layer (channels in and out) does in one forward pass:
    a setting the Standard page draws as volumes, so the reveal shows every product."""

    def draw() -> Setting | None:
        c_in, c_out = int(rng.integers(1, 5)), int(rng.integers(1, 5))
        if c_in == c_out == 1:
            return None
        n, k = int(rng.integers(4, 9)), int(rng.choice((1, 2, 3)))
        s, padding = int(rng.choice((1, 1, 2))), str(rng.choice(("valid", "same")))
        conv_output_size(n, k, s, padding)  # refused settings are drawn again
        return Setting(2, n, k, s, 1, padding, in_channels=c_in, out_channels=c_out)

    setting = drawn("standard", drawable, draw)
    c_in, c_out, n, k = setting.in_channels, setting.out_channels, setting.size, setting.kernel_size
    side = conv_output_size(n, k, setting.stride, setting.padding)
    per_output = conv_parameters(c_in, 1, (k, k), bias=False)
    total = conv_multiply_adds(c_in, c_out, (k, k), side * side)
    numbers = {"c_in": c_in, "c_out": c_out, "k": k, "n": n, "s": setting.stride}
    return Question(
        "standard",
        "multiply_adds",
        Text(
            "nn.Conv2d({c_in}, {c_out}, kernel_size={k}, stride={s}, padding='{padding}') on a "
            "{c_in}×{n}×{n} input: how many multiply-adds does one forward pass take?",
            padding=setting.padding,
            **numbers,
        ),
        "number",
        total,
        Text(
            "Each output cell sums C_in·k·k = {c_in}·{k}·{k} = {per_output} products; the "
            "output has C_out·{side}·{side} = {c_out}·{side}·{side} = {cells} cells: "
            "{per_output}·{cells} = {total}.",
            per_output=per_output,
            side=side,
            cells=c_out * side * side,
            total=total,
            **numbers,
        ),
        setting,
        mistakes=multiply_add_mistakes(c_in, c_out, k * k, side * side, total),
    )


def transposed_size(rng: np.random.Generator, drawable: Drawable) -> Question:

    def draw() -> Setting:
        n, k, s = int(rng.integers(2, 8)), int(rng.integers(1, 5)), int(rng.integers(1, 4))
        d = int(rng.choice((1, 1, 2)))
        p = int(rng.integers(0, 2))
        op = int(rng.integers(0, max(s, d)))
        conv_transpose_output_size(n, k, s, p, op, d)  # raises where there is no output
        return Setting(2, n, k, s, d, p, transposed=True, output_padding=op)

    return transposed_size_question(drawn("transposed", drawable, draw))


def transposed_size_question(setting: Setting) -> Question:
    """How many cells per side a square transposed conv's output has (``setting`` is one:
    ``transposed``, an int padding); the live class asks it about the page's own."""
    n, k, s, d = setting.size, setting.kernel_size, setting.stride, setting.dilation
    p, op = int(setting.padding), setting.output_padding
    out = conv_transpose_output_size(n, k, s, p, op, d)
    layer = {"k": k, "s": s, "p": p, "op": op, "d": d, "n": n}
    return Question(
        "transposed",
        "output_size",
        Text(
            "nn.ConvTranspose2d with kernel_size={k}, stride={s}, padding={p}, "
            "output_padding={op}, dilation={d} on a {n}×{n} input: how many cells per "
            "side?",
            **layer,
        ),
        "number",
        out,
        Text(
            "(n − 1)·s − 2p + d·(k − 1) + output_padding + 1 = {n_minus_1}·{s} − {crop} + "
            "{d}·{k_minus_1} + {op} + 1 = {out}.",
            n_minus_1=n - 1,
            s=s,
            crop=2 * p,
            d=d,
            k_minus_1=k - 1,
            op=op,
            out=out,
        ),
        setting,
        mistakes=transposed_size_mistakes(n, k, s, p, op, d, out),
    )


def output_padding(rng: np.random.Generator, drawable: Drawable) -> Question:

    def draw() -> Setting:
        n, k, s = int(rng.integers(3, 8)), int(rng.choice((3, 4))), int(rng.choice((2, 3)))
        p = int(rng.integers(0, 2))
        return Setting(2, n, k, s, 1, p, transposed=True, output_padding=int(rng.integers(0, s)))

    setting = drawn("transposed", drawable, draw)
    n, k, s, p, op = (
        setting.size,
        setting.kernel_size,
        setting.stride,
        int(setting.padding),
        setting.output_padding,
    )
    target = conv_transpose_output_size(n, k, s, p, op)
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
        setting,
    )


# how each padding mode copies the input, for the explanation (PyTorch's padding_mode)
COPY_RULES = {
    "reflect": N_("reflect mirrors the input about its edge cell, without repeating that cell"),
    "replicate": N_("replicate repeats the edge cell"),
    "circular": N_("circular wraps around to the other end of the input"),
}


def padded_copy(rng: np.random.Generator, drawable: Drawable) -> Question:
    """Which input position a padded cell copies under reflect, replicate or circular."""

    def draw() -> Setting:
        n, pad = int(rng.integers(4, 10)), int(rng.integers(1, 4))
        mode = str(rng.choice(("reflect", "replicate", "circular")))
        return Setting(1, n, 3, 1, 1, pad, padding_mode=mode)

    setting = drawn("conv1d", drawable, draw)
    n, pad, mode = setting.size, int(setting.padding), setting.padding_mode
    sources = padding_sources(n, pad, pad, mode)  # the engine's index map
    cell = int(rng.choice([*range(pad), *range(pad + n, 2 * pad + n)]))  # a padded one
    position = cell - pad
    answer = int(sources[cell])
    # the reveal opens on the first output whose window reads that cell
    step = max(0, min(cell - 2, conv_output_size(n, 3, 1, pad) - 1))
    return Question(
        "conv1d",
        "padded_copy",
        Text(
            "A sequence x[0 … {last}] is padded by {pad} on each side with "
            "padding_mode='{mode}'. Which input position does the padded cell at position "
            "{position} copy?",
            last=n - 1,
            pad=pad,
            mode=mode,
            position=position,
        ),
        "number",
        answer,
        Text(
            "{rule}: position {position} copies x[{answer}].",
            rule=Text(COPY_RULES[mode]),
            position=position,
            answer=answer,
        ),
        Setting(1, n, 3, 1, 1, pad, step=step, padding_mode=mode),
    )
