"""The Transposed convolution page: upsampling three ways, output_padding, checkerboards.

Its controls, cached computations, texts and views. One output cell is pinned across the
views (``?step=``): the scatter view sums into it, the zero-insertion view opens on it and
the matrix view outlines its row of Cᵀ.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

import conv_engine as ce
from conv_engine.exercises import Setting
from conv_engine.exercises.convolutions import transposed_size_question
from conv_engine.exercises.on_screen import OnScreen
from conv_engine.presets import image_patch, input_preset, kernel_preset
from i18n import nt, pt, say, sentences, t
from viz import code
from viz.scenes import scatter_scene, sliding_scene
from viz.transposed import (
    chain_figure,
    matrix_figure,
    overlap_figure,
    upsampled_photo_figure,
    zeros_scene,
)

from .cache import cached
from .choices import (
    DILATIONS,
    KERNEL_SIZES,
    MAX_TRANSPOSED,
    STRIDES,
    input_and_kernel,
    largest_crop,
    largest_input,
)
from .export import export_panel
from .frameworks import (
    TransposedSize,
    keras_transposed,
    output_padding_rows,
    transposed_size_latex,
)
from .live import offer_questions
from .page import controls_and_figure
from .panels import formula_panel, framework_panel, lazy_tabs, link_page, plot
from .params import PageParams
from .picture import Picture, picture_array, picture_uploader
from .scene import show_scene, stamp_shown
from .slide_titles import transposed_title

# --- controls --------------------------------------------------------------------------


@dataclass(frozen=True)
class TransposedSpec:
    """The transposed-convolution page (square 2-D input)."""

    size: int
    kernel_size: int
    stride: int
    padding: int
    output_padding: int
    dilation: int
    input_preset: str
    kernel_preset: str
    seed: int

    @property
    def sizes(self) -> tuple[int, int, int, int, int, int]:
        """``(n, k, s, p, output_padding, d)``: what the size formulas take."""
        return (
            self.size,
            self.kernel_size,
            self.stride,
            self.padding,
            self.output_padding,
            self.dilation,
        )


def transposed_controls(params: PageParams) -> TransposedSpec:
    """Widgets bounded by the transposed conv's rules: output ≥ 1, output_padding < max(s, d)."""
    left, right = st.columns(2)
    kernel_size = params.integer(
        "k", t("Kernel size k"), 3, KERNEL_SIZES[0], KERNEL_SIZES[-1], container=left, shortcut="K"
    )
    stride = params.integer(
        "s", t("Stride s"), 2, STRIDES[0], STRIDES[-1], container=right, shortcut="S"
    )
    left, right = st.columns(2)
    dilation = params.integer(
        "d", t("Dilation d"), 1, DILATIONS[0], DILATIONS[-1], container=left, shortcut="D"
    )
    size = params.integer(
        "n",
        t("Input size"),
        3,
        1,
        largest_input(kernel_size, stride, dilation),
        container=right,
        help=t(
            "Bounded so the output stays within {MAX_TRANSPOSED} cells.",
            MAX_TRANSPOSED=MAX_TRANSPOSED,
        ),
    )
    left, right = st.columns(2)
    padding = params.integer(
        "p",
        t("Padding p (crop)"),
        0,
        0,
        largest_crop(size, kernel_size, stride, dilation),
        container=left,
        help=t("PyTorch's transposed padding crops p cells from each side of the full output."),
    )
    output_padding = params.integer(
        "op",
        t("output_padding"),
        0,
        0,
        ce.max_output_padding(stride, dilation),
        container=right,
        help=t(
            "PyTorch needs it smaller than max(s, d), Keras smaller than s. With s > 1 "
            "it picks which of the s input sizes a strided conv maps to this output it "
            "restores."
        ),
    )
    with st.expander(t("Input and kernel")):
        input_preset, kernel_preset, seed = input_and_kernel(
            params,
            ("count", "random", "ones"),
            ("random", "box", "sobel"),
            defaults=("count", "random", 1),
            kernel_help=t(
                "A kernel that is not symmetric shows the flip of the zero-insertion view."
            ),
        )
    return TransposedSpec(
        size,
        kernel_size,
        stride,
        padding,
        output_padding,
        dilation,
        input_preset,
        kernel_preset,
        seed,
    )


# --- cached computations ---------------------------------------------------------------


@cached
def transposed_arrays(spec: TransposedSpec) -> tuple[np.ndarray, np.ndarray]:
    """Input ``(n, n)`` (small ints, 1-based so stamps stay visible) and kernel ``(k, k)``."""
    x = input_preset(spec.input_preset, (spec.size, spec.size), spec.seed)
    if spec.input_preset == "count":
        x = x + 1
    return x, kernel_preset(spec.kernel_preset, spec.kernel_size, spec.seed)


def _transpose_args(spec: TransposedSpec) -> dict:
    return {
        "stride": spec.stride,
        "padding": spec.padding,
        "output_padding": spec.output_padding,
        "dilation": spec.dilation,
    }


