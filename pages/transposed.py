"""Transposed convolution: upsampling three ways, output_padding, checkerboards."""

import streamlit as st

import conv_engine as ce
from conv_engine.reference import conv_transpose2d_reference
from ui import cached
from ui.animation import pinned_step
from ui.controls import transposed_controls
from ui.formulas import transposed_size_latex
from ui.panels import code_panel, formula_panel, header, link_page, plot
from ui.params import PageParams
from ui.shell import ensure_navigation

ensure_navigation()

params = PageParams("transposed")
header(
    "🔼 Transposed convolution",
    "A transposed convolution runs a convolution's **shape mapping backwards**: a small input "
    "becomes a large output. It is what Keras calls `Conv2DTranspose` (default padding VALID) "
    "and PyTorch `ConvTranspose2d`. Below, the same operation three ways.",
)
notices = st.container()
spec = transposed_controls(params)
zero_insertion, scatter = cached.transposed_traces(spec)
size = zero_insertion.output.shape[0]
formula_panel(
    transposed_size_latex(
        spec.size,
        spec.kernel_size,
        spec.stride,
        spec.padding,
        spec.output_padding,
        spec.dilation,
        size,
    )
)
with st.expander("The article's chain: 7 → 15 → 31 with two stacked layers (F = 3, S = 2)"):
    st.markdown(
        "The article notes that when 2·padding equals output_padding the two terms "
        "cancel, leaving (W − 1)·S + F; with the default VALID padding both are 0."
    )
    plot(cached.article_chain(), params.key("chain_chart"))

step = pinned_step("transposed", zero_insertion)
views = st.tabs(
    [
        "✳️ Scatter",
        "0️⃣ Zero insertion",
        "▦ Matrix",
        "🎯 output_padding",
        "🏁 Checkerboard",
        "↔️ Deconv vs dilated",
    ]
)
insertion_figure, scatter_view, matrix_view = cached.transposed_figures(spec, step)
with views[0]:
    st.markdown(
        "Each input cell **stamps the kernel, scaled by its value**, into the output; "
        "where stamps overlap they add up. The dashed cell is the pinned output cell."
    )
    plot(scatter_view, params.key("scatter_chart"))
with views[1]:
    st.markdown(
        f"Insert **s − 1 = {spec.stride - 1}** zero(s) between input cells (a *fractionally "
        f"strided* conv, stride 1/{spec.stride}), pad by d·(k − 1) − p (plus output_padding "
        "at the far end), then run an ordinary stride-1 conv with the **flipped** kernel."
    )
    plot(insertion_figure, params.key("chart"), selectable=True)
with views[2]:
    st.markdown(
        "Flatten the grids: a convolution is a matrix **C** (one row per output cell). "
        "The transposed convolution is **Cᵀ**, hence the name. The outlined row makes "
        "the pinned output cell."
    )
    plot(matrix_view, params.key("matrix_chart"))
with views[3]:
    sizes = ce.input_sizes_for_output(
        spec.size, spec.kernel_size, spec.stride, spec.padding, spec.dilation
    )
    st.markdown(
        f"A stride-{spec.stride} conv (k = {spec.kernel_size}, p = {spec.padding}) maps "
        f"**every** input size in {list(sizes)} to the same output size {spec.size}. "
        "Going back, `output_padding` picks which one; the extra cells are at the far "
        "end and receive real contributions when p > 0."
    )
    st.table(cached.output_padding_rows(spec))
with views[4]:
    st.markdown(
        "How many (input cell, tap) pairs land on each output cell. When **s does not "
        "divide k** the counts alternate — the checkerboard artefact — and stacking "
        "compounds it; resizing first and then convolving spreads evenly."
    )
    plot(cached.checkerboard_panels(spec), params.key("counts_chart"))
    plot(cached.checkerboard_image(spec), params.key("image_chart"))
with views[5]:
    st.markdown(
        "**Transposed conv** inserts zeros *between input pixels* and enlarges the "
        "output (upsampling). **Dilated conv** inserts zeros *inside the kernel* and "
        "enlarges the receptive field at the same resolution. With stride s: s > 1 "
        "downsamples, s = 1 keeps the size, 0 < s < 1 (transposed) upsamples."
    )
    plot(cached.deconv_vs_dilated(spec), params.key("versus_chart"))
    link_page(
        "dilated",
        "Open the dilated convolution page with the same k",
        {"k": str(spec.kernel_size), "d": "2"},
    )
code_panel([conv_transpose2d_reference])
with notices:
    params.show_notices()
params.publish(keep=("step",))
