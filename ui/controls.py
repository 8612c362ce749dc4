"""The parameter widgets of each page, returning frozen specs bounded by the engine's rules.

A spec is plain, hashable data: it keys the caches in ``ui.cached`` and is everything a
page's computation needs. Widget bounds come from ``conv_engine`` (``max_kernel_size``,
``max_dilation``) so that a reachable setting always has an output.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import streamlit as st

import conv_engine as ce
from conv_engine.presets import INPUT_PRESETS, KERNEL_PRESETS, SEQUENCE_PRESETS

from .params import PageParams

MAX_INPUT_2D = 12
MAX_LENGTH_1D = 24
MAX_KERNEL = 7
MAX_STRIDE = 4
MAX_DILATION = 4
MAX_EXPLICIT_PAD = 3
MAX_TRANSPOSED = 16  # largest transposed-conv output (7 → 15 fits)

PADDING_LABELS = {
    "valid": "VALID",
    "same": "SAME",
    "full": "FULL",
    "causal": "causal",
    "explicit": "explicit",
}
INPUT_LABELS = {
    "random": "🎲 random 0–9",
    "count": "🔢 0, 1, 2, …",
    "ones": "1️⃣ ones",
    "ramp": "📈 ramp",
    "image": "🖼️ photo patch",
    "step": "⎍ step",
    "sine": "〰️ sine",
}
KERNEL_LABELS = {
    "identity": "identity",
    "box": "box blur (sum)",
    "sobel": "Sobel edge",
    "sharpen": "sharpen",
    "random": "random −2…2",
    "custom": "✏️ custom",
}


def parse_kernel(text: str, kernel_size: int, ndim: int = 2) -> tuple[float, ...]:
    """Parse a custom kernel: numbers separated by spaces or commas, rows by ``;``.

    Raises ValueError with a sentence a student can act on.
    """
    numbers = [part for part in re.split(r"[\s,;]+", text.strip()) if part]
    expected = kernel_size**ndim
    try:
        values = tuple(float(number) for number in numbers)
    except ValueError:
        raise ValueError("the custom kernel must contain only numbers") from None
    if len(values) != expected:
        shape = f"{kernel_size}×{kernel_size}" if ndim == 2 else f"{kernel_size}"
        raise ValueError(
            f"the custom kernel needs {expected} numbers for k = {kernel_size} ({shape}), "
            f"got {len(values)}"
        )
    if any(abs(v) > 1e6 or v != v for v in values):
        raise ValueError("the custom kernel's numbers must be finite and at most 10⁶")
    return values


def kernel_bounds(
    size: int, mode: str, explicit_total: int, kernel_size: int | None = None, max_padded: int = 20
) -> tuple[int, int]:
    """Largest kernel size (at d = 1) and, given ``kernel_size``, the largest dilation.

    The fit rule is the engine's (``max_kernel_size``/``max_dilation``: the dilated kernel
    must fit in the padded input); modes whose padding grows with the kernel (SAME, FULL,
    causal) are also held to ``max_padded`` cells so the picture stays readable.
    """
    if mode in ("same", "full", "causal"):
        growth = 2 if mode == "full" else 1
        extent = max((max_padded - size) // growth + 1, 1)
    else:
        extent = ce.max_kernel_size(size + explicit_total, 0)
    k_limit = min(MAX_KERNEL, extent)
    if kernel_size is None or kernel_size == 1:
        return k_limit, MAX_DILATION
    if mode not in ("same", "full", "causal"):
        extent = ce.max_dilation(size + explicit_total, kernel_size, 0) * (kernel_size - 1) + 1
    return k_limit, max(1, min(MAX_DILATION, (extent - 1) // (kernel_size - 1)))


def _check_custom(text: str) -> None:
    numbers = [part for part in re.split(r"[\s,;]+", text.strip()) if part]
    if not 1 <= len(numbers) <= MAX_KERNEL**2:
        raise ValueError(text)
    for number in numbers:
        float(number)


@dataclass(frozen=True)
class Conv2dSpec:
    """Everything the Standard page computes from."""

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


def _padding_widgets(
    params: PageParams, modes: tuple[str, ...], axes: tuple[str, ...], default: str = "valid"
):
    """The padding mode and, for ``explicit``, one amount per side."""
    mode = params.choice(
        "p",
        "Padding",
        (*modes, "explicit"),
        default,
        labels=PADDING_LABELS,
        help="VALID adds nothing; SAME adds zeros to keep ⌈i/s⌉ outputs (extra zero at the "
        "end, TF rule); FULL adds k_eff − 1 each side; explicit lets you pick each side.",
    )
    sides = {"height": ("top", "bottom"), "width": ("left", "right"), "length": ("left", "right")}
    explicit = []
    if mode == "explicit":
        columns = st.columns(2 * len(axes))
        index = 0
        for axis in axes:
            pair = []
            for side in sides[axis]:
                pair.append(
                    params.integer(
                        f"p{side[0]}",
                        f"pad {side}",
                        1,
                        0,
                        MAX_EXPLICIT_PAD,
                        container=columns[index],
                    )
                )
                index += 1
            explicit.append(tuple(pair))
    else:
        explicit = [(0, 0)] * len(axes)
    return mode, tuple(explicit)


def conv2d_controls(
    params: PageParams, size: int = 6, dilation: int = 1, padding: str = "valid"
) -> Conv2dSpec:
    """Widgets of a 2-D sliding-window page, bounded so the kernel always fits.

    ``size``, ``dilation`` and ``padding`` are the page's defaults.
    """
    top = st.columns(5)
    height = params.integer("h", "Input height", size, 3, MAX_INPUT_2D, container=top[0])
    width = params.integer("w", "Input width", size, 3, MAX_INPUT_2D, container=top[1])
    mode, explicit = _padding_widgets(
        params, ("valid", "same", "full"), ("height", "width"), padding
    )
    axes = ((height, sum(explicit[0])), (width, sum(explicit[1])))
    k_limit = min(kernel_bounds(size, mode, pads)[0] for size, pads in axes)
    kernel_size = params.integer(
        "k",
        "Kernel size k",
        3,
        1,
        k_limit,
        container=top[2],
        help="Bounded so that the kernel still fits inside the padded input.",
    )
    stride = params.integer("s", "Stride s", 1, 1, MAX_STRIDE, container=top[3])
    d_limit = min(kernel_bounds(size, mode, pads, kernel_size)[1] for size, pads in axes)
    dilation = params.integer(
        "d",
        "Dilation d",
        dilation,
        1,
        d_limit,
        container=top[4],
        help="d − 1 gaps between kernel taps; bounded so the dilated kernel still fits.",
    )
    row = st.columns([2, 2, 1])
    input_preset = params.choice(
        "input",
        "Input",
        INPUT_PRESETS,
        "random",
        labels=INPUT_LABELS,
        widget="select",
        container=row[0],
    )
    kernel_preset = params.choice(
        "kernel",
        "Kernel",
        (*KERNEL_PRESETS, "custom"),
        "sobel",
        labels=KERNEL_LABELS,
        widget="select",
        container=row[1],
    )
    seed = params.integer("seed", "Seed", 0, 0, 99, container=row[2])
    custom = ""
    if kernel_preset == "custom":
        custom = params.text(
            "weights",
            "Custom kernel (rows separated by ;)",
            "1 0 -1; 1 0 -1; 1 0 -1",
            _check_custom,
            describe="a list of numbers",
        )
    return Conv2dSpec(
        height,
        width,
        kernel_size,
        stride,
        dilation,
        mode,
        explicit,
        input_preset,
        kernel_preset,
        seed,
        custom,
    )


@dataclass(frozen=True)
class Conv1dSpec:
    """The sequence view of the Conv1d page."""

    length: int
    kernel_size: int
    stride: int
    dilation: int
    padding_mode: str
    explicit: tuple[int, int]
    signal: str
    kernel_preset: str
    seed: int

    @property
    def padding(self) -> str | tuple[int, int]:
        return self.explicit if self.padding_mode == "explicit" else self.padding_mode


def conv1d_controls(params: PageParams) -> Conv1dSpec:
    """Widgets of the Conv1d page's sequence view."""
    top = st.columns(4)
    length = params.integer("n", "Sequence length", 10, 3, MAX_LENGTH_1D, container=top[0])
    mode, (explicit,) = _padding_widgets(params, ("valid", "same", "full", "causal"), ("length",))
    k_limit, _ = kernel_bounds(length, mode, sum(explicit), max_padded=32)
    kernel_size = params.integer("k", "Kernel size k", 3, 1, k_limit, container=top[1])
    stride = params.integer("s", "Stride s", 1, 1, MAX_STRIDE, container=top[2])
    _, d_limit = kernel_bounds(length, mode, sum(explicit), kernel_size, max_padded=32)
    dilation = params.integer("d", "Dilation d", 1, 1, d_limit, container=top[3])
    row = st.columns([2, 2, 1])
    signal = params.choice(
        "input",
        "Signal",
        SEQUENCE_PRESETS,
        "ramp",
        labels=INPUT_LABELS,
        widget="select",
        container=row[0],
    )
    kernel_preset = params.choice(
        "kernel",
        "Kernel",
        KERNEL_PRESETS,
        "sobel",
        labels={**KERNEL_LABELS, "sobel": "difference"},
        widget="select",
        container=row[1],
    )
    seed = params.integer("seed", "Seed", 0, 0, 99, container=row[2])
    return Conv1dSpec(
        length, kernel_size, stride, dilation, mode, explicit, signal, kernel_preset, seed
    )


