"""The engine's verdicts in words: what a page says about a setting, from exact numbers.

Each function decides with the engine's own computations (the input sizes a conv maps
together, the cells a stamp reaches, the overlap pattern, the hole count) and returns its
sentences as :class:`Text`, so an interface can say them in its language.
"""

from __future__ import annotations

from math import gcd

from .matrix import output_padding_reach
from .sizes import input_sizes_for_output
from .support import HdcVerdict
from .text import Text, counted
from .upsampling import overlap_pattern


def output_padding_explained(
    size: int, kernel_size: int, stride: int, padding: int, output_padding: int, dilation: int
) -> list[Text]:
    """Why output_padding exists at this stride, and what it does to the cells it adds (of
    a transposed conv whose input is ``size`` long); the sentences in order."""
    k, s, p, d, n = kernel_size, stride, padding, dilation, size
    sizes = list(input_sizes_for_output(n, k, s, p, d))
    dilation = f", d = {d}" if d > 1 else ""
    if s > 1:
        text = Text(
            "A stride-{s} conv (k = {k}, p = {p}{dilation}) maps **every** input size in "
            "{sizes} to the same output size {n}. Going back, `output_padding` (0 … {last}) "
            "picks which one: it adds cells at the far end.",
            s=s,
            k=k,
            p=p,
            dilation=dilation,
            sizes=sizes,
            n=n,
            last=s - 1,
        )
    else:
        text = Text(
            "At stride 1 a conv (k = {k}, p = {p}{dilation}) maps only **one** input size, "
            "{size}, to {n}: there is nothing to pick. PyTorch still accepts "
            "output_padding < max(s, d) = {limit} (through the dilation) and appends "
            "cells at the far end; Keras refuses it (output_padding must be smaller than "
            "strides).",
            k=k,
            p=p,
            dilation=dilation,
            size=sizes[0],
            n=n,
            limit=max(s, d),
        )
    texts = [text]
    if output_padding:
        reached = output_padding_reach(n, k, s, p, output_padding, d)
        op = output_padding
        if reached == op:
            fate = Text("receive real contributions (the crop p had cut them off)")
        elif reached == 0:
            fate = Text("receive nothing: they stay 0")
        else:
            fate = Text("{reached} of them receive contributions, the rest stay 0", reached=reached)
        texts.append(
            counted(
                " Here output_padding = {count} adds {count} row and column, which {fate}.",
                " Here output_padding = {count} adds {count} rows and columns, which {fate}.",
                op,
                fate=fate,
            )
        )
    return texts


def checkerboard_explained(kernel_size: int, stride: int, dilation: int) -> list[Text]:
    """The rule a transposed conv's overlap counts obey, and what it gives for (k, s, d),
    per axis: the rule, then this case."""
    pattern = overlap_pattern(kernel_size, stride, dilation)
    counts = ", ".join(map(str, pattern.tolist()))
    rule = Text("No checkerboard exactly when **s divides k** and **gcd(s, d) = 1**.")
    if len(set(pattern.tolist())) == 1:
        return [
            rule,
            counted(
                " Here every interior cell receives {count} contribution per axis "
                "(k/s = {k}/{s}): even, no checkerboard.",
                " Here every interior cell receives {count} contributions per axis "
                "(k/s = {k}/{s}): even, no checkerboard.",
                int(pattern[0]),
                k=kernel_size,
                s=stride,
            ),
        ]
    if pattern.min() == 0:
        return [
            rule,
            Text(
                " Here gcd(s, d) = {gcd}: by position mod {s}, interior cells receive {counts} "
                "contributions per axis; the cells with 0 are **never written**, the worst "
                "checkerboard.",
                gcd=gcd(stride, dilation),
                s=stride,
                counts=counts,
            ),
        ]
    return [
        rule,
        Text(
            " Here s = {s} does not divide k = {k}: by position mod {s}, interior cells receive "
            "{counts} contributions per axis. They alternate (the checkerboard), and stacking "
            "compounds it.",
            s=stride,
            k=kernel_size,
            counts=counts,
        ),
    ]


def gridding_explained(verdict: HdcVerdict, holes: int) -> tuple[Text, Text]:
    """The verdict on a dilation schedule, decided by its exact hole count: a headline and
    its explanation.

    The HDC rule is the explanation where it is stated (k = 3, r₁ = 1), where passing it
    guarantees no holes but failing it does not imply holes; a common factor g > 1 always
    leaves holes (every cell seen is a multiple of g from the centre).
    """
    rates = ", ".join(map(str, verdict.rates))
    fits = "≤" if verdict.m2 <= verdict.kernel_size else ">"
    rule = Text(
        "HDC: no common factor > 1 and M₂ ≤ k, where Mᵢ, the widest gap layers i … n "
        "leave between seen cells, is Mᵢ = max(Mᵢ₊₁ − 2rᵢ, Mᵢ₊₁ − 2(Mᵢ₊₁ − rᵢ), rᵢ) from "
        "Mₙ = rₙ (here M = {distances}, M₂ = {m2} {fits} {k})",
        distances=", ".join(map(str, verdict.max_distances)),
        m2=verdict.m2,
        fits=fits,
        k=verdict.kernel_size,
    )
    if holes == 0:
        headline = Text(
            "Schedule {rates} with k = {k} leaves **no holes**.",
            rates=rates,
            k=verdict.kernel_size,
        )
    else:
        headline = Text(
            "Schedule {rates} with k = {k} leaves **{holes:,} holes**: gridding.",
            rates=rates,
            k=verdict.kernel_size,
            holes=holes,
        )
    if verdict.common_factor > 1:
        explanation = Text(
            "The rates share the factor {factor}: every input the output sees is a multiple "
            "of {factor} cells from its centre, so the cells in between are never seen.",
            factor=verdict.common_factor,
        )
    elif not verdict.applies:
        explanation = Text(
            "The hybrid-dilated-convolution (HDC) rule is written for k = 3 kernels in a group "
            "that starts at r₁ = 1; here k = {k}, r₁ = {first}, so it does not apply: the "
            "exact count above decides.",
            k=verdict.kernel_size,
            first=verdict.rates[0],
        )
    elif verdict.passes:
        explanation = Text("The rule agrees: {rule}. Passing it guarantees no holes.", rule=rule)
    elif holes:
        explanation = Text(
            "The rule explains it: {rule}, so the gaps are too wide to fill.", rule=rule
        )
    else:
        explanation = Text(
            "This schedule fails the rule ({rule}) yet leaves no holes: the rule is a "
            "sufficient design rule, not a necessary one.",
            rule=rule,
        )
    return headline, explanation
