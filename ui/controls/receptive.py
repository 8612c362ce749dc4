"""Controls of dilation schedules and layer stacks."""

from __future__ import annotations

import re
from dataclasses import dataclass

import streamlit as st

import conv_engine as ce

from ..params import PageParams


@dataclass(frozen=True)
class ScheduleSpec:
    """A stack of dilated k × k layers (stride 1, SAME) on a square input."""

    rates: tuple[int, ...]
    kernel_size: int
    size: int

    @property
    def layers(self) -> tuple[ce.Layer, ...]:
        return tuple(ce.Layer(self.kernel_size, 1, r, "same") for r in self.rates)


def parse_rates(text: str) -> tuple[int, ...]:
    """``"1, 2, 5"`` → (1, 2, 5); raises ValueError with a sentence a student can act on."""
    parts = [part for part in re.split(r"[\s,;]+", text.strip()) if part]
    rates = []
    for part in parts:
        if not part.isdigit():
            raise ValueError(f"{part[:12]!r} is not a whole number; type e.g. 1, 2, 5")
        rates.append(int(part))
    if not 1 <= len(rates) <= 8 or not all(1 <= r <= 16 for r in rates):
        raise ValueError("type 1 to 8 rates, each from 1 to 16, e.g. 1, 2, 5")
    return tuple(rates)


def schedule_controls(params: PageParams, schedules: dict[str, tuple[int, ...]]) -> ScheduleSpec:
    """A dilation schedule (preset or custom list), the kernel size and the input size."""
    columns = params.columns([3, 2, 1, 1])
    names = (*schedules, "custom")
    choice = params.choice(
        "rates", "Dilation schedule", names, "1, 2, 4", widget="select", container=columns[0]
    )
    rates = schedules.get(choice)
    if rates is None:  # the text field only when it is used
        custom = params.text(
            "custom",
            "Custom rates",
            "1, 2, 5",
            parse_rates,
            describe="a list of dilation rates",
            container=columns[1],
        )
        rates = parse_rates(custom if custom is not None else "1, 2, 5")
    kernel_size = params.integer("sk", "Kernel size k (stack)", 3, 2, 5, container=columns[2])
    size = params.integer("grid", "Input size", 41, 15, 61, container=columns[3])
    return ScheduleSpec(rates, kernel_size, size)


@dataclass(frozen=True)
class StackSpec:
    """The receptive-field lab: a stack, an input length and its per-layer numbers."""

    layers: tuple[ce.Layer, ...]
    input_size: int
    rows: tuple[ce.ReceptiveFieldRow, ...]


def stack_controls(params: PageParams, presets: dict[str, str]) -> StackSpec | None:
    """Preset + editable layer table + input size.

    The table is the one editor of the stack; the URL carries it as text (``layers=``).
    Returns None (after explaining why) when the stack has no output for this input size.
    """
    from .. import layers as stack_text

    preset = params.choice(
        "preset", "Start from", (*presets, "custom"), "plain 3×3 × 3", widget="select"
    )
    # a newly chosen preset replaces the stack (before the table is drawn in this run)
    previous = params.key("previous_preset")
    if preset != "custom" and st.session_state.get(previous, preset) != preset:
        st.session_state[params.key("layers")] = presets[preset]
    st.session_state[previous] = preset
    encoded = params.stored(
        "layers",
        presets.get(preset, presets["plain 3×3 × 3"]),
        stack_text.check_encoded,
        describe="a valid layer stack",
    )
    edited = st.data_editor(
        stack_text.decode(encoded),
        num_rows="dynamic",
        # a new stack (preset or link) starts a new editor; edits stay in this one
        key=params.key(f"table_{abs(hash(encoded)) % 10**8}"),
        column_config={
            "kind": st.column_config.SelectboxColumn("kind", options=list(stack_text.KINDS)),
            "kernel": st.column_config.NumberColumn("k", min_value=1, max_value=4096, step=1),
            "stride": st.column_config.NumberColumn("s", min_value=1, max_value=64, step=1),
            "dilation": st.column_config.NumberColumn("d", min_value=1, max_value=1024, step=1),
            "padding": st.column_config.TextColumn(
                "padding", help="int, same, valid, causal or left,right"
            ),
        },
        width="stretch",
    )
    layers, problems = stack_text.rows_to_layers(list(edited))
    for problem in problems:
        st.warning(problem, icon="✏️")
    if not layers:
        st.error("The stack is empty: add a layer.", icon="🚫")
        return None
    params.values["layers"] = stack_text.encode(layers)
    input_size = params.integer("n", "Input length", 64, 4, 2048)
    try:
        rows_rf = ce.receptive_field(layers, input_size)
    except ce.ConvConfigError as error:
        st.error(f"**This stack has no output for {input_size} inputs.** {error}", icon="🚫")
        st.caption("💡 Increase the input length, add padding, or remove a layer.")
        return None
    return StackSpec(layers, input_size, tuple(rows_rf))


def output_position(params: PageParams, outputs: int) -> int:
    """The output cell to trace back: a newly clicked cell of the outputs strip, else a slider."""
    from ..panels import clicked_step

    clicked = clicked_step(params.key("outputs_chart"), params.key("clicked_output"))
    if clicked is not None and 0 <= clicked < outputs:
        st.session_state[params.key("o")] = clicked
    return params.integer("o", "Output position", outputs // 2, 0, outputs - 1)


def chosen_output(params: PageParams, size: int, chart: str = "layers_chart") -> tuple[int, int]:
    """An output cell (row, col) of a square grid: two sliders, or a click on ``chart``."""
    from ..panels import clicked_step

    clicked = clicked_step(params.key(chart), params.key("clicked_cell"))
    if clicked is not None and 0 <= clicked < size * size:
        st.session_state[params.key("or")], st.session_state[params.key("oc")] = divmod(
            clicked, size
        )
    columns = params.columns(2)
    row = params.integer("or", "Output row", size // 2, 0, size - 1, container=columns[0])
    col = params.integer("oc", "Output column", size // 2, 0, size - 1, container=columns[1])
    return row, col
