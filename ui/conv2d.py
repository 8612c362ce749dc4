"""The 2-D sliding-window kit: the controls, the spec and the cached computations that the
Standard page, the Dilated page's first section and the home page's demo share.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import streamlit as st

import conv_engine as ce
from conv_engine.presets import (
    INPUT_PRESETS,
    KERNEL_PRESETS,
    image_patch,
    input_preset,
    kernel_preset,
)
from i18n import N_, t
from viz import code
from viz.scenes import sliding_scene
from viz.volume import layer_scene

from .cache import cached
from .channels import (
    LAYER_LIMITS,
    MAX_LAYER_KERNEL,
    channel_controls,
    layer_arrays,
    shows_layer,
)
from .choices import (
    MAX_INPUT_2D,
    MAX_PADDED_2D,
    MAX_STRIDE,
    input_and_kernel,
    kernel_bounds,
    padding_controls,
    padding_fill,
)
from .params import PageParams
from .picture import Picture, picture_array, picture_uploader
from .slide_titles import padding_words, sliding_title

AXES = (N_("height"), N_("width"))  # said through t() where a sentence names an axis


# --- controls --------------------------------------------------------------------------


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
            raise ValueError(t("{number} is not a number", number=repr(number[:12]))) from None
    if len(values) != expected:
        shape = f"{kernel_size}×{kernel_size}" if ndim == 2 else f"{kernel_size}"
        raise ValueError(
            t(
                "k = {k} needs {expected} numbers ({shape}), got {got}",
                k=kernel_size,
                expected=expected,
                shape=shape,
                got=len(values),
            )
        )
    if any(abs(v) > 1e6 or v != v for v in values):
        raise ValueError(t("each number must be finite and at most 10⁶ in size"))
    return tuple(values)


@dataclass(frozen=True)
class Conv2dSpec:
    """Everything a 2-D sliding-window page computes from."""

    height: int
    width: int
    kernel_size: int
    stride: int
    dilation: int
    padding_rule: str
    explicit: tuple[tuple[int, int], tuple[int, int]]
    input_preset: str
    kernel_preset: str
    seed: int
    custom_kernel: str
    padding_mode: str = "zeros"  # what fills the padding (PyTorch's padding_mode)
    in_channels: int = 1
    out_channels: int = 1
    bias: bool = False
    picture: Picture | None = None  # the viewer's own picture, for the "image" input

    @property
    def private(self) -> bool:
        """Made from the viewer's own picture: never cached or shared (ui.cache)."""
        return self.picture is not None and self.input_preset == "image"

    @property
    def padding(self) -> str | tuple[tuple[int, int], tuple[int, int]]:
        return self.explicit if self.padding_rule == "explicit" else self.padding_rule

    @property
    def is_layer(self) -> bool:
        """Channels or a bias: the page draws the layer's volumes, not one kernel on one map."""
        return self.in_channels > 1 or self.out_channels > 1 or self.bias


def conv2d_title(spec: Conv2dSpec) -> str:
    """The layer in words, for a slide: ``Conv2d 6×6, k = 3, s = 2, SAME``."""
    operator = "Conv2d"
    if spec.is_layer:  # Conv2d 3→2 (+ b)
        operator = f"Conv2d {spec.in_channels}→{spec.out_channels}" + (" + b" if spec.bias else "")
    return sliding_title(
        operator,
        (spec.height, spec.width),
        spec.kernel_size,
        spec.stride,
        spec.dilation,
        padding_words(spec.padding_rule, spec.explicit, spec.padding_mode),
    )