@cached
def transposed_traces(spec: TransposedSpec) -> tuple[ce.ConvTrace, ce.ScatterTrace]:
    x, w = transposed_arrays(spec)
    args = _transpose_args(spec)
    return ce.transposed_trace(x, w, **args), ce.scatter_trace(x, w, **args)


@cached
def transposed_code(spec: TransposedSpec) -> code.Snippets:
    x, w = transposed_arrays(spec)
    zero_insertion, _ = transposed_traces(spec)
    args = _transpose_args(spec)
    return code.transposed_code(x, w, **args, output=zero_insertion.output)


@cached
def scatter_view(spec: TransposedSpec, pinned_step: int) -> dict:
    """The scatter animation, with one output cell pinned (its full sum shown)."""
    zero_insertion, scatter = transposed_traces(spec)
    return scatter_scene(scatter, zero_insertion.output_position(pinned_step))


@cached
def zero_insertion_view(spec: TransposedSpec) -> dict:
    zero_insertion, _ = transposed_traces(spec)
    return sliding_scene(
        zero_insertion,
        titles=(t("Input: s − 1 zeros inserted, padded"), t("Kernel, flipped"), t("Output")),
    )


@cached
def matrix_view(spec: TransposedSpec, pinned_step: int) -> dict:
    """C (the conv this one transposes) and row ``pinned_step`` of Cᵀ (its output cell).

    Cᵀ is the transposed conv itself, from the one index map; output cells that no stamp
    reaches (e.g. added by output_padding) are zero rows.
    """
    x, w = transposed_arrays(spec)
    transposed = ce.conv_transpose_matrix(x.shape, w, **_transpose_args(spec))
    return matrix_figure(transposed, x.shape, pinned_row=pinned_step)


@cached
def checkerboard_panels(spec: TransposedSpec) -> dict:
    """Overlap counts for one and two layers, and for resize-then-convolve."""
    args = _transpose_args(spec)
    return overlap_figure(spec.size + 3, spec.kernel_size, **args)


@cached
def checkerboard_image(spec: TransposedSpec, picture: Picture | None = None) -> dict:
    """A photo patch (the viewer's own picture, or the app's) upsampled by a transposed conv
    (box kernel) vs resize-then-convolve."""
    patch = image_patch(picture_array(picture), (16, 16), levels=256) / 255
    return upsampled_photo_figure(patch, spec.kernel_size, spec.stride)


@cached
def article_chain() -> dict:
    """The article's two stacked Conv2DTranspose(F = 3, S = 2, VALID): 7 → 15 → 31."""
    return chain_figure(7, 3, 2)


@cached
def deconv_vs_dilated(spec: TransposedSpec) -> dict:
    """Zeros between input pixels (transposed) beside zeros inside the kernel (dilated)."""
    x, w = transposed_arrays(spec)
    return zeros_scene(x, w, max(spec.stride, 2))


# --- texts ---------------------------------------------------------------------------


def output_padding_text(spec: TransposedSpec) -> str:
    """Why output_padding exists at this stride, and what it does to the cells it adds."""
    return "".join(say(sentence) for sentence in ce.output_padding_explained(*spec.sizes))


def checkerboard_text(kernel_size: int, stride: int, dilation: int) -> str:
    """The rule the overlap counts obey, and what it gives for (k, s, d), per axis."""
    return "".join(
        say(sentence) for sentence in ce.checkerboard_explained(kernel_size, stride, dilation)
    )


# --- views -----------------------------------------------------------------------------


def transposed_section(params: PageParams) -> None:
    """Controls beside the scatter animation; the size formulas and the other views after."""
    controls, figure = controls_and_figure(params)
    with controls:
        spec = transposed_controls(params)
    zero_insertion, _ = transposed_traces(spec)
    size = zero_insertion.output.shape[0]
    step = params.step()
    step = 0 if step is None else min(step, zero_insertion.num_steps - 1)
    with figure:
        scene = scatter_view(spec, step)
        pinned = show_scene(
            scene,
            params.key("scatter_chart"),
            present=params.present,
            keys=params.present,
            shortcuts=params.shortcuts,
            pins=zero_insertion.num_steps,
        )
        if not params.present:
            layer = transposed_title(
                spec.size,
                spec.kernel_size,
                spec.stride,
                spec.padding,
                spec.output_padding,
                spec.dilation,
            )
            export_panel(params, scene, layer, stamp_shown(params.key("scatter_chart"), scene))
    if pinned is not None and pinned != step:
        params.pin_step(pinned)
        st.rerun(scope="fragment")
    on_screen = Setting(
        2,
        spec.size,
        spec.kernel_size,
        spec.stride,
        spec.dilation,
        spec.padding,
        transposed=True,
        output_padding=spec.output_padding,
    )
    offer_questions(params, [OnScreen(transposed_size_question(on_screen), -1)])
    with controls:
        st.markdown(f"**{spec.size}×{spec.size} → {size}×{size}**")
    sizes = TransposedSize(*spec.sizes, size)
    keras = keras_transposed(sizes)
    formula_panel([transposed_size_latex(sizes), *([keras.latex] if keras.latex else [])])
    for note in keras.notes:
        st.caption(note)
    show_views(params, spec, step)
    if not params.present:
        framework_panel(params, lambda: transposed_code(spec))


