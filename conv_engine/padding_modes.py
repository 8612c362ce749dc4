"""What fills the padding: PyTorch's ``padding_mode`` (zeros, reflect, replicate, circular).

Each mode is an **index map** on one axis: every cell of the padded axis copies one input
cell (:func:`padding_sources`), or is a zero (index −1). Padding a tensor is taking along
each spatial axis with its map (:func:`pad_with_mode`), so a page can also say where each
padded value came from. The rules are PyTorch's (``F.pad``, as ``nn.Conv2d`` uses it):
``reflect`` mirrors about the edge cell without repeating it and needs each pad smaller
than the input; ``replicate`` repeats the edge cell; ``circular`` wraps around and needs
each pad at most the input's size.
"""

from __future__ import annotations

import numpy as np

from .errors import ConvConfigError

PADDING_MODES = ("zeros", "reflect", "replicate", "circular")


def check_padding_mode(mode: object, size: int, before: int, after: int) -> str:
    """The mode, if PyTorch pads an axis of ``size`` cells by ``before``/``after`` with it;
    otherwise a ConvConfigError that names the mode and the rule."""
    if mode not in PADDING_MODES:
        raise ConvConfigError(
            "padding_mode must be one of {modes}, got {mode!r}",
            modes=", ".join(PADDING_MODES),
            mode=mode,
        )
    widest = max(before, after)
    if mode == "reflect" and widest >= size:
        raise ConvConfigError(
            "padding_mode 'reflect' mirrors the input without its edge cell, so each pad "
            "must be smaller than the input: a pad of {pad} needs more than {size} cells",
            pad=widest,
            size=size,
        )
    if mode == "circular" and widest > size:
        raise ConvConfigError(
            "padding_mode 'circular' wraps the input around once at most, so each pad must "
            "be at most the input's {size} cells, got {pad}",
            pad=widest,
            size=size,
        )
    return str(mode)


def padding_sources(size: int, before: int, after: int, mode: str = "zeros") -> np.ndarray:
    """For each cell of one padded axis (``before + size + after`` of them, the input's
    first at index ``before``), the input index it copies, or −1 where it is a zero."""
    mode = check_padding_mode(mode, size, before, after)
    position = np.arange(-before, size + after)
    if mode == "zeros":
        return np.where((position >= 0) & (position < size), position, -1)
    if mode == "replicate":
        return np.clip(position, 0, size - 1)
    if mode == "circular":
        return position % size
    if size == 1:  # reflect with pads < 1: nothing to mirror
        return position
    period = 2 * (size - 1)  # x0 x1 … x(n−1) x(n−2) … x1 | x0 …
    folded = position % period
    return np.where(folded < size, folded, period - folded)


def pad_with_mode(
    x: np.ndarray, padding: tuple[tuple[int, int], ...], mode: str = "zeros"
) -> np.ndarray:
    """``x`` padded on its trailing ``len(padding)`` axes by ``(before, after)`` each, the
    padding filled as ``mode`` says (PyTorch's ``F.pad`` with that mode)."""
    ndim = len(padding)
    out = np.asarray(x)
    for offset, (before, after) in enumerate(padding):
        axis = out.ndim - ndim + offset
        sources = padding_sources(out.shape[axis], before, after, mode)
        taken = np.take(out, np.maximum(sources, 0), axis=axis)
        if (sources < 0).any():
            shape = [1] * out.ndim
            shape[axis] = sources.size
            taken = np.where((sources >= 0).reshape(shape), taken, 0)
        out = taken
    return out
