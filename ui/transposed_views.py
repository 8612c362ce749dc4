"""The six views of the transposed-convolution page, as tabs that are drawn when opened."""

from __future__ import annotations

import streamlit as st

import conv_engine as ce

from . import cached
from .controls import TransposedSpec
from .panels import lazy_tabs, link_page, plot
from .params import PageParams


def show_views(params: PageParams, spec: TransposedSpec, step: int) -> None:
    """Scatter, zero insertion, matrix, output_padding, checkerboard, deconv vs dilated.

    All views show the same pinned output ``step``; only the open tab is computed and drawn
    (each view is a plotly figure the browser would otherwise redraw on every change).
    """
    views = lazy_tabs(
        params,
        [
            "✳️ Scatter",
            "0️⃣ Zero insertion",
            "▦ Matrix",
            "🎯 output_padding",
            "🏁 Checkerboard",
            "↔️ Deconv vs dilated",
        ],
    )
    if any(view.open for view in views[:3]):
        insertion_figure, scatter_view, matrix_view = cached.transposed_figures(spec, step)
    if views[0].open:
        with views[0]:
            st.markdown(
                "Each input cell **stamps the kernel, scaled by its value**, into the output; "
                "where stamps overlap they add up. The dashed cell is the pinned output cell."
            )
            plot(scatter_view, params.key("scatter_chart"))
    if views[1].open:
        with views[1]:
            st.markdown(
                f"Insert **s − 1 = {spec.stride - 1}** zero(s) between input cells (a "
                f"*fractionally strided* conv, stride 1/{spec.stride}), pad by d·(k − 1) − p "
                "(plus output_padding at the far end), then run an ordinary stride-1 conv with "
                "the **flipped** kernel."
            )
            plot(insertion_figure, params.key("chart"), selectable=True)
    if views[2].open:
        with views[2]:
            st.markdown(
                "Flatten the grids: a convolution is a matrix **C** (one row per output cell). "
                "The transposed convolution is **Cᵀ**, hence the name. The outlined row makes "
                "the pinned output cell."
            )
            plot(matrix_view, params.key("matrix_chart"))
    if views[3].open:
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
    if views[4].open:
        with views[4]:
            st.markdown(
                "How many (input cell, tap) pairs land on each output cell. When **s does not "
                "divide k** the counts alternate — the checkerboard artefact — and stacking "
                "compounds it; resizing first and then convolving spreads evenly."
            )
            plot(cached.checkerboard_panels(spec), params.key("counts_chart"))
            plot(cached.checkerboard_image(spec), params.key("image_chart"))
    if views[5].open:
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