def show_views(params: PageParams, spec: TransposedSpec, step: int) -> None:
    """Zero insertion (and deconv vs dilated), matrix, output_padding, checkerboard: only
    the open tab is computed and drawn; all show the same pinned output cell."""
    insertion, matrix, padding, checkerboard = lazy_tabs(
        params,
        {
            "insertion": pt("a tab: the zero-insertion view", "Zeros"),
            "matrix": t("Matrix"),
            "output_padding": "output_padding",
            "checkerboard": t("Checkers"),
        },
    )
    if insertion.open:
        with insertion:
            zero_insertion_tab(params, spec, step)
    if matrix.open:
        with matrix:
            st.markdown(
                sentences(
                    t(
                        "Flatten the grids: a convolution is a matrix **C** (one row per output "
                        "cell of the conv)."
                    ),
                    t(
                        "The transposed convolution is **Cᵀ**, hence the name: the outlined "
                        "column of C is the row of Cᵀ that makes the pinned output cell. Cells "
                        "no stamp reaches (e.g. added by output_padding) get an empty column."
                    ),
                )
            )
            plot(
                matrix_view(spec, step),
                params.key("matrix_chart"),
                t(
                    "the convolution matrix C and its transpose Cᵀ, the transposed "
                    "convolution, with the pinned output cell's column of C and row of Cᵀ "
                    "outlined."
                ),
            )
    if padding.open:
        with padding:
            st.markdown(output_padding_text(spec))
            st.table(
                output_padding_rows(
                    spec.size, spec.kernel_size, spec.stride, spec.padding, spec.dilation
                )
            )
    if checkerboard.open:
        with checkerboard:
            st.markdown(
                t("**Checkerboards.** How many (input cell, tap) pairs land on each output cell.")
                + " "
                + checkerboard_text(spec.kernel_size, spec.stride, spec.dilation)
                + t(" Resizing first and then convolving spreads evenly.")
            )
            plot(
                checkerboard_panels(spec),
                params.key("counts_chart"),
                t(
                    "how many (input cell, tap) pairs land on each output cell, for one "
                    "transposed convolution, two in a row, and resize-then-convolve."
                ),
            )
            picture = picture_uploader(params.key("picture"))
            plot(
                checkerboard_image(spec, picture),
                params.key("image_chart"),
                t(
                    "a photo patch upsampled by this transposed convolution beside the same "
                    "patch resized, then convolved."
                ),
            )


def zero_insertion_tab(params: PageParams, spec: TransposedSpec, step: int) -> None:
    """The same result as a stride-1 conv over the zero-inserted input; then where the
    zeros go in a transposed conv and in a dilated one."""
    dilated = (
        t(", dilated by d = {d} like the transposed conv", d=spec.dilation)
        if spec.dilation > 1
        else ""
    )
    st.markdown(
        nt(
            "**Zero insertion.** Insert **s − 1 = {count}** zero between input cells (a "
            "*fractionally strided* conv, stride 1/{stride}), pad by d·(k − 1) − p (plus "
            "output_padding at the far end), then run a stride-1 conv with the "
            "**flipped** kernel{dilated}. It opens on the pinned output cell.",
            "**Zero insertion.** Insert **s − 1 = {count}** zeros between input cells (a "
            "*fractionally strided* conv, stride 1/{stride}), pad by d·(k − 1) − p (plus "
            "output_padding at the far end), then run a stride-1 conv with the "
            "**flipped** kernel{dilated}. It opens on the pinned output cell.",
            spec.stride - 1,
            stride=spec.stride,
            dilated=dilated,
        )
    )
    pinned = show_scene(
        zero_insertion_view(spec), params.key("chart"), step=step, present=params.present
    )
    params.pin_step(pinned)
    st.markdown(
        t(
            "**Deconv vs dilated.** A transposed conv inserts zeros *between input "
            "pixels* and enlarges the output (upsampling); a dilated conv inserts zeros "
            "*inside the kernel* and enlarges the receptive field at the same "
            "resolution. With stride s: s > 1 downsamples, s = 1 keeps the size (with "
            "SAME padding), 0 < s < 1 (transposed) upsamples."
        )
    )
    show_scene(deconv_vs_dilated(spec), params.key("versus_chart"), present=params.present)
    link_page(
        "dilated",
        t("Open the dilated convolution page with the same k"),
        {"k": str(spec.kernel_size), "d": "2"},
    )
