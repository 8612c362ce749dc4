"""Controls of the sliding-window pages (Standard, Conv1d, Dilated)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from conv_engine.presets import INPUT_PRESETS, KERNEL_PRESETS, SEQUENCE_PRESETS

from ..params import PageParams
from ._common import (
    INPUT_LABELS,
    KERNEL_LABELS,
    MAX_EXPLICIT_PAD,
    MAX_INPUT_2D,
    MAX_LENGTH_1D,
    MAX_STRIDE,
    PADDING_LABELS,
    kernel_bounds,
)


def parse_kernel(text: str, kernel_size: int, ndim: int = 2) -> tuple[float, ...]:
    """Parse a custom kernel: numbers separated by spaces or commas, rows by ``;``.

    Raises ValueError with a sentence a student can act on.
    """
    numbers = [part for part in re.split(r"[\s,;]+", text.strip()) if part]
    expected = kernel_size**ndim
    values = []
    for number in numbers:
        try:
            values.append(float(number))
        except ValueError:
            raise ValueError(f"{number[:12]!r} is not a number") from None
    if len(values) != expected:
        shape = f"{kernel_size}×{kernel_size}" if ndim == 2 else f"{kernel_size}"
        raise ValueError(f"k = {kernel_size} needs {expected} numbers ({shape}), got {len(values)}")
    if any(abs(v) > 1e6 or v != v for v in values):
        raise ValueError("each number must be finite and at most 10⁶ in size")
    return tuple(values)


@dataclass(frozen=True)
class Conv2dSpec:
    """Everything the Standard page computes from."""

    height: int
    width: int
    kernel_size: int
    stride: int
    dilation: int
    padding_mode: str
    explicit: tuple[tuple[int, int], tuple[int, int]]
    input_preset: str
    kernel_preset: str
    seed: int
    custom_kernel: str

    @property
    def padding(self) -> str | tuple[tuple[int, int], tuple[int, int]]:
        return self.explicit if self.padding_mode == "explicit" else self.padding_mode


def _padding_widgets(
    params: PageParams, modes: tuple[str, ...], axes: tuple[str, ...], default: str = "valid"
):
    """The padding mode and, for ``explicit``, one amount per side."""
    mode = params.choice(
        "p",
        "Padding",
        (*modes, "explicit"),
        default,
        labels=PADDING_LABELS,
        help="VALID adds nothing; SAME adds zeros to keep ⌈i/s⌉ outputs (extra zero at the "
        "end, TF rule); FULL adds k_eff − 1 each side; explicit lets you pick each side.",
    )
    sides = {"height": ("top", "bottom"), "width": ("left", "right"), "length": ("left", "right")}
    explicit = []
    if mode == "explicit":
        columns = params.columns(2 * len(axes))
        index = 0
        for axis in axes:
            pair = []
            for side in sides[axis]:
                pair.append(
                    params.integer(
                        f"p{side[0]}",
                        f"pad {side}",
                        1,
                        0,
                        MAX_EXPLICIT_PAD,
                        container=columns[index],
                    )
                )
                index += 1
            explicit.append(tuple(pair))
    else:
        explicit = [(0, 0)] * len(axes)
    return mode, tuple(explicit)


def conv2d_controls(
    params: PageParams, size: int = 6, dilation: int = 1, padding: str = "valid"
) -> Conv2dSpec:
    """Widgets of a 2-D sliding-window page, bounded so the kernel always fits.

    ``size``, ``dilation`` and ``padding`` are the page's defaults.
    """
    top = params.columns(5)
    height = params.integer("h", "Input height", size, 3, MAX_INPUT_2D, container=top[0])
    width = params.integer("w", "Input width", size, 3, MAX_INPUT_2D, container=top[1])
    mode, explicit = _padding_widgets(
        params, ("valid", "same", "full"), ("height", "width"), padding
    )
    axes = ((height, sum(explicit[0])), (width, sum(explicit[1])))
    k_limit = min(kernel_bounds(size, mode, pads)[0] for size, pads in axes)
    kernel_size = params.integer(
        "k",
        "Kernel size k",
        3,
        1,
        k_limit,
        container=top[2],
        help="Bounded so that the kernel still fits inside the padded input.",
    )
    stride = params.integer("s", "Stride s", 1, 1, MAX_STRIDE, container=top[3])
    d_limit = min(kernel_bounds(size, mode, pads, kernel_size)[1] for size, pads in axes)
    dilation = params.integer(
        "d",
        "Dilation d",
        dilation,
        1,
        d_limit,
        container=top[4],
        help="d − 1 gaps between kernel taps; bounded so the dilated kernel still fits.",
    )
    row = params.columns([2, 2, 1])
    input_preset = params.choice(
        "input",
        "Input",
        INPUT_PRESETS,
        "random",
        labels=INPUT_LABELS,
        widget="select",
        container=row[0],
    )
    kernel_preset = params.choice(
        "kernel",
        "Kernel",
        (*KERNEL_PRESETS, "custom"),
        "sobel",
        labels=KERNEL_LABELS,
        widget="select",
        container=row[1],
    )
    seed = params.integer("seed", "Seed", 0, 0, 99, container=row[2])
    custom = ""
    if kernel_preset == "custom":
        custom = params.text(
            "weights",
            "Custom kernel (rows separated by ;)",
            "1 0 -1; 1 0 -1; 1 0 -1",
            lambda text: parse_kernel(text, kernel_size),
            describe=f"a {kernel_size}×{kernel_size} kernel",
            help=f"{kernel_size * kernel_size} numbers, e.g. 0 1; 2 3 for k = 2.",
        )
        if custom is None:  # nothing typed fits this k yet: the default kernel meanwhile
            kernel_preset, custom = "sobel", ""
    return Conv2dSpec(
        height,
        width,
        kernel_size,
        stride,
        dilation,
        mode,
        explicit,
        input_preset,
        kernel_preset,
        seed,
        custom,
    )


@dataclass(frozen=True)
class Conv1dSpec:
    """The sequence view of the Conv1d page."""

    length: int
    kernel_size: int
    stride: int
    dilation: int
    padding_mode: str
    explicit: tuple[int, int]
    signal: str
    kernel_preset: str
    seed: int

    @property
    def padding(self) -> str | tuple[int, int]:
        return self.explicit if self.padding_mode == "explicit" else self.padding_mode


def conv1d_controls(params: PageParams) -> Conv1dSpec:
    """Widgets of the Conv1d page's sequence view."""
    top = params.columns(4)
    length = params.integer("n", "Sequence length", 10, 3, MAX_LENGTH_1D, container=top[0])
    mode, (explicit,) = _padding_widgets(params, ("valid", "same", "full", "causal"), ("length",))
    k_limit, _ = kernel_bounds(length, mode, sum(explicit), max_padded=32)
    kernel_size = params.integer("k", "Kernel size k", 3, 1, k_limit, container=top[1])
    stride = params.integer("s", "Stride s", 1, 1, MAX_STRIDE, container=top[2])
    _, d_limit = kernel_bounds(length, mode, sum(explicit), kernel_size, max_padded=32)
    dilation = params.integer("d", "Dilation d", 1, 1, d_limit, container=top[3])
    row = params.columns([2, 2, 1])
    signal = params.choice(
        "input",
        "Signal",
        SEQUENCE_PRESETS,
        "ramp",
        labels=INPUT_LABELS,
        widget="select",
        container=row[0],
    )
    kernel_preset = params.choice(
        "kernel",
        "Kernel",
        KERNEL_PRESETS,
        "sobel",
        labels={**KERNEL_LABELS, "sobel": "difference"},
        widget="select",
        container=row[1],
    )
    seed = params.integer("seed", "Seed", 0, 0, 99, container=row[2])
    return Conv1dSpec(
        length, kernel_size, stride, dilation, mode, explicit, signal, kernel_preset, seed
    )


@dataclass(frozen=True)
class FeatureSpec:
    """The frames × features view of the Conv1d page."""

    frames: int
    features: int
    kernel_size: int
    out_channels: int
    seed: int


MAX_FEATURE_KERNEL = 9


def feature_controls(params: PageParams) -> FeatureSpec:
    """Widgets of the frames × features (speech) view."""
    columns = params.columns(4)
    frames = params.integer("t", "Frames T", 24, 8, 40, container=columns[0])
    features = params.choice(
        "f",
        "Features F",
        ("4", "16", "80"),
        "80",
        container=columns[1],
        help="80 log-mel features per frame is the usual speech front end.",
    )
    # a VALID Conv1d needs the window inside the T frames: n ≤ T
    kernel_size = params.integer(
        "kn", "Kernel size n", 5, 1, min(MAX_FEATURE_KERNEL, frames), container=columns[2]
    )
    out_channels = params.integer("co", "Output channels C_out", 256, 1, 512, container=columns[3])
    return FeatureSpec(frames, int(features), kernel_size, out_channels, 0)
