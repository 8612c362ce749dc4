"""Lightweight and dynamic convolution (Wu et al., 2019, "Pay Less Attention").

A lightweight conv is a depthwise 1-D conv whose kernel is softmax-normalised over its
width and shared by ``num_heads`` heads: channel ``c`` uses head ``c // (C // H)``
(contiguous blocks of ``C/H`` channels). A dynamic conv predicts that kernel from each time
step's own features. Both keep the sequence length: padding is ``"same"`` (left
``(K − 1)//2``, right ``K//2``), ``"causal"`` (left ``K − 1``) or an int left pad.
"""

from __future__ import annotations

import numpy as np

from .conv import conv1d, pad_input
from .errors import ConvConfigError, as_real_array, check_int


def softmax(values: np.ndarray, axis: int = -1) -> np.ndarray:
    """Numerically stable softmax along ``axis``."""
    shifted = np.exp(values - values.max(axis=axis, keepdims=True))
    return shifted / shifted.sum(axis=axis, keepdims=True)


def sequence_padding(kernel_size: int, padding: object = "same") -> tuple[int, int]:
    """(left, right) padding that keeps a sequence's length for a kernel of ``kernel_size``."""
    kernel_size = check_int("kernel_size", kernel_size, 1)
    if isinstance(padding, str):
        mode = padding.lower()
        if mode == "same":
            return ((kernel_size - 1) // 2, kernel_size // 2)
        if mode == "causal":
            return (kernel_size - 1, 0)
        raise ConvConfigError(
            "padding {padding!r} does not apply to a lightweight or dynamic conv: use "
            "'same', 'causal' or an int left pad (the output keeps the sequence length)",
            padding=padding,
        )
    left = check_int("padding", padding, 0)
    if left > kernel_size - 1:
        raise ConvConfigError(
            "padding {left} (the left pad) must be at most kernel_size − 1 = {most} so "
            "that the output keeps the sequence length",
            left=left,
            most=kernel_size - 1,
        )
    return (left, kernel_size - 1 - left)


def _sequence(x: object) -> tuple[np.ndarray, bool]:
    x = as_real_array("input", x)
    if x.ndim == 2:
        return x[None], True
    if x.ndim != 3 or 0 in x.shape[1:]:
        raise ConvConfigError(
            "input must have shape (N, C, T) or (C, T), got {shape}", shape=x.shape
        )
    return x, False


def _check_heads(num_heads: object, channels: int) -> int:
    num_heads = check_int("num_heads", num_heads, 1)
    if channels % num_heads:
        raise ConvConfigError(
            "num_heads={num_heads} must divide the number of channels ({channels}): each "
            "head is shared by a contiguous block of C/H channels",
            num_heads=num_heads,
            channels=channels,
        )
    return num_heads


def head_of_channel(channels: int, num_heads: object) -> np.ndarray:
    """The head each channel uses: ``c // (C/H)``, contiguous blocks of C/H channels."""
    num_heads = _check_heads(num_heads, channels)
    return np.arange(channels) // (channels // num_heads)


def head_shared_kernel(weight: object, channels: int, weight_softmax: bool = True) -> np.ndarray:
    """Expand ``(H, K)`` head weights to the depthwise kernel ``(C, 1, K)`` they define."""
    weight = as_real_array("weight", weight)
    if weight.ndim != 2:
        raise ConvConfigError(
            "weight must have shape (num_heads, K), got {shape}", shape=weight.shape
        )
    if weight_softmax:
        weight = softmax(weight, axis=-1)
    return weight[head_of_channel(channels, weight.shape[0])][:, None, :]


def lightweight_conv1d(
    x: object,
    weight: object,
    padding: object = "same",
    weight_softmax: bool = True,
    bias: object = None,
) -> np.ndarray:
    """Lightweight convolution: a softmax-normalised depthwise conv shared by heads.

    Parameters
    ----------
    x : array ``(N, C, T)`` or ``(C, T)``
    weight : array ``(H, K)``; H must divide C
    padding : ``"same"``, ``"causal"`` or an int left pad (right = K − 1 − left)
    weight_softmax : softmax over K per head before use
    bias : array ``(C,)`` or None

    Returns
    -------
    array ``(N, C, T)`` (or ``(C, T)``): same length as the input.
    """
    x, unbatched = _sequence(x)
    kernel = head_shared_kernel(weight, x.shape[1], weight_softmax)
    pads = sequence_padding(kernel.shape[-1], padding)
    out = conv1d(x, kernel, bias, padding=pads, groups=x.shape[1])
    return out[0] if unbatched else out


def dynamic_kernels(
    x: np.ndarray, weight: object, num_heads: int, kernel_size: int, weight_softmax: bool = True
) -> np.ndarray:
    """Each time step's kernel: ``weight @ x[:, :, t]`` reshaped to ``(H, K)``.

    Returns an array ``(N, T, H, K)``.
    """
    batch, channels, length = x.shape
    num_heads = _check_heads(num_heads, channels)
    kernel_size = check_int("kernel_size", kernel_size, 1)
    weight = as_real_array("weight", weight)
    if weight.shape != (num_heads * kernel_size, channels):
        raise ConvConfigError(
            "weight must have shape (num_heads·kernel_size, C) = ({rows}, {channels}), got {shape}",
            rows=num_heads * kernel_size,
            channels=channels,
            shape=weight.shape,
        )
    kernels = np.einsum("kc,nct->ntk", weight, x).reshape(batch, length, num_heads, kernel_size)
    return softmax(kernels, axis=-1) if weight_softmax else kernels


def dynamic_conv1d(
    x: object,
    weight: object,
    num_heads: int,
    kernel_size: int,
    padding: object = "same",
    weight_softmax: bool = True,
) -> np.ndarray:
    """Dynamic convolution: a lightweight conv whose kernel is predicted at every time step.

    Parameters
    ----------
    x : array ``(N, C, T)`` or ``(C, T)``
    weight : array ``(H·K, C)`` mapping a step's features to its ``H × K`` kernel
    num_heads, kernel_size : H (dividing C) and K
    padding : ``"same"``, ``"causal"`` or an int left pad

    Returns
    -------
    array ``(N, C, T)``: ``y[c, t] = Σ_k w_t[head(c), k] · x_padded[c, t + k]``.
    """
    x, unbatched = _sequence(x)
    _, channels, length = x.shape
    kernels = dynamic_kernels(x, weight, num_heads, kernel_size, weight_softmax)
    left, right = sequence_padding(kernel_size, padding)
    padded = pad_input(x, ((left, right),))
    per_channel = np.repeat(kernels, channels // kernels.shape[2], axis=2)  # (N, T, C, K)
    out = np.zeros_like(x)
    for tap in range(kernel_size):
        out += per_channel[..., tap].transpose(0, 2, 1) * padded[:, :, tap : tap + length]
    return out[0] if unbatched else out


def drop_connect(weights: object, rate: float, rng: np.random.Generator) -> np.ndarray:
    """DropConnect: zero each weight with probability ``rate``, scale the rest by 1/(1 − rate).

    Applied to the softmax-normalised kernel during training (as fairseq's weight dropout).
    Randomness only through the explicit ``rng``.
    """
    weights = as_real_array("weights", weights)
    if not 0 <= rate < 1:
        raise ConvConfigError("rate must be in [0, 1), got {rate}", rate=rate)
    if not isinstance(rng, np.random.Generator):
        raise ConvConfigError("rng must be a numpy.random.Generator (no global random state)")
    keep = rng.random(weights.shape) >= rate
    return np.where(keep, weights / (1 - rate), 0.0)


def lightweight_matrix(
    weight: object,
    channels: int,
    length: int,
    channel: int = 0,
    padding: object = "same",
    weight_softmax: bool = True,
) -> np.ndarray:
    """The ``T × T`` matrix that one channel of a lightweight conv applies over time.

    Row ``t`` holds the (head-shared, softmaxed) kernel placed around ``t``: a band.
    """
    kernel = head_shared_kernel(weight, channels, weight_softmax)[channel, 0]
    left, _ = sequence_padding(kernel.size, padding)
    return _band(np.broadcast_to(kernel, (length, kernel.size)), left)


def dynamic_matrix(kernels: np.ndarray, left: int) -> np.ndarray:
    """The ``T × T`` matrix of a dynamic conv for one head: row t uses step t's own kernel.

    ``kernels``: ``(T, K)`` (e.g. ``dynamic_kernels(...)[0, :, head]``).
    """
    return _band(np.asarray(kernels, dtype=float), left)


def _band(rows: np.ndarray, left: int) -> np.ndarray:
    length, taps = rows.shape
    matrix = np.zeros((length, length))
    for t in range(length):
        for k in range(taps):
            i = t - left + k
            if 0 <= i < length:
                matrix[t, i] = rows[t, k]
    return matrix


def self_attention_weights(x: object, rng: np.random.Generator, causal: bool = False) -> np.ndarray:
    """``softmax(Q Kᵀ / √d)`` of one head with random projections, for comparison pictures.

    x : ``(C, T)``; returns ``(T, T)``, row t = how much step t attends to each step (every
    step, unlike a convolution's band). ``causal`` masks the future with −∞ before softmax.
    """
    x = as_real_array("input", x)
    if x.ndim != 2:
        raise ConvConfigError("input must have shape (C, T), got {shape}", shape=x.shape)
    if not isinstance(rng, np.random.Generator):
        raise ConvConfigError("rng must be a numpy.random.Generator (no global random state)")
    channels, length = x.shape
    query = rng.normal(size=(channels, channels)) / np.sqrt(channels) @ x
    key = rng.normal(size=(channels, channels)) / np.sqrt(channels) @ x
    scores = query.T @ key / np.sqrt(channels)
    if causal:
        scores = np.where(np.tril(np.ones((length, length), dtype=bool)), scores, -np.inf)
    return softmax(scores, axis=-1)
