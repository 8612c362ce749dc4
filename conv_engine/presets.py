"""Example inputs and kernels the pages offer: small integers, so every number is checkable.

Pure NumPy; randomness only through an explicit seed.
"""

from __future__ import annotations

from math import comb

import numpy as np

from .errors import ConvConfigError, check_int

INPUT_PRESETS = ("random", "count", "ones", "ramp", "image")
KERNEL_PRESETS = ("identity", "box", "sobel", "sharpen", "random")
SEQUENCE_PRESETS = ("random", "ones", "ramp", "step", "sine")


def _unknown(kind: str, name: str, options: tuple[str, ...]) -> ConvConfigError:
    return ConvConfigError(
        "{kind} preset {name!r} is unknown: use one of {choices}",
        kind=kind,
        name=name,
        choices=", ".join(options),
    )


def image_patch(image: np.ndarray, shape: tuple[int, int], levels: int = 10) -> np.ndarray:
    """Average a grayscale (H, W) or RGB (H, W, 3) image down to ``shape``, as ints 0 … levels−1."""
    image = np.asarray(image, dtype=float)
    if image.ndim == 3:
        image = image[..., :3] @ np.array([0.299, 0.587, 0.114])
    rows = np.array_split(np.arange(image.shape[0]), shape[0])
    cols = np.array_split(np.arange(image.shape[1]), shape[1])
    small = np.array([[image[np.ix_(r, c)].mean() for c in cols] for r in rows])
    low, high = small.min(), small.max()
    scaled = (small - low) / (high - low) if high > low else np.zeros_like(small)
    return np.minimum(np.floor(scaled * levels), levels - 1)


def input_preset(
    name: str, shape: tuple[int, int], seed: int = 0, image: np.ndarray | None = None
) -> np.ndarray:
    """A 2-D input grid: ``random`` ints 0–9, ``count`` (0, 1, 2, … row by row), ``ones``,
    ``ramp`` (row + column) or ``image`` (a photo patch, 0–9)."""
    height, width = (check_int("input_size", n, 1) for n in shape)
    if name == "random":
        return np.random.default_rng(seed).integers(0, 10, size=(height, width)).astype(float)
    if name == "count":
        return np.arange(height * width, dtype=float).reshape(height, width)
    if name == "ones":
        return np.ones((height, width))
    if name == "ramp":
        return np.add.outer(np.arange(height), np.arange(width)).astype(float)
    if name == "image":
        if image is None:
            raise ConvConfigError("input preset 'image' needs an image array")
        return image_patch(image, (height, width))
    raise _unknown("input", name, INPUT_PRESETS)


def kernel_preset(name: str, kernel_size: int, seed: int = 0) -> np.ndarray:
    """A k × k kernel: identity, box (all ones), sobel (x-gradient), sharpen or random ints."""
    k = check_int("kernel_size", kernel_size, 1)
    centre = (k - 1) // 2
    if name == "identity":
        kernel = np.zeros((k, k))
        kernel[centre, centre] = 1
        return kernel
    if name == "box":
        return np.ones((k, k))
    if name == "sobel":
        # binomial smoothing down the rows × a signed difference across the columns;
        # for k = 3 this is the classic [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]
        smooth = np.array([comb(k - 1, i) for i in range(k)], dtype=float)
        difference = np.sign(np.arange(k) - (k - 1) / 2)
        return np.outer(smooth, difference)
    if name == "sharpen":
        if k == 3:
            return np.array([[0.0, -1.0, 0.0], [-1.0, 5.0, -1.0], [0.0, -1.0, 0.0]])
        kernel = -np.ones((k, k))
        kernel[centre, centre] = k * k
        return kernel
    if name == "random":
        return np.random.default_rng(seed).integers(-2, 3, size=(k, k)).astype(float)
    raise _unknown("kernel", name, KERNEL_PRESETS)


def sequence_preset(name: str, length: int, seed: int = 0) -> np.ndarray:
    """A 1-D signal of small ints: random, ones, ramp, step or a (rounded) sine."""
    n = check_int("input_size", length, 1)
    if name == "random":
        return np.random.default_rng(seed).integers(0, 10, size=n).astype(float)
    if name == "ones":
        return np.ones(n)
    if name == "ramp":
        return np.arange(n, dtype=float)
    if name == "step":
        return (np.arange(n) >= n // 2).astype(float) * 5
    if name == "sine":
        return np.round(4 + 4 * np.sin(2 * np.pi * np.arange(n) / max(n / 2, 2)))
    raise _unknown("sequence", name, SEQUENCE_PRESETS)


def kernel_1d_preset(name: str, kernel_size: int, seed: int = 0) -> np.ndarray:
    """A length-k kernel: identity, box, sobel (difference), sharpen or random."""
    kernel = kernel_preset(name, kernel_size, seed)
    return kernel[(kernel.shape[0] - 1) // 2]


def speech_features(frames: int, features: int = 80, seed: int = 0) -> np.ndarray:
    """A synthetic log-mel-like spectrogram ``(features, frames)``: formant bands that glide.

    Speech is a sequence of feature vectors (one per 10 ms frame); a Conv1d treats the
    ``features`` as input channels and slides along the frames.
    """
    frames = check_int("frames", frames, 1)
    features = check_int("features", features, 1)
    rng = np.random.default_rng(seed)
    t = np.arange(frames)[None, :]
    f = np.arange(features)[:, None]
    energy = np.zeros((features, frames))
    for base, glide, width in ((0.12, 0.05, 0.05), (0.35, -0.08, 0.06), (0.6, 0.04, 0.05)):
        centre = features * (base + glide * np.sin(2 * np.pi * t / max(frames, 2)))
        energy += np.exp(-(((f - centre) / (width * features)) ** 2))
    voiced = 0.6 + 0.4 * np.sin(2 * np.pi * t / max(frames / 3, 2)) ** 2
    spectrogram = energy * voiced + 0.15 * rng.random((features, frames))
    return np.round(spectrogram / spectrogram.max() * 9)
