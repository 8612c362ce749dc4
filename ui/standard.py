"""The Standard convolution page: a 2-D kernel sliding over an input, every padding mode.

Its controls (also the Dilated page's first section), cached computations and views.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import streamlit as st

import conv_engine as ce
from conv_engine.presets import INPUT_PRESETS, KERNEL_PRESETS, input_preset, kernel_preset
from i18n import N_, t
from viz import code
from viz.scenes import sliding_scene

from .cache import cached, sample_image
from .choices import (
    MAX_INPUT_2D,
    MAX_STRIDE,
    input_and_kernel,
    kernel_bounds,
    padding_controls,
)
from .formulas import kernel_extent_latex, output_size_latex, same_padding_latex
from .page import controls_and_figure
from .panels import config_error, formula_panel, framework_panel
from .params import PageParams
from .scene import main_scene
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
    padding_mode: str
    explicit: tuple[tuple[int, int], tuple[int, int]]
    input_preset: str
    kernel_preset: str
    seed: int
    custom_kernel: str

    @property
    def padding(self) -> str | tuple[tuple[int, int], tuple[int, int]]:
        return self.explicit if self.padding_mode == "explicit" else self.padding_mode


def conv2d_title(spec: Conv2dSpec) -> str:
    """The layer in words, for a slide: ``Conv2d 6×6, k = 3, s = 2, SAME``."""
    return sliding_title(
        "Conv2d",
        (spec.height, spec.width),
        spec.kernel_size,
        spec.stride,
        spec.dilation,
        padding_words(spec.padding_mode, spec.explicit),
    )


def conv2d_controls(
    params: PageParams, size: int = 6, dilation: int = 1, padding: str = "valid"
) -> Conv2dSpec:
    """The main controls (k, s, d, padding, sizes), bounded so the kernel always fits, then
    the input and the kernel in an expander. ``size``, ``dilation`` and ``padding`` are the
    page's defaults."""
    mode, explicit = padding_controls(params, ("valid", "same", "full"), AXES, padding)
    left, right = st.columns(2)
    height = params.integer("h", t("Input height"), size, 3, MAX_INPUT_2D, container=left)
    width = params.integer("w", t("Input width"), size, 3, MAX_INPUT_2D, container=right)
    axes = ((height, sum(explicit[0])), (width, sum(explicit[1])))
    k_limit = min(kernel_bounds(n, mode, pads)[0] for n, pads in axes)
    kernel_size = params.integer(
        "k",
        t("Kernel size k"),
        3,
        1,
        k_limit,
        help=t("Bounded so that the kernel still fits inside the padded input."),
        shortcut="K",
    )
    left, right = st.columns(2)
    stride = params.integer("s", t("Stride s"), 1, 1, MAX_STRIDE, container=left, shortcut="S")
    d_limit = min(kernel_bounds(n, mode, pads, kernel_size)[1] for n, pads in axes)
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
    with st.expander(t("Input and kernel")):
        input_choice, kernel_choice, seed = input_and_kernel(
            params, INPUT_PRESETS, (*KERNEL_PRESETS, "custom"), defaults=("random", "sobel", 0)
        )
        custom = ""
        if kernel_choice == "custom":
            custom = params.text(
                "weights",
                t("Custom kernel (rows separated by ;)"),
                "1 0 -1; 1 0 -1; 1 0 -1",
                lambda text: parse_kernel(text, kernel_size),
                describe=t("a {kernel_size}×{kernel_size} kernel", kernel_size=kernel_size),
                help=t("{v0} numbers, e.g. 0 1; 2 3 for k = 2.", v0=kernel_size * kernel_size),
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
    )


# --- cached computations ---------------------------------------------------------------


@cached
def conv2d_arrays(spec: Conv2dSpec) -> tuple[np.ndarray, np.ndarray]:
    """The input grid and kernel a spec describes."""
    image = sample_image() if spec.input_preset == "image" else None
    x = input_preset(spec.input_preset, (spec.height, spec.width), spec.seed, image)
    if spec.kernel_preset == "custom":
        values = parse_kernel(spec.custom_kernel, spec.kernel_size)
        return x, np.array(values).reshape(spec.kernel_size, spec.kernel_size)
    return x, kernel_preset(spec.kernel_preset, spec.kernel_size, spec.seed)


