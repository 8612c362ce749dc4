"""The six views of the transposed-convolution page, as tabs that are drawn when opened."""

from __future__ import annotations

from math import gcd

import numpy as np
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
            dilated = (
                f", dilated by d = {spec.dilation} like the transposed conv"
                if spec.dilation > 1
                else ""
            )
            st.markdown(
                f"Insert **s − 1 = {spec.stride - 1}** zero(s) between input cells (a "
                f"*fractionally strided* conv, stride 1/{spec.stride}), pad by d·(k − 1) − p "
                "(plus output_padding at the far end), then run a stride-1 conv with the "
                f"**flipped** kernel{dilated}."
            )
            plot(insertion_figure, params.key("chart"), selectable=True)
    if views[2].open:
        with views[2]:
            st.markdown(
                "Flatten the grids: a convolution is a matrix **C** (one row per output cell). "
                "The transposed convolution is **Cᵀ**, hence the name. The outlined row makes "
                "the pinned output cell; cells that no stamp reaches (e.g. added by "
                "output_padding) are rows of zeros."
            )
            plot(matrix_view, params.key("matrix_chart"))
    if views[3].open:
        with views[3]:
            st.markdown(output_padding_text(spec))
            st.table(cached.output_padding_rows(spec))
    if views[4].open:
        with views[4]:
            st.markdown(
                "How many (input cell, tap) pairs land on each output cell. "
                + checkerboard_text(spec.kernel_size, spec.stride, spec.dilation)
                + " Resizing first and then convolving spreads evenly."
            )
            plot(cached.checkerboard_panels(spec), params.key("counts_chart"))
            plot(cached.checkerboard_image(spec), params.key("image_chart"))
    if views[5].open:
        with views[5]:
            st.markdown(
                "**Transposed conv** inserts zeros *between input pixels* and enlarges the "
                "output (upsampling). **Dilated conv** inserts zeros *inside the kernel* and "
                "enlarges the receptive field at the same resolution. With stride s: s > 1 "
                "downsamples, s = 1 keeps the size (with SAME padding), 0 < s < 1 (transposed) "
                "upsamples."
            )
            plot(cached.deconv_vs_dilated(spec), params.key("versus_chart"))
            link_page(
                "dilated",
                "Open the dilated convolution page with the same k",
                {"k": str(spec.kernel_size), "d": "2"},
            )


def output_padding_text(spec: TransposedSpec) -> str:
    """Why output_padding exists at this stride, and what it does to the cells it adds."""
    k, s, p, d, n = spec.kernel_size, spec.stride, spec.padding, spec.dilation, spec.size
    sizes = list(ce.input_sizes_for_output(n, k, s, p, d))
    dilation = f", d = {d}" if d > 1 else ""
    if s > 1:
        text = (
            f"A stride-{s} conv (k = {k}, p = {p}{dilation}) maps **every** input size in "
            f"{sizes} to the same output size {n}. Going back, `output_padding` (0 … {s - 1}) "
            "picks which one: it adds cells at the far end."
        )
    else:
        text = (
            f"At stride 1 a conv (k = {k}, p = {p}{dilation}) maps only **one** input size, "
            f"{sizes[0]}, to {n}: there is nothing to pick. PyTorch still accepts "
            f"output_padding < max(s, d) = {max(s, d)} (through the dilation) and appends "
            "cells at the far end; Keras refuses it (output_padding must be smaller than "
            "strides)."
        )
    if spec.output_padding:
        reached = extra_cells_reached(spec)
        op = spec.output_padding
        if reached == op:
            fate = "receive real contributions (the crop p had cut them off)"
        elif reached == 0:
            fate = "receive nothing: they stay 0"
        else:
            fate = f"{reached} of them receive contributions, the rest stay 0"
        text += f" Here output_padding = {op} adds {op} row(s) and column(s), which {fate}."
    return text


def extra_cells_reached(spec: TransposedSpec) -> int:
    """How many of the output_padding cells at the far end of an axis any stamp reaches."""
    matrix = ce.conv_transpose_matrix(
        (spec.size,),
        np.ones(spec.kernel_size),
        spec.stride,
        spec.padding,
        spec.output_padding,
        spec.dilation,
    )
    extra = matrix[matrix.shape[0] - spec.output_padding :]
    return int(np.count_nonzero(extra.any(axis=1)))


def checkerboard_text(kernel_size: int, stride: int, dilation: int) -> str:
    """The rule the overlap counts obey, and what it gives for (k, s, d), per axis."""
    pattern = ce.overlap_pattern(kernel_size, stride, dilation)
    counts = ", ".join(map(str, pattern.tolist()))
    rule = "No checkerboard exactly when **s divides k** and **gcd(s, d) = 1**."
    if len(set(pattern.tolist())) == 1:
        return (
            f"{rule} Here every interior cell receives {pattern[0]} contribution(s) per axis "
            f"(k/s = {kernel_size}/{stride}): even, no checkerboard."
        )
    if pattern.min() == 0:
        return (
            f"{rule} Here gcd(s, d) = {gcd(stride, dilation)}: by position mod {stride}, "
            f"interior cells receive {counts} contributions per axis; the cells with 0 are "
            "**never written**, the worst checkerboard."
        )
    return (
        f"{rule} Here s = {stride} does not divide k = {kernel_size}: by position mod "
        f"{stride}, interior cells receive {counts} contributions per axis. They alternate "
        "(the checkerboard), and stacking compounds it."
    )
