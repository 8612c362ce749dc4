"""Bounds, labels and helpers shared by the pages' controls."""

from __future__ import annotations

import conv_engine as ce

MAX_INPUT_2D = 12


MAX_LENGTH_1D = 24


MAX_KERNEL = 7


MAX_STRIDE = 4


MAX_DILATION = 4


MAX_EXPLICIT_PAD = 3


MAX_TRANSPOSED = 16  # largest transposed-conv output (7 → 15 fits)


PADDING_LABELS = {
    "valid": "VALID",
    "same": "SAME",
    "full": "FULL",
    "causal": "causal",
    "explicit": "explicit",
}


INPUT_LABELS = {
    "random": "🎲 random 0–9",
    "count": "🔢 0, 1, 2, …",
    "ones": "1️⃣ ones",
    "ramp": "📈 ramp",
    "image": "🖼️ photo patch",
    "step": "⎍ step",
    "sine": "〰️ sine",
}


KERNEL_LABELS = {
    "identity": "identity",
    "box": "box blur (sum)",
    "sobel": "Sobel edge",
    "sharpen": "sharpen",
    "random": "random −2…2",
    "custom": "✏️ custom",
}


def kernel_bounds(
    size: int, mode: str, explicit_total: int, kernel_size: int | None = None, max_padded: int = 20
) -> tuple[int, int]:
    """Largest kernel size (at d = 1) and, given ``kernel_size``, the largest dilation.

    The fit rule is the engine's (``max_kernel_size``/``max_dilation``: the dilated kernel
    must fit in the padded input); modes whose padding grows with the kernel (SAME, FULL,
    causal) are also held to ``max_padded`` cells so the picture stays readable.
    """
    if mode in ("same", "full", "causal"):
        growth = 2 if mode == "full" else 1
        extent = max((max_padded - size) // growth + 1, 1)
    else:
        extent = ce.max_kernel_size(size + explicit_total, 0)
    k_limit = min(MAX_KERNEL, extent)
    if kernel_size is None or kernel_size == 1:
        return k_limit, MAX_DILATION
    if mode not in ("same", "full", "causal"):
        extent = ce.max_dilation(size + explicit_total, kernel_size, 0) * (kernel_size - 1) + 1
    return k_limit, max(1, min(MAX_DILATION, (extent - 1) // (kernel_size - 1)))


def divisors(number: int) -> list[int]:
    return [d for d in range(1, number + 1) if number % d == 0]
