"""The layer a scene shows, in words, for the title of an exported slide.

A slide says what it shows the way a lecturer would ("Conv2d 6×6, k = 3, s = 2, SAME"),
not the link's settings. Each page builds its title from its own numbers with these.
"""

from __future__ import annotations

from collections.abc import Sequence

from i18n import t


def padding_words(
    mode: str, explicit: Sequence[int] | Sequence[Sequence[int]] = (), fill: str = "zeros"
) -> str:
    """``'same'`` → ``SAME``; explicit amounts → ``padding (1, 1, 0, 2)`` (each axis's
    before and after, in order); a padding that copies the input says how (``SAME,
    reflect``)."""
    if mode != "explicit":
        words = mode.upper()
    else:
        flat = [
            int(v) for pair in explicit for v in (pair if isinstance(pair, Sequence) else [pair])
        ]
        words = t("padding ({amounts})", amounts=", ".join(str(v) for v in flat))
    return words if fill == "zeros" or mode == "valid" else f"{words}, {fill}"


def _joined(head: str, parts: Sequence[str]) -> str:
    return ", ".join([head, *parts])


def sliding_title(
    operator: str,
    sizes: Sequence[int],
    kernel_size: int,
    stride: int,
    dilation: int,
    padding: str,
) -> str:
    """``Conv2d 6×6, k = 3, s = 2, d = 2, SAME`` (d only when > 1; ``n = 10`` in 1-D)."""
    parts = [f"k = {kernel_size}", f"s = {stride}"]
    if dilation > 1:
        parts.append(f"d = {dilation}")
    shape = f"n = {sizes[0]}" if len(sizes) == 1 else "×".join(str(n) for n in sizes)
    return _joined(f"{operator} {shape}", [*parts, padding])


def causal_title(length: int, kernel_size: int, dilation: int, stride: int, leak: bool) -> str:
    """``Causal Conv1d n = 16, k = 2, d = 1`` (s when > 1; the leak when shown)."""
    parts = [f"k = {kernel_size}", f"d = {dilation}"]
    if stride > 1:
        parts.append(f"s = {stride}")
    if leak:
        parts.append(t("with a leak"))
    return _joined(t("Causal Conv1d n = {length}", length=length), parts)


def transposed_title(
    size: int, kernel_size: int, stride: int, padding: int, output_padding: int, dilation: int
) -> str:
    """``ConvTranspose2d 3×3, k = 3, s = 2, p = 1, output_padding = 1``."""
    parts = [f"k = {kernel_size}", f"s = {stride}", f"p = {padding}"]
    if output_padding:
        parts.append(f"output_padding = {output_padding}")
    if dilation > 1:
        parts.append(f"d = {dilation}")
    return _joined(f"ConvTranspose2d {size}×{size}", parts)


def separable_title(in_channels: int, out_channels: int, kernel_size: int, multiplier: int) -> str:
    """``Depthwise separable, 3 → 4 channels, k = 3, m = 2``."""
    return t(
        "Depthwise separable, {cin} → {cout} channels, k = {k}, m = {m}",
        cin=in_channels,
        cout=out_channels,
        k=kernel_size,
        m=multiplier,
    )


def lightweight_title(
    length: int, channels: int, heads: int, kernel_size: int, causal: bool
) -> str:
    """``LightConv n = 8, d = 4, H = 2, k = 3, causal``."""
    parts = [f"d = {channels}", f"H = {heads}", f"k = {kernel_size}"]
    if causal:
        parts.append(t("causal"))
    return _joined(f"LightConv n = {length}", parts)


def stack_title(layers: int, input_size: int) -> str:
    """``Receptive field of 4 layers, input 32``."""
    return t("Receptive field of {layers} layers, input {n}", layers=layers, n=input_size)