def conv2d_controls(
    params: PageParams,
    size: int = 6,
    dilation: int = 1,
    padding: str = "valid",
    channels: bool = False,
) -> Conv2dSpec:
    """The main controls (k, s, d, padding, sizes), bounded so the kernel always fits, then
    the input and the kernel in an expander. ``size``, ``dilation`` and ``padding`` are the
    page's defaults; ``channels`` adds C_in, C_out and the bias (the Standard page)."""
    mode, explicit = padding_controls(params, ("valid", "same", "full"), AXES, padding)
    fill = padding_fill(params, mode)
    # a layer's volumes are smaller: its channels multiply every map and every step
    layer = channels and shows_layer(params)
    largest, padded = LAYER_LIMITS if layer else (MAX_INPUT_2D, MAX_PADDED_2D)
    size_help = t("At most {largest} with channels or a bias.", largest=largest) if layer else None
    left, right = st.columns(2)
    height = params.integer(
        "h", t("Input height"), size, 3, largest, container=left, help=size_help
    )
    width = params.integer("w", t("Input width"), size, 3, largest, container=right, help=size_help)
    axes = ((height, sum(explicit[0])), (width, sum(explicit[1])))
    k_limit = min(kernel_bounds(n, mode, pads, max_padded=padded)[0] for n, pads in axes)
    kernel_size = params.integer(
        "k",
        t("Kernel size k"),
        3,
        1,
        min(k_limit, MAX_LAYER_KERNEL) if layer else k_limit,
        help=t("Bounded so that the kernel still fits inside the padded input."),
        shortcut="K",
    )
    left, right = st.columns(2)
    stride = params.integer("s", t("Stride s"), 1, 1, MAX_STRIDE, container=left, shortcut="S")
    d_limit = min(
        kernel_bounds(n, mode, pads, kernel_size, max_padded=padded)[1] for n, pads in axes
    )
    dilation = params.integer(
        "d",
        t("Dilation d"),
        dilation,
        1,
        d_limit,
        container=right,
        help=t("d − 1 gaps between kernel taps; bounded so the dilated kernel still fits."),
        shortcut="D",
    )
    in_channels, out_channels, bias = channel_controls(params) if channels else (1, 1, False)
    picture = None
    with st.expander(t("Input and kernel")):
        input_choice, kernel_choice, seed = input_and_kernel(
            params, INPUT_PRESETS, (*KERNEL_PRESETS, "custom"), defaults=("random", "sobel", 0)
        )
        if channels and input_choice == "image":  # the Standard page: the viewer's own
            picture = picture_uploader(params.key("picture"))
        custom = ""
        if kernel_choice == "custom":
            custom = params.text(
                "weights",
                t("Custom kernel (rows separated by ;)"),
                "1 0 -1; 1 0 -1; 1 0 -1",
                lambda text: parse_kernel(text, kernel_size),
                describe=t("a {kernel_size}×{kernel_size} kernel", kernel_size=kernel_size),
                help=t(
                    "{count} numbers, e.g. 0 1; 2 3 for k = 2.", count=kernel_size * kernel_size
                ),
            )
            if custom is None:  # nothing typed fits this k yet: the default kernel meanwhile
                kernel_choice, custom = "sobel", ""
    return Conv2dSpec(
        height,
        width,
        kernel_size,
        stride,
        dilation,
        mode,
        explicit,
        input_choice,
        kernel_choice,
        seed,
        custom,
        fill,
        in_channels,
        out_channels,
        bias,
        picture,
    )


# --- cached computations ---------------------------------------------------------------


@cached
def conv2d_arrays(spec: Conv2dSpec) -> tuple[np.ndarray, np.ndarray]:
    """The input grid and kernel a spec describes (channel 0 and kernel 0's first slice)."""
    image = picture_array(spec.picture) if spec.input_preset == "image" else None
    x = input_preset(spec.input_preset, (spec.height, spec.width), spec.seed, image)
    if spec.kernel_preset == "custom":
        values = parse_kernel(spec.custom_kernel, spec.kernel_size)
        return x, np.array(values).reshape(spec.kernel_size, spec.kernel_size)
    return x, kernel_preset(spec.kernel_preset, spec.kernel_size, spec.seed)


@cached
def conv2d_layer_arrays(spec: Conv2dSpec) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """The layer's input ``(C_in, H, W)``, weight ``(C_out, C_in, k, k)`` and bias: channel
    ``c`` the input preset drawn with seed ``seed + c``; with three channels or more a
    picture gives its red, green and blue (:func:`ui.channels.layer_arrays`)."""
    x, w = conv2d_arrays(spec)
    image = picture_array(spec.picture) if spec.input_preset == "image" else None
    size = (spec.height, spec.width)
    colours = image is not None and spec.in_channels >= 3  # a picture's red, green, blue

    def channel(c: int) -> np.ndarray:
        if colours and c < 3:
            return image_patch(image[..., c], size)
        return input_preset(spec.input_preset, size, spec.seed + c, image)

    return layer_arrays(
        channel(0) if colours else x,
        channel,
        w,
        spec.in_channels,
        spec.out_channels,
        spec.bias,
    )


@cached
def conv2d_trace(spec: Conv2dSpec) -> ce.ConvTrace:
    x, w = conv2d_arrays(spec)
    return ce.conv_trace(
        x, w, spec.stride, spec.padding, spec.dilation, padding_mode=spec.padding_mode
    )


@cached
def conv2d_layer(spec: Conv2dSpec) -> ce.LayerTrace:
    """The Standard page's layer: its channels, kernels and bias, step by step."""
    x, weight, bias = conv2d_layer_arrays(spec)
    return ce.layer_trace(
        x, weight, bias, spec.stride, spec.padding, spec.dilation, padding_mode=spec.padding_mode
    )


@cached
def conv2d_scene(spec: Conv2dSpec) -> dict:
    if spec.is_layer:
        return layer_scene(conv2d_layer(spec))
    return sliding_scene(conv2d_trace(spec))


@cached
def conv2d_code(spec: Conv2dSpec) -> code.Snippets:
    if spec.is_layer:
        return code.page_layer_code(conv2d_layer_arrays(spec), spec, conv2d_layer(spec))
    return code.sliding_code(*conv2d_arrays(spec), spec, conv2d_trace(spec))
