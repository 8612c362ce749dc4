"""Standard convolution: a kernel sliding over a 2-D input, with every padding mode."""

from functools import partial

import streamlit as st

from conv_engine import ConvGeometry
from conv_engine.reference import conv2d_reference
from ui import cached
from ui.animation import sliding_animation
from ui.controls import Conv2dSpec, conv2d_controls
from ui.formulas import (
    kernel_extent_latex,
    output_size_latex,
    same_padding_latex,
    same_padding_sentence,
)
from ui.panels import code_panel, config_error, formula_panel
from ui.sections import controls_last, section
from ui.shell import finish_page, start_page

AXES = ((0, "height"), (1, "width"))

params = start_page(
    "standard",
    "🔲 Standard convolution",
    "A small **kernel** slides over the input; at each position the overlapping numbers are "
    "multiplied and summed into one **output** cell. **Padding** adds zeros around the "
    "input (grey, hatched), **stride** skips positions, **dilation** spreads the kernel.",
)


def sizes_summary(spec: Conv2dSpec, geometry: ConvGeometry) -> None:
    """Input, padded, k_eff and output sizes, and for SAME which side got the extra zero."""
    (out_h, out_w), (pad_h, pad_w) = geometry.output_size, geometry.padding
    columns = st.columns(3)
    columns[0].metric(
        "Input → padded",
        "{} × {} → {} × {}".format(spec.height, spec.width, *geometry.padded_size),
        help=f"zeros added: top {pad_h[0]}, bottom {pad_h[1]}, left {pad_w[0]}, right {pad_w[1]}",
    )
    columns[1].metric("Kernel extent k_eff", "{} × {}".format(*geometry.kernel_extent))
    columns[2].metric("Output", f"{out_h} × {out_w}")
    if spec.padding_mode == "same":
        st.info(
            f"**SAME** pads so that the output has ⌈i/s⌉ cells per axis. "
            f"{same_padding_sentence(geometry, ('height', 'width'))}. This is TensorFlow/Keras' "
            "rule (PyTorch's `padding='same'` agrees at stride 1 and refuses stride > 1).",
            icon="📐",
        )


@section(params)
def sliding_section() -> None:
    """Controls, sizes, the animation and its formulas: rerun alone when a control moves."""
    with controls_last(params, conv2d_controls) as spec:
        try:
            trace = cached.conv2d_trace(spec)
        except ValueError as error:
            config_error(error, "Reduce k or d, add padding, or choose SAME/FULL.")
            return
        # the figure goes to the browser first: the sizes above it follow
        summary = st.container()
        sliding_animation("standard", trace, partial(cached.conv2d_figure, spec))
        with summary:
            sizes_summary(spec, trace.geometry)
        formula_panel(
            [
                kernel_extent_latex(spec.kernel_size, spec.dilation),
                output_size_latex(trace.geometry, 0, r"o_\text{height}"),
                output_size_latex(trace.geometry, 1, r"o_\text{width}"),
                *(
                    [same_padding_latex(trace.geometry, axis, name) for axis, name in AXES]
                    if spec.padding_mode == "same"
                    else []
                ),
            ]
        )


sliding_section()
st.markdown(
    "- **VALID** adds nothing: the kernel only visits positions where it fits, so the output "
    "has ⌊(i − k_eff)/s⌋ + 1 cells per axis (at stride 1: k_eff − 1 fewer than the input).\n"
    "- **SAME** adds just enough zeros to keep ⌈i/s⌉ outputs; with stride 1 the size is kept.\n"
    "- **FULL** pads k_eff − 1 on each side: every overlap of kernel and input counts.\n"
    "- **Stride s > 1** skips positions and **downsamples** by about s."
)
code_panel([conv2d_reference])
finish_page(params, keep=("step",))