@cached
def conv2d_trace(spec: Conv2dSpec) -> ce.ConvTrace:
    x, w = conv2d_arrays(spec)
    return ce.conv_trace(x, w, spec.stride, spec.padding, spec.dilation)


@cached
def conv2d_scene(spec: Conv2dSpec) -> dict:
    return sliding_scene(conv2d_trace(spec))


@cached
def conv2d_code(spec: Conv2dSpec) -> code.Snippets:
    x, w = conv2d_arrays(spec)
    trace = conv2d_trace(spec)
    return code.conv_code(
        x, w, spec.stride, spec.padding_mode, trace.geometry.padding, spec.dilation, trace.output
    )


# --- views -----------------------------------------------------------------------------


def sizes_line(spec: Conv2dSpec, geometry: ce.ConvGeometry) -> str:
    """Input → output sizes in one short line, the padded size and k_eff after it."""
    (out_h, out_w) = geometry.output_size
    padded = "{}×{}".format(*geometry.padded_size)
    extent = "{}×{}".format(*geometry.kernel_extent)
    return t(
        "**{height}×{width} → {out_h}×{out_w}** · padded {padded} · k_eff {extent}",
        height=spec.height,
        width=spec.width,
        out_h=out_h,
        out_w=out_w,
        padded=padded,
        extent=extent,
    )


def same_padding_note(geometry: ce.ConvGeometry) -> str | None:
    """For SAME with an odd total pad: which side got the extra zero (TF's rule)."""
    parts = []
    for axis, name in enumerate(AXES):
        before, after = geometry.padding[axis]
        first, last = ("top", "bottom") if name == "height" else ("left", "right")
        if before != after:
            parts.append(
                t(
                    "{axis}: {before} on the {first}, **{after} on the {last}**",
                    axis=t(name),
                    before=before,
                    first=t(first),
                    after=after,
                    last=t(last),
                )
            )
    if not parts:
        return None
    return t(
        "SAME puts the odd zero at the end — {parts}. This is TensorFlow/Keras' rule; "
        "PyTorch's `padding='same'` agrees at stride 1 and refuses stride > 1.",
        parts="; ".join(parts),
    )


def sliding_formulas(spec: Conv2dSpec, geometry: ce.ConvGeometry) -> list[str]:
    """k_eff, the output size per axis and, for SAME, the padding rule per axis."""
    lines = [kernel_extent_latex(spec.kernel_size, spec.dilation)]
    lines += [
        output_size_latex(geometry, axis, rf"o_\text{{{name}}}") for axis, name in enumerate(AXES)
    ]
    if spec.padding_mode == "same":
        lines += [same_padding_latex(geometry, axis, name) for axis, name in enumerate(AXES)]
    return lines


def standard_section(params: PageParams) -> None:
    """Controls beside the animation; sizes under the controls, formulas after."""
    controls, figure = controls_and_figure(params)
    with controls:
        spec = conv2d_controls(params)
    try:
        trace = conv2d_trace(spec)
    except ValueError as error:
        with figure:
            config_error(error, t("Reduce k or d, add padding, or choose SAME/FULL."))
        return
    with controls:
        (top, bottom), (left, right) = trace.geometry.padding
        st.markdown(
            sizes_line(spec, trace.geometry),
            help=t(
                "Zeros added: top {top}, bottom {bottom}, left {left}, right {right}.",
                top=top,
                bottom=bottom,
                left=left,
                right=right,
            ),
        )
    with figure:
        main_scene(params, conv2d_scene(spec), conv2d_title(spec))
    note = same_padding_note(trace.geometry) if spec.padding_mode == "same" else None
    if note:
        st.info(note, icon="📐")
    with st.expander(t("**The numbers, substituted**"), expanded=not params.present):
        formula_panel(sliding_formulas(spec, trace.geometry))
    if not params.present:
        framework_panel(params, lambda: conv2d_code(spec))