@dataclass(frozen=True)
class FeatureSpec:
    """The frames × features view of the Conv1d page."""

    frames: int
    features: int
    kernel_size: int
    out_channels: int
    seed: int


def feature_controls(params: PageParams) -> FeatureSpec:
    """Widgets of the frames × features (speech) view."""
    columns = st.columns(4)
    frames = params.integer("t", "Frames T", 24, 8, 40, container=columns[0])
    features = params.choice(
        "f",
        "Features F",
        ("4", "16", "80"),
        "80",
        container=columns[1],
        help="80 log-mel features per frame is the usual speech front end.",
    )
    kernel_size = params.integer("kn", "Kernel size n", 5, 1, 9, container=columns[2])
    out_channels = params.integer("co", "Output channels C_out", 256, 1, 512, container=columns[3])
    return FeatureSpec(frames, int(features), kernel_size, out_channels, 0)


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


def transposed_controls(params: PageParams) -> TransposedSpec:
    """Widgets bounded by the transposed conv's rules: output ≥ 1, output_padding < max(s, d)."""
    columns = st.columns(6)
    kernel_size = params.integer("k", "Kernel size k", 3, 1, 4, container=columns[1])
    stride = params.integer("s", "Stride s", 2, 1, 3, container=columns[2])
    dilation = params.integer("d", "Dilation d", 1, 1, 2, container=columns[3])
    # keep the full output at most MAX_TRANSPOSED cells wide, so every view stays readable
    extent = dilation * (kernel_size - 1) + 1
    largest = max(1, min(7, (MAX_TRANSPOSED - extent) // stride + 1))
    size = params.integer(
        "n",
        "Input size",
        3,
        1,
        largest,
        container=columns[0],
        help=f"Bounded so the output stays within {MAX_TRANSPOSED} cells.",
    )
    full = (size - 1) * stride + dilation * (kernel_size - 1)
    padding = params.integer(
        "p",
        "Padding p (crop)",
        0,
        0,
        min(3, full // 2),
        container=columns[4],
        help="PyTorch's transposed padding crops p cells from each side of the full output.",
    )
    output_padding = params.integer(
        "op",
        "output_padding",
        0,
        0,
        ce.max_output_padding(stride, dilation),
        container=columns[5],
        help="Must be smaller than max(s, d): it picks one of the input "
        "sizes that a strided conv maps to the same output size.",
    )
    row = st.columns([2, 2, 1, 1])
    input_preset = params.choice(
        "input",
        "Input",
        ("count", "random", "ones"),
        "count",
        labels=INPUT_LABELS,
        widget="select",
        container=row[0],
    )
    kernel_preset = params.choice(
        "kernel",
        "Kernel",
        ("random", "box", "sobel"),
        "random",
        labels=KERNEL_LABELS,
        widget="select",
        container=row[1],
        help="A kernel that is not symmetric shows the flip of the zero-insertion view.",
    )
    seed = params.integer("seed", "Seed", 1, 0, 99, container=row[2])
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


@dataclass(frozen=True)
class ScheduleSpec:
    """A stack of dilated k × k layers (stride 1, SAME) on a square input."""

    rates: tuple[int, ...]
    kernel_size: int
    size: int

    @property
    def layers(self) -> tuple[ce.Layer, ...]:
        return tuple(ce.Layer(self.kernel_size, 1, r, "same") for r in self.rates)


def _parse_rates(text: str) -> tuple[int, ...]:
    rates = tuple(int(part) for part in re.split(r"[\s,;]+", text.strip()) if part)
    if not 1 <= len(rates) <= 8 or not all(1 <= r <= 16 for r in rates):
        raise ValueError("use 1 to 8 dilation rates from 1 to 16, e.g. 1, 2, 5")
    return rates


def schedule_controls(params: PageParams, schedules: dict[str, tuple[int, ...]]) -> ScheduleSpec:
    """A dilation schedule (preset or custom list), the kernel size and the input size."""
    columns = st.columns([3, 2, 1, 1])
    names = (*schedules, "custom")
    choice = params.choice(
        "rates", "Dilation schedule", names, "1, 2, 4", widget="select", container=columns[0]
    )
    custom = params.text(
        "custom",
        "Custom rates",
        "1, 2, 5",
        _parse_rates,
        describe="a list of rates 1–16",
        container=columns[1],
    )
    kernel_size = params.integer("sk", "k", 3, 2, 5, container=columns[2])
    size = params.integer("grid", "Input size", 41, 15, 61, container=columns[3])
    rates = schedules.get(choice)
    if rates is None:
        try:
            rates = _parse_rates(custom)
        except ValueError as error:
            st.warning(f"Custom rates: {error}. Using 1, 2, 5.", icon="✏️")
            rates = (1, 2, 5)
    return ScheduleSpec(rates, kernel_size, size)


@dataclass(frozen=True)
class StackSpec:
    """The receptive-field lab: a stack, an input length and one output position."""

    layers: tuple[ce.Layer, ...]
    input_size: int
    position: int
    rows: tuple[ce.ReceptiveFieldRow, ...]


def stack_controls(params: PageParams, presets: dict[str, str]) -> StackSpec | None:
    """Preset + editable layer table + input size + output position.

    Returns None (after explaining why) when the stack has no output for this input size.
    """
    from . import layers as stack_text

    top = st.columns([3, 2])
    preset = params.choice(
        "preset",
        "Start from",
        (*presets, "custom"),
        "plain 3×3 × 3",
        widget="select",
        container=top[0],
    )
    # a newly chosen preset replaces the stack text (before its widget exists in this run)
    previous = params.key("previous_preset")
    if preset != "custom" and st.session_state.get(previous, preset) != preset:
        st.session_state[params.key("layers")] = presets[preset]
    st.session_state[previous] = preset
    encoded = params.text(
        "layers",
        "Stack (kind:k:s:d:padding; …)",
        presets.get(preset, presets["plain 3×3 × 3"]),
        stack_text.check_encoded,
        describe="a valid layer stack",
        container=top[1],
        help="The table below edits the same stack; this text is what the URL carries.",
    )
    rows = stack_text.decode(encoded) if _decodes(encoded) else stack_text.decode(presets[preset])
    edited = st.data_editor(
        rows,
        num_rows="dynamic",
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
    columns = st.columns(2)
    input_size = params.integer("n", "Input length", 64, 4, 2048, container=columns[0])
    try:
        rows_rf = ce.receptive_field(layers, input_size)
    except ce.ConvConfigError as error:
        st.error(f"**This stack has no output for {input_size} inputs.** {error}", icon="🚫")
        st.caption("💡 Increase the input length, add padding, or remove a layer.")
        return None
    outputs = rows_rf[-1].output_size
    from .panels import clicked_step

    clicked = clicked_step(params.key("outputs_chart"), params.key("clicked_output"))
    if clicked is not None and 0 <= clicked < outputs:
        st.session_state[params.key("o")] = clicked
    position = params.integer(
        "o", "Output position", outputs // 2, 0, outputs - 1, container=columns[1]
    )
    return StackSpec(layers, input_size, position, tuple(rows_rf))


def _decodes(text: str) -> bool:
    from . import layers as stack_text

    try:
        stack_text.decode(text)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class CausalSpec:
    """The causal page's sequence view."""

    length: int
    kernel_size: int
    dilation: int
    stride: int
    leak: bool

    @property
    def padding(self) -> str:
        return "same" if self.leak else "causal"


def causal_controls(params: PageParams) -> CausalSpec:
    columns = st.columns(5)
    length = params.integer("n", "Sequence length", 12, 4, MAX_LENGTH_1D, container=columns[0])
    kernel_size = params.integer("k", "Kernel size k", 3, 1, 5, container=columns[1])
    _, d_limit = kernel_bounds(length, "causal", 0, kernel_size, max_padded=32)
    dilation = params.integer("d", "Dilation d", 1, 1, d_limit, container=columns[2])
    stride = params.integer("s", "Stride s", 1, 1, 3, container=columns[3])
    leak = params.toggle(
        "leak",
        "Leak the future (centred padding)",
        False,
        container=columns[4],
        help="Switch to centred ('same') padding: outputs then read inputs from their future.",
    )
    return CausalSpec(length, kernel_size, dilation, stride, leak)


@dataclass(frozen=True)
class WaveNetSpec:
    """A WaveNet-style stack: blocks of dilated causal convs with d = 1, 2, 4, …, max."""

    kernel_size: int
    max_dilation: int
    blocks: int
    residual: bool
    length: int

    @property
    def dilations(self) -> list[int]:
        rates = [2**i for i in range(self.max_dilation.bit_length())]
        per_block = [r for r in rates for _ in range(2 if self.residual else 1)]
        return per_block * self.blocks

    @property
    def layers(self) -> tuple[ce.Layer, ...]:
        return tuple(ce.Layer(self.kernel_size, 1, d, "causal") for d in self.dilations)


def wavenet_controls(params: PageParams) -> WaveNetSpec:
    columns = st.columns(5)
    kernel_size = params.integer("wk", "k", 2, 2, 4, container=columns[0])
    powers = [str(2**i) for i in range(10)]
    max_dilation = params.choice(
        "dmax", "Largest dilation", powers, "512", widget="select", container=columns[1]
    )
    blocks = params.integer("blocks", "Blocks", 1, 1, 3, container=columns[2])
    length = params.integer("t", "Sequence length", 1000, 16, 20000, container=columns[3])
    residual = params.toggle(
        "tcn",
        "TCN residual blocks",
        False,
        container=columns[4],
        help="Two dilated causal convs per dilation, as in a TCN residual block.",
    )
    return WaveNetSpec(kernel_size, int(max_dilation), blocks, residual, length)


def divisors(number: int) -> list[int]:
    return [d for d in range(1, number + 1) if number % d == 0]


@dataclass(frozen=True)
class SeparableSpec:
    in_channels: int
    out_channels: int
    kernel_size: int
    multiplier: int
    groups: int
    size: int
    seed: int


def separable_controls(params: PageParams) -> SeparableSpec:
    columns = st.columns(6)
    in_channels = params.integer("cin", "C_in", 3, 1, 8, container=columns[0])
    out_channels = params.integer("cout", "C_out", 4, 1, 16, container=columns[1])
    kernel_size = params.integer("k", "Kernel size k", 3, 1, 5, container=columns[2])
    multiplier = params.integer("m", "Depth multiplier", 1, 1, 3, container=columns[3])
    size = params.integer("n", "Input size", 5, 3, 8, container=columns[4])
    seed = params.integer("seed", "Seed", 0, 0, 99, container=columns[5])
    shared = divisors(math.gcd(in_channels, out_channels))
    groups = params.choice(
        "g",
        "Groups (must divide C_in and C_out): 1 = standard, C_in = depthwise",
        [str(g) for g in shared],
        "1",
    )
    return SeparableSpec(
        in_channels, out_channels, kernel_size, multiplier, int(groups), size, seed
    )


@dataclass(frozen=True)
class LightweightSpec:
    length: int
    channels: int
    num_heads: int
    kernel_size: int
    causal: bool
    drop_rate: float
    seed: int

    @property
    def padding(self) -> str:
        return "causal" if self.causal else "same"


def lightweight_controls(params: PageParams) -> LightweightSpec:
    columns = st.columns(6)
    length = params.integer("n", "Sequence length", 12, 4, 24, container=columns[0])
    channels = int(params.choice("c", "Channels d", ("4", "8", "16"), "8", container=columns[1]))
    heads = params.choice(
        "h",
        "Heads H",
        [str(h) for h in divisors(channels)],
        "2",
        container=columns[2],
        help="Each head's kernel is shared by a contiguous block of d/H channels.",
    )
    kernel_size = params.integer("k", "Kernel width k", 3, 1, 7, container=columns[3])
    causal = params.toggle("causal", "Causal", False, container=columns[4])
    drop = params.integer(
        "drop",
        "DropConnect %",
        0,
        0,
        50,
        container=columns[5],
        help="Training-time dropout on the normalised weights (seeded).",
    )
    seed = params.integer(
        "seed",
        "Seed",
        0,
        0,
        99,
        help="Seeds the example weights and the "
        "DropConnect mask (an explicit generator, no global state).",
    )
    return LightweightSpec(length, channels, int(heads), kernel_size, causal, drop / 100, seed)


def chosen_output(params: PageParams, size: int, chart: str = "layers_chart") -> tuple[int, int]:
    """An output cell (row, col) of a square grid: two sliders, or a click on ``chart``."""
    from .panels import clicked_step

    clicked = clicked_step(params.key(chart), params.key("clicked_cell"))
    if clicked is not None and 0 <= clicked < size * size:
        st.session_state[params.key("or")], st.session_state[params.key("oc")] = divmod(
            clicked, size
        )
    columns = st.columns(2)
    row = params.integer("or", "Output row", size // 2, 0, size - 1, container=columns[0])
    col = params.integer("oc", "Output column", size // 2, 0, size - 1, container=columns[1])
    return row, col
