"""The receptive-field lab's **Paste a model**: a model's printed text or JSON, read by the
engine (:mod:`conv_engine.model_text`), becomes the lab's stack; its layers are listed
(stacked, passing through, on a shortcut) and what could not be read is said with its line.

A convolution and pooling stack replaces the lab's table (in the box's change callback),
so every view of the lab shows it; a model with transposed layers (or more layers than the
table takes) keeps the table and gets its exact fields in a table of its own
(:mod:`conv_engine.model_fields`). A paste lives in the browser tab's session only: a link
cannot carry it.
"""

from __future__ import annotations

import streamlit as st

import conv_engine as ce
from conv_engine.model_fields import model_rows
from conv_engine.model_text import MAX_TEXT, ParsedModel, parse_model
from i18n import say, t

from . import layers as stack_text
from .cache import cached
from .conv2d import AXES
from .layers import MAX_LAYERS
from .params import PageParams

EXAMPLE = """Sequential(
  (conv1): Conv2d(3, 64, kernel_size=(7, 7), stride=(2, 2), padding=(3, 3), bias=False)
  (bn1): BatchNorm2d(64, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
  (relu): ReLU(inplace=True)
  (maxpool): MaxPool2d(kernel_size=3, stride=2, padding=1, dilation=1, ceil_mode=False)
)"""


@cached
def read_model(text: str, axis: int = 0) -> ParsedModel:
    """A paste, read along ``axis`` (cached per text and axis: a rerun does not read it
    again)."""
    return parse_model(text, axis)


def lab_stack(model: ParsedModel) -> tuple[ce.Layer, ...] | None:
    """The model's main path as the lab's stack, or None where the table cannot hold it
    (a transposed layer, a pool rounding its size up, more than :data:`MAX_LAYERS`)."""
    stack = model.stack
    if any(layer.transposed or layer.ceil_mode for layer in stack) or len(stack) > MAX_LAYERS:
        return None
    return tuple(layer.layer for layer in stack)


def paste_controls(params: PageParams) -> ParsedModel | None:
    """The paste box (under the lab's own controls: the first screen keeps them); the model
    read from it, or None. A new paste becomes the stack in its change callback, before
    the page reruns, so the table shows it wherever the box sits."""
    with st.expander(t("📋 Paste a model")):
        text = st.text_area(
            t("What print(model) shows, or a Keras model's to_json()"),
            key=params.key("paste"),
            height=160,
            max_chars=MAX_TEXT,
            placeholder=EXAMPLE,
            help=t("Layers are read in the order printed. Ctrl + Enter reads the paste."),
            on_change=_use_paste,
            args=(params,),
        )
        # the axes' words translated now: Streamlit (and AppTest) may format outside this run
        shown = [t(word) for word in AXES]
        axis = st.radio(
            t("Read along"),
            range(len(AXES)),
            format_func=shown.__getitem__,
            horizontal=True,
            key=params.key("paste_axis"),
            help=t(
                "A layer's kernel, stride, padding and dilation along the height or the "
                "width (a 1 × 7 kernel reads 1 row and 7 columns); a 1-D layer has one axis."
            ),
            on_change=_use_paste,
            args=(params,),
        )
        st.caption(t("A paste stays in this tab: the page's link cannot carry it."))
        if not text.strip():
            return None
        try:
            model = read_model(text, axis)
        except ce.ConvConfigError as error:
            st.error(say(error), icon="🚫")
            return None
        describe_model(model, lab_stack(model) is not None)
    return model


def _use_paste(params: PageParams) -> None:
    """The paste box's (and its axis's) callback: a model the lab's table can hold becomes
    its stack."""
    text = st.session_state.get(params.key("paste"), "")
    try:
        model = read_model(text, st.session_state.get(params.key("paste_axis"), 0))
    except ce.ConvConfigError:
        return  # the box says why, under it
    stack = lab_stack(model)
    if stack is not None:
        st.session_state[params.key("layers")] = stack_text.encode(stack)
        st.session_state[params.key("preset")] = "custom"
        st.session_state[params.key("previous_preset")] = "custom"


def describe_model(model: ParsedModel, stacked: bool) -> None:
    """The model's layers and roles, then every sentence about it."""
    form = "PyTorch" if model.form == "pytorch" else "Keras"
    count = len(model.stack)
    if stacked:
        st.success(
            t(
                "Read as {form}: {count} layers on the main path are now the lab's stack.",
                form=form,
                count=count,
            ),
            icon="✅",
        )
    else:
        st.info(
            t(
                "Read as {form}: {count} layers on the main path. Their fields are in the "
                "table under the lab; the lab's own table and animations take stacks of at "
                "most {most} convolution and pooling layers.",
                form=form,
                count=count,
                most=MAX_LAYERS,
            ),
            icon="ℹ️",
        )
    rows = []
    position = 0
    for layer in sorted((*model.layers, *model.side), key=lambda entry: entry.line):
        if layer.branch is not None:
            role = t("beside the main path ({block}): not stacked", block=layer.branch)
        elif layer.geometric:
            position += 1
            role = t("row {row}", row=position)
        else:
            role = t("passes through")
        rows.append({t("layer"): f"{layer.name} · {layer.type}", t("in the stack"): role})
    st.dataframe(rows, hide_index=True, height=min(35 * len(rows) + 38, 320))
    for note in model.notes:
        st.caption("🔀 " + say(note))
    if model.end is not None:
        st.caption("⏹ " + say(model.end))
    for problem in model.problems:
        st.warning(say(problem), icon="✏️")


def model_table(model: ParsedModel, input_size: int) -> None:
    """A model the lab's table cannot hold: every main-path layer's exact numbers."""
    try:
        rows = model_rows(model, input_size)
    except ce.ConvConfigError as error:
        st.error(say(error), icon="🚫")
        return
    st.markdown(t("**The pasted model, layer by layer** (input length {n})", n=input_size))
    st.dataframe(
        [
            {
                t("layer"): row.index,
                t("name"): row.layer.name,
                t("type"): row.layer.type,
                t("input size"): row.input_size,
                t("output size"): row.output_size,
                t("jump j"): str(row.jump),
                t("RF span r"): row.size,
                t("start"): row.start,
            }
            for row in rows
        ],
        hide_index=True,
    )
    if any(row.layer.transposed for row in rows):
        st.caption(
            t(
                "A transposed layer upsamples: its jump is a fraction (1/s), and its outputs "
                "read one input or another by their position, so r and start are output 0's."
            )
        )
