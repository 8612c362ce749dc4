"""The likely mistakes behind a wrong answer, each computed as the answer it would give.

A hint is offered only when a student's answer is exactly what one slip gives (k for
k_eff, the padding left out, the + 1 forgotten, …): each mistake is the right formula with
that one slip, evaluated at the question's numbers. A slip that happens to give the right
answer, or the same wrong answer as an earlier one, is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..sizes import effective_kernel_size
from ..text import Text


@dataclass(frozen=True)
class Mistake:
    """A wrong answer one slip gives, and a hint that names the slip."""

    answer: int
    hint: Text


def _kept(right: int, candidates: list[tuple[int, Text]]) -> tuple[Mistake, ...]:
    """The candidates whose answer is wrong, is a size (≥ 0), and is not already listed."""
    seen = {right}
    kept = []
    for answer, hint in candidates:
        if answer >= 0 and answer not in seen:
            seen.add(answer)
            kept.append(Mistake(answer, hint))
    return tuple(kept)


def conv_size_mistakes(
    n: int, k: int, s: int, d: int, before: int, after: int, right: int
) -> tuple[Mistake, ...]:
    """Slips in ⌊(n + before + after − k_eff) / s⌋ + 1."""
    k_eff = effective_kernel_size(k, d)
    padded = n + before + after
    span = padded - k_eff
    slips = [  # (whether the slip can be made here, the size it gives, what it missed)
        (
            d > 1 and padded >= k,
            (padded - k) // s + 1,
            Text(
                "That is what k = {k} gives: with dilation {d} the kernel spans "
                "k_eff = k + (k − 1)(d − 1) = {k_eff} cells.",
                k=k,
                d=d,
                k_eff=k_eff,
            ),
        ),
        (
            before + after and n >= k_eff,
            (n - k_eff) // s + 1,
            Text(
                "That leaves out the padding: it adds {before} + {after} cells to the "
                "input before the kernel slides.",
                before=before,
                after=after,
            ),
        ),
        (
            True,
            span // s,
            Text("Add 1 for the kernel's first position: ⌊(n + padding − k_eff) / s⌋ + 1."),
        ),
        (
            s > 1 and span % s,
            -(-span // s) + 1,
            Text(
                "Round down: a last move of {s} cells that would run past the padded "
                "input is not taken.",
                s=s,
            ),
        ),
        (
            s > 1,
            span + 1,
            Text(
                "That is stride 1: with stride {s} the kernel moves {s} cells at a time, "
                "so divide by {s}.",
                s=s,
            ),
        ),
    ]
    return _kept(right, [(size, hint) for possible, size, hint in slips if possible])


def transposed_size_mistakes(
    n: int, k: int, s: int, p: int, op: int, d: int, right: int
) -> tuple[Mistake, ...]:
    """Slips in (n − 1)·s − 2p + d·(k − 1) + output_padding + 1."""
    k_eff = effective_kernel_size(k, d)
    slips = [  # (whether the slip can be made here, the size it gives, what it missed)
        (
            n + 2 * p >= k_eff,
            (n + 2 * p - k_eff) // s + 1,
            Text(
                "That is the convolution's formula, which shrinks: the transposed "
                "convolution runs it backwards, (n − 1)·s − 2p + d·(k − 1) + "
                "output_padding + 1."
            ),
        ),
        (op, right - op, Text("output_padding = {op} adds {op} cells at the end.", op=op)),
        (
            d > 1,
            right - (d - 1) * (k - 1),
            Text(
                "With dilation {d} the kernel spans d·(k − 1) + 1 = {k_eff} cells, not k.",
                d=d,
                k_eff=k_eff,
            ),
        ),
        (
            p,
            right + p,
            Text(
                "padding = {p} crops {p} cells from each side: subtract 2p = {both}.",
                p=p,
                both=2 * p,
            ),
        ),
        (True, n * s, Text("Not simply n·s: the last input's stamp reaches further.")),
    ]
    return _kept(right, [(size, hint) for possible, size, hint in slips if possible])


def weight_mistakes(c_in: int, c_out: int, taps: int, right: int) -> tuple[Mistake, ...]:
    """Slips in C_out·C_in·taps + C_out (a conv layer with its bias)."""
    return _kept(
        right,
        [
            (
                c_out * c_in * taps,
                Text("Add the bias: one number per output channel, {c_out} more.", c_out=c_out),
            ),
            (
                c_out * taps + c_out,
                Text(
                    "Each output channel's kernel covers every input channel: × C_in = {c_in}.",
                    c_in=c_in,
                ),
            ),
        ],
    )


def multiply_add_mistakes(
    c_in: int, c_out: int, taps: int, positions: int, right: int
) -> tuple[Mistake, ...]:
    """Slips in C_out·positions·C_in·taps (a layer's multiply-adds in one forward pass)."""
    return _kept(
        right,
        [
            (
                c_out * taps * positions,
                Text(
                    "Each output cell reads every input channel: its products are "
                    "C_in·k·k, × C_in = {c_in}.",
                    c_in=c_in,
                ),
            ),
            (
                c_in * taps * positions,
                Text(
                    "Each of the {c_out} output channels is a map of its own: × C_out.",
                    c_out=c_out,
                ),
            ),
            (
                c_out * c_in * taps,
                Text(
                    "That is the number of weights; every weight is used once per output "
                    "position: × {positions}.",
                    positions=positions,
                ),
            ),
        ],
    )
