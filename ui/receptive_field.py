"""The Receptive-field lab: any stack of layers, its per-layer numbers, what one output sees.

Its controls (a preset and the one table that edits the stack), cached computations and
views. The stack travels in the link as text (``layers=conv:3:1:1:1;…``, see
:mod:`ui.layers`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

import conv_engine as ce
from i18n import N_, say, sentences, t
from viz import code, theme
from viz.heatmaps import heatmaps_figure
from viz.receptive import MAX_CONE_INPUT, cone_figure, span_scene

from . import layers as stack_text
from .cache import cached
from .choices import LAB_LENGTHS
from .export import export_panel
from .layers import PRESETS
from .page import controls_and_figure
from .panels import formula_panel, framework_panel, plot
from .params import PageParams
from .pasted_model import lab_stack, model_table, paste_controls
from .scene import show_scene
from .sections import section
from .slide_titles import stack_title

MAX_GRID_2D = 96
CONE_LIMIT = N_("The layer-by-layer cone is drawn for inputs up to {most} cells.")

# --- controls --------------------------------------------------------------------------


@dataclass(frozen=True)
class StackSpec:
    """The receptive-field lab: a stack, an input length and its per-layer numbers."""

    layers: tuple[ce.Layer, ...]
    input_size: int
    rows: tuple[ce.ReceptiveFieldRow, ...]


def stack_controls(params: PageParams) -> StackSpec | None:
    """Preset + the editable layer table + input size.

    Returns None (after explaining why) when the stack has no output for this input size.
    """
    preset = params.choice(
        "preset", t("Start from"), (*PRESETS, N_("custom")), "plain 3×3 × 3", widget="select"
    )
    # a newly chosen preset replaces the stack (before the table is drawn in this run)
    previous = params.key("previous_preset")
    if preset != "custom" and st.session_state.get(previous, preset) != preset:
        st.session_state[params.key("layers")] = PRESETS[preset]
    st.session_state[previous] = preset
    encoded = params.stored(
        "layers",
        PRESETS.get(preset, PRESETS["plain 3×3 × 3"]),
        stack_text.check_encoded,
        describe=t("a valid layer stack"),
    )
    edited = st.data_editor(
        stack_text.decode(encoded),
        num_rows="dynamic",
        hide_index=True,
        # a new stack (preset or link) starts a new editor; edits stay in this one
        key=params.key(f"table_{abs(hash(encoded)) % 10**8}"),
        column_config={
            "kind": st.column_config.SelectboxColumn(
                t("kind"), options=list(stack_text.KINDS), width=56
            ),
            "kernel": st.column_config.NumberColumn(
                "k", min_value=1, max_value=4096, step=1, width=44
            ),
            "stride": st.column_config.NumberColumn(
                "s", min_value=1, max_value=64, step=1, width=44
            ),
            "dilation": st.column_config.NumberColumn(
                "d", min_value=1, max_value=1024, step=1, width=44
            ),
            # a symbol like k, s and d: a word's header would be clipped in a narrow column
            "padding": st.column_config.TextColumn(
                "p", help=t("padding p: an int, same, valid, causal or left,right"), width=72
            ),
        },
        width="stretch",
    )
    layers, problems = stack_text.rows_to_layers(list(edited))
    for problem in problems:
        st.warning(problem, icon="✏️")
    if not layers:
        st.error(t("The stack is empty: add a layer."), icon="🚫")
        return None
    params.values["layers"] = stack_text.encode(layers)
    input_size = params.integer("n", t("Input length"), 64, LAB_LENGTHS[0], LAB_LENGTHS[-1])
    try:
        rows = ce.receptive_field(layers, input_size)
    except ce.ConvConfigError as error:
        st.error(
            t(
                "**This stack has no output for {input_size} inputs.** {error}",
                input_size=input_size,
                error=say(error),
            ),
            icon="🚫",
        )
        st.caption(t("💡 Increase the input length, add padding, or remove a layer."))
        return None
    return StackSpec(layers, input_size, tuple(rows))


# --- cached computations ---------------------------------------------------------------


def layer_table(rows: tuple[ce.ReceptiveFieldRow, ...]) -> list[dict]:
    """The per-layer numbers of a stack, as table rows."""
    return [
        {
            t("layer"): row.index,
            t("kind"): row.layer.kind,
            "k": row.layer.kernel_size,
            "s": row.layer.stride,
            "d": row.layer.dilation,
            "k_eff": row.layer.kernel_extent,
            t("padding (l, r)"): f"{row.padding[0]}, {row.padding[1]}",
            t("input size"): row.input_size,
            t("output size"): row.output_size,
            t("RF span r"): row.size,
            t("jump j"): row.jump,
            t("start"): row.start,
        }
        for row in rows
    ]


@cached
def along_the_input(layers: tuple[ce.Layer, ...], size: int, position: int) -> dict:
    """What each output sees along the input; paths for output ``position``."""
    rows = ce.receptive_field(layers, size)
    counts = ce.support_counts(layers, size, position)
    return span_scene(counts, rows[-1], size, position, rows[-1].output_size)


@cached
def cells_seen(layers: tuple[ce.Layer, ...], size: int, position: int) -> int:
    """How many real input cells reach output ``position`` (≤ the span r)."""
    return int(np.count_nonzero(ce.support_counts(layers, size, position)))


@cached
def stack_code(layers: tuple[ce.Layer, ...], size: int, position: int) -> code.Snippets:
    """The stack in PyTorch and in Keras, each printing how many cells ``position`` sees."""
    seen = cells_seen(layers, size, position)
    return code.stack_code(ce.receptive_field(layers, size), size, position, seen)


@cached
def cone_view(layers: tuple[ce.Layer, ...], size: int, position: int) -> dict | None:
    """Every layer's cells, the input at the bottom, and the cone below ``position``."""
    if size > MAX_CONE_INPUT:
        return None
    cone = ce.dependency_cone(layers, size, position)
    return cone_figure(ce.receptive_field(layers, size), cone, position, size)


