"""The Standard convolution page: a 2-D kernel sliding over an input, every padding rule.

Its views and its section; the controls and computations are the 2-D kit's (``ui.conv2d``).
"""

from __future__ import annotations

import streamlit as st

import conv_engine as ce
from i18n import t

from .channels import layer_counts
from .choices import fill_hint, padding_added
from .conv2d import (
    AXES,
    Conv2dSpec,
    conv2d_code,
    conv2d_controls,
    conv2d_layer,
    conv2d_scene,
    conv2d_title,
    conv2d_trace,
)
from .formulas import kernel_extent_latex, output_size_latex, same_padding_latex
from .live import offer
from .page import controls_and_figure
from .panels import built_or_explained, formula_panel, framework_panel
from .params import PageParams
from .scene import main_scene

# --- views -----------------------------------------------------------------------------


def sizes_line(spec: Conv2dSpec, geometry: ce.ConvGeometry) -> str:
    """Input → output sizes in one short line, the padded size and k_eff after it."""
    shapes = [(spec.height, spec.width), geometry.output_size, geometry.padded_size]
    if spec.is_layer:  # the volumes: channels × height × width
        shapes[0] = (spec.in_channels, *shapes[0])
        shapes[1] = (spec.out_channels, *shapes[1])
    size_in, size_out, padded = ("×".join(map(str, shape)) for shape in shapes)
    return t(
        "**{size_in} → {size_out}** · padded {padded} · k_eff {extent}",
        size_in=size_in,
        size_out=size_out,
        padded=padded,
        extent="×".join(map(str, geometry.kernel_extent)),
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
    if spec.padding_rule == "same":
        lines += [same_padding_latex(geometry, axis, name) for axis, name in enumerate(AXES)]
    return lines


def standard_section(params: PageParams) -> None:
    """Controls beside the animation; sizes under the controls, formulas after."""
    controls, figure = controls_and_figure(params)
    with controls:
        spec = conv2d_controls(params, channels=True)
    build = (lambda: conv2d_layer(spec)) if spec.is_layer else (lambda: conv2d_trace(spec))
    trace = built_or_explained(
        build,
        figure,
        t("Reduce k or d, add padding, or choose SAME/FULL.") + fill_hint(spec.padding_mode),
    )
    if trace is None:
        return
    with controls:
        (top, bottom), (left, right) = trace.geometry.padding
        st.markdown(
            sizes_line(spec, trace.geometry),
            help=t(
                "{added}: top {top}, bottom {bottom}, left {left}, right {right}.",
                added=padding_added(spec.padding_mode),
                top=top,
                bottom=bottom,
                left=left,
                right=right,
            ),
        )
        if spec.is_layer:
            st.markdown(layer_counts(trace))
    offer(params, "standard", trace)  # a layer's questions are about its volumes
    with figure:
        main_scene(params, conv2d_scene(spec), conv2d_title(spec))
    note = same_padding_note(trace.geometry) if spec.padding_rule == "same" else None
    if note:
        st.info(note, icon="📐")
    with st.expander(t("**The numbers, substituted**"), expanded=not params.present):
        formula_panel(sliding_formulas(spec, trace.geometry))
    if not params.present:
        framework_panel(params, lambda: conv2d_code(spec))