@cached
def support_grid(layers: tuple[ce.Layer, ...], size: int, position: int) -> dict | None:
    """The same output in 2-D on a square input (≤ 96): paths and effective RF, or None."""
    if size > MAX_GRID_2D:
        return None
    first, last = ce.receptive_field(layers, size)[-1].span(position)
    line = ce.support_counts(layers, size, position)
    uniform = ce.effective_receptive_field(layers, size, position)
    random = ce.effective_receptive_field(
        layers, size, position, seeds=8, rng=np.random.default_rng(0)
    )
    return heatmaps_figure(
        [
            (t("what it sees (2-D, paths)"), np.outer(line, line)),
            (t("effective RF, uniform weights"), uniform.round(3)),
            (t("effective RF, random weights"), random.round(3)),
        ],
        scale=theme.COUNT_SCALE,
        numbers=False,
        height=360,
        outlines=[(first, first, last, last)] * 3,
        colour_key="relative",
    )


# --- views -----------------------------------------------------------------------------


def output_view(params: PageParams, spec: StackSpec) -> None:
    """One output position (the strip's own scrubber, a click in it, or the link's ``o``),
    what it sees, and the cone of every layer below it."""
    outputs = spec.rows[-1].output_size
    # one control for one thing: the scene's scrubber and clicks choose the output
    position = params.bounded_integer("o", outputs // 2, 0, outputs - 1)
    params.values["o"] = str(position)
    scene = along_the_input(spec.layers, spec.input_size, position)
    positions = scene["positions"]

    def choose(index: int) -> None:  # a clicked (or stepped-to) output becomes the chosen one
        st.session_state[params.key("o")] = positions[min(index, len(positions) - 1)]

    show_scene(
        scene,
        params.key("outputs_chart"),
        present=params.present,
        keys=params.present,
        on_pin=choose,
    )
    cone = cone_view(spec.layers, spec.input_size, position)
    if cone is None:
        st.caption(t(CONE_LIMIT, most=MAX_CONE_INPUT))
    else:
        plot(
            cone,
            params.key("cone_chart"),
            t(
                "the cells of every layer that output {position} depends on, down to the "
                "input, each joined to the cells it reads.",
                position=position,
            ),
        )
    seen = cells_seen(spec.layers, spec.input_size, position)
    span = spec.rows[-1].size
    if seen != span:
        st.caption(
            t(
                "Output {position} reads **{seen}** input cells: r = {span} is the span from "
                "the first to the last, holes and padding included.",
                position=position,
                seen=seen,
                span=span,
            )
        )
    if not params.present:
        export_panel(params, scene, stack_title(len(spec.layers), spec.input_size))
    if params.toggle("2d", t("🔲 Show it in 2-D, with the effective receptive field"), False):
        two_d = support_grid(spec.layers, spec.input_size, position)
        if two_d is None:
            st.caption(
                t(
                    "2-D views are drawn for inputs up to {MAX_GRID_2D} × {MAX_GRID_2D}.",
                    MAX_GRID_2D=MAX_GRID_2D,
                )
            )
        else:
            st.markdown(
                t(
                    "The same stack on both axes of a square input. The **effective** receptive "
                    "field (the gradient of the output) is Gaussian-like and much smaller than "
                    "the theoretical one (dashed)."
                )
            )
            plot(
                two_d,
                params.key("grid_chart"),
                t(
                    "on a square input, the cells output {position} can see (the theoretical "
                    "receptive field, dashed) and how strongly each one moves it (the "
                    "effective one).",
                    position=position,
                ),
            )
    if not params.present:
        framework_panel(params, lambda: stack_code(spec.layers, spec.input_size, position))


def stack_section(params: PageParams) -> None:
    """The stack editor beside what one output sees; the numbers and the 2-D view after."""
    controls, figure = controls_and_figure(params)
    with controls:
        spec = stack_controls(params)
    if spec is None:
        with controls:
            paste_controls(params)  # a paste may give the lab a stack that works
        return
    last = spec.rows[-1]
    with figure:
        # its own section: choosing an output redraws the scene, not the table and numbers
        section(params, output_view, spec)
    with controls:
        st.markdown(
            t(
                "**r = {size}, j = {jump}, start = {start}**",
                size=last.size,
                jump=last.jump,
                start=last.start,
            ),
            help=t(
                "r: the span from the first to the last input cell an output can see "
                "(holes and padding included); j (jump): how far apart neighbouring "
                "outputs' fields are; start: output 0's first input cell."
            ),
        )
        pasted = paste_controls(params)
    for issue in ce.stack_issues(list(spec.rows)):
        st.warning(say(issue), icon="⚠️")
    st.caption(say(ce.alignment(list(spec.rows))))
    # a grid, not static HTML: its twelve columns scroll on a phone, and a grid's scrolling
    # is reachable by keyboard (WCAG 2.1.1)
    st.dataframe(layer_table(spec.rows), hide_index=True)
    if pasted is not None and lab_stack(pasted) is None:
        model_table(pasted, spec.input_size)
    st.caption(
        sentences(
            t("k_eff: how far a layer's taps reach, k + (k − 1)(d − 1)."),
            t(
                "RF span r: from the first to the last input cell one output can see, holes and "
                "padding included (the cells it really reads are fewer where dilation leaves "
                "holes or the span reaches into padding)."
            ),
            t(
                "Jump j: how many input cells apart neighbouring outputs' fields are (the "
                "product of the strides so far)."
            ),
            t("Start: the first input cell output 0 sees (negative: in the padding)."),
        )
    )
    formula_panel(
        [
            r"r_l = r_{l-1} + (k_{\text{eff},l} - 1)\, j_{l-1},\qquad j_l = j_{l-1}\, s_l",
            r"\text{start}_l = \text{start}_{l-1} - p_{\text{before},l}\, j_{l-1}",
            rf"r_0 = 1,\ j_0 = 1,\ \text{{start}}_0 = 0 \ \Rightarrow"
            rf"\ r = {last.size},\ j = {last.jump},\ \text{{start}} = {last.start}",
        ],
        title=t("The recurrence, input side first"),
    )
