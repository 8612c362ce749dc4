"""The Causal convolution page: the mask, the leak, streaming, and the WaveNet stack.

Its controls, cached computations and views.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

import conv_engine as ce
from conv_engine.presets import kernel_1d_preset, sequence_preset
from i18n import nt, t
from viz import code, theme
from viz.causal import dependency_tree_figure
from viz.heatmaps import heatmaps_figure
from viz.scenes import sliding_scene

from .cache import cached
from .choices import (
    CAUSAL_KERNELS,
    CAUSAL_LENGTHS,
    CAUSAL_STRIDES,
    MAX_PADDED_1D,
    WAVENET_BLOCKS,
    WAVENET_KERNELS,
    WAVENET_TOP_DILATIONS,
    kernel_bounds,
)
from .live import offer
from .page import controls_and_figure
from .panels import formula_panel, framework_panel, lazy_tabs, link_page, plot
from .params import PageParams
from .scene import main_scene
from .slide_titles import causal_title

TREE_STEPS = 2048  # the dependency tree is drawn for the layers whose reach fits


# --- controls --------------------------------------------------------------------------


@dataclass(frozen=True)
class CausalSpec:
    """The causal page's sequence view."""

    length: int
    kernel_size: int
    dilation: int
    stride: int
    leak: bool

    @property
    def padding_rule(self) -> str:
        return "same" if self.leak else "causal"


def causal_controls(params: PageParams) -> CausalSpec:
    leak = params.toggle(
        "leak",
        t("Leak the future"),
        False,
        help=t("Centred ('same') padding instead of causal: outputs then read their future."),
    )
    length = params.integer("n", t("Sequence length"), 12, CAUSAL_LENGTHS[0], CAUSAL_LENGTHS[-1])
    kernel_size = params.integer(
        "k", t("Kernel size k"), 3, CAUSAL_KERNELS[0], CAUSAL_KERNELS[-1], shortcut="K"
    )
    _, d_limit = kernel_bounds(length, "causal", 0, kernel_size, max_padded=MAX_PADDED_1D)
    left, right = st.columns(2)
    dilation = params.integer("d", t("Dilation d"), 1, 1, d_limit, container=left, shortcut="D")
    stride = params.integer(
        "s", t("Stride s"), 1, 1, CAUSAL_STRIDES[-1], container=right, shortcut="S"
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
    kernel_size = params.integer(
        "wk", "k", 2, WAVENET_KERNELS[0], WAVENET_KERNELS[-1], container=columns[0]
    )
    powers = [str(d) for d in WAVENET_TOP_DILATIONS]
    max_dilation = params.choice(
        "dmax", t("Largest dilation"), powers, "512", widget="select", container=columns[1]
    )
    blocks = params.integer("blocks", t("Blocks"), 1, 1, WAVENET_BLOCKS[-1], container=columns[2])
    length = params.integer(
        "t",
        t("Sequence length"),
        16000,
        16,
        20000,
        container=columns[3],
        help=t("Samples: 16,000 is one second of 16 kHz audio, WaveNet's kind of input."),
    )
    residual = params.toggle(
        "tcn",
        t("TCN: two convs per d"),
        False,
        container=columns[4],
        help=t("Two dilated causal convs per dilation, as in a TCN residual block."),
    )
    return WaveNetSpec(kernel_size, int(max_dilation), blocks, residual, length)


# --- cached computations ---------------------------------------------------------------


def _example(spec: CausalSpec) -> tuple[np.ndarray, np.ndarray]:
    return sequence_preset("ramp", spec.length) + 1, kernel_1d_preset("random", spec.kernel_size, 3)


@cached
def causal_trace(spec: CausalSpec) -> tuple[ce.ConvTrace, np.ndarray]:
    """The sequence trace under causal (or, with the leak, centred) padding, and the leaks."""
    x, w = _example(spec)
    trace = ce.conv_trace(x, w, spec.stride, spec.padding_rule, spec.dilation, ndim=1)
    leaks = ce.future_leaks(
        spec.length, spec.kernel_size, spec.stride, spec.padding_rule, spec.dilation
    )
    return trace, leaks


@cached
def causal_code(spec: CausalSpec) -> code.Snippets:
    return code.sliding_code(*_example(spec), spec, causal_trace(spec)[0])


@cached
def causal_scene(spec: CausalSpec) -> dict:
    trace, leaks = causal_trace(spec)
    return sliding_scene(
        trace,
        titles=(t("Input over time (grey: the future)"), t("Kernel"), t("Output")),
        time_masks=True,
        leaks=leaks if spec.leak else None,
    )


@cached
def causal_matrices(spec: CausalSpec) -> dict:
    """Causal conv, centred conv and the causal self-attention mask, as time × time maps.

    The convs use the page's kernel, dilation and stride: row j is output j (at time j·s).
    """
    size = min(spec.length, 16)
    _, w = _example(spec)
    causal = ce.conv_matrix((size,), w, spec.stride, "causal", spec.dilation)
    centred = ce.conv_matrix((size,), w, spec.stride, "same", spec.dilation)
    attention = np.tril(np.ones((size, size)))
    strided = f", s = {spec.stride}" if spec.stride > 1 else ""
    reach = float(max(np.abs(causal).max(), np.abs(centred).max())) or 1.0
    # one bar for the two convs' weights (one scale, around 0); the mask is not a weight:
    # grey where attention may look, white where it is masked, said in its title
    return heatmaps_figure(
        [
            (t("causal conv{strided}: nothing after time j·s", strided=strided), causal),
            (t("centred conv{strided}: a band around j·s", strided=strided), centred),
            (t("self-attention's causal mask (grey = may attend, white = masked)"), attention),
        ],
        numbers=False,  # the pattern is the point; hover shows each weight
        height=380,
        scales=[theme.DIVERGING, theme.DIVERGING, theme.MASK_SCALE],
        zranges=[(-reach, reach), (-reach, reach), (0.0, 1.0)],
        colour_key=t("conv weight"),
        key_panel=2,
    )


@cached
def streaming_rows(spec: CausalSpec, steps: int = 8) -> tuple[list[dict], int]:
    """The page's conv run one time step at a time, beside the full-sequence result.

    Same input, kernel, stride, dilation and padding as the animation: with causal padding
    each output is emitted when its own input arrives; centred padding makes it wait.
    Returns the table rows and that wait (the layer's latency, in steps).
    """
    x, w = _example(spec)
    full = ce.conv1d(x[None], w[None, None], None, spec.stride, spec.padding_rule, spec.dilation)[0]
    padding = ce.resolve_padding(
        spec.length, spec.kernel_size, spec.stride, spec.dilation, spec.padding_rule
    )
    layer = ce.StreamingConv1d(w[None, None], None, spec.stride, spec.dilation, padding)
    rows = []
    for time in range(min(steps, spec.length)):
        emitted = layer.push(x[time : time + 1])
        past = [theme.format_number(float(v[0])) for v in list(layer.window)[:-1]]
        row = {
            "t": time,
            t("new input x_t"): theme.format_number(float(x[time])),
            t("buffer (last {size})", size=layer.buffer_size): " ".join(past) or "—",
            t("emitted now"): "—",
            t("full sequence"): "—",
            t("equal"): "",
        }
        if emitted:
            index = layer.emitted - 1
            value = float(emitted[0][0])
            row[t("emitted now")] = f"y[{index}] = {theme.format_number(value)}"
            row[t("full sequence")] = f"y[{index}] = {theme.format_number(float(full[index]))}"
            row[t("equal")] = "✅" if np.isclose(value, full[index]) else "❌"
        rows.append(row)
    return rows, layer.latency


@cached
def wavenet_numbers(spec: WaveNetSpec) -> tuple[int, int, int]:
    """(receptive field, same depth without dilation, number of layers)."""
    dilated = ce.receptive_field(spec.layers)[-1].size
    plain = ce.receptive_field([ce.Layer(spec.kernel_size)] * len(spec.layers))[-1].size
    return dilated, plain, len(spec.layers)


@cached
def wavenet_padding_reach(spec: WaveNetSpec) -> int:
    """How many of the sequence's outputs see past its start (into the causal padding)."""
    before, _ = ce.padding_reach(ce.receptive_field(spec.layers, spec.length))
    return before


@cached
def wavenet_tree(spec: WaveNetSpec) -> tuple[dict, int]:
    """The dependency tree of the last output for the longest prefix of the stack whose
    receptive field fits in TREE_STEPS steps; the figure and how many layers it shows."""
    dilations: list[int] = []
    for dilation in spec.dilations:
        layers = [ce.Layer(spec.kernel_size, dilation=d) for d in [*dilations, dilation]]
        if ce.receptive_field(layers)[-1].size > TREE_STEPS:
            break
        dilations.append(dilation)
    dilations = dilations or spec.dilations[:1]
    size = ce.receptive_field([ce.Layer(spec.kernel_size, dilation=d) for d in dilations])[-1].size
    return dependency_tree_figure(spec.kernel_size, dilations, max(size, 16)), len(dilations)


def wavenet_latex(kernel_size: int, dilations: list[int], residual: bool, size: int) -> str:
    """``r = 1 + Σ (k − 1)·dᵢ`` with numbers, on two short rows (a long sum is elided)."""
    if len(dilations) > 7:
        shown = " + ".join(str(d) for d in dilations[:5]) + rf" + \dots + {dilations[-1]}"
    else:
        shown = " + ".join(str(d) for d in dilations)
    note = r"\ \text{(two convs per dilation)}" if residual else ""
    return (
        rf"r = 1 + \sum_i (k-1)\,d_i{note} \\ "
        rf"= 1 + ({kernel_size}-1)\cdot({shown}) = {size}"
    )


# --- views -----------------------------------------------------------------------------


def leak_verdict(spec: CausalSpec, leaks: np.ndarray) -> None:
    if spec.leak:
        st.error(
            t(
                "**Centred padding leaks the future:** {leaks} of {size} outputs read a later "
                "input (outlined in red).",
                leaks=int(leaks.sum()),
                size=leaks.size,
            ),
            icon="🔓",
        )
    else:
        st.success(t("Causal padding: no output reads a later input."), icon="🔒")


def streaming_explained(spec: CausalSpec, latency: int) -> str:
    """How the page's conv streams: at once (causal), or waiting for the future (centred)."""
    every = (
        t(" (every {stride}th step, with stride {stride})", stride=spec.stride)
        if spec.stride > 1
        else ""
    )
    if latency == 0:
        return t(
            "At inference a causal conv keeps a buffer of the last **d·(k − 1)** inputs and "
            "emits each output the moment its own input arrives{every}; it equals the "
            "full-sequence result.",
            every=every,
        )
    return nt(
        "Centred padding reads ahead: each output waits **{count} step** for the inputs "
        "its window needs before it can be emitted (the last ones only when the stream "
        "ends). It still equals the full-sequence result, but a model that must act now "
        "cannot wait.",
        "Centred padding reads ahead: each output waits **{count} steps** for the inputs "
        "its window needs before it can be emitted (the last ones only when the stream "
        "ends). It still equals the full-sequence result, but a model that must act now "
        "cannot wait.",
        latency,
    )


def causal_section(params: PageParams) -> None:
    """The masked future and the leak beside the controls; matrix and streaming after."""
    controls, figure = controls_and_figure(params)
    with controls:
        spec = causal_controls(params)
    trace, leaks = causal_trace(spec)
    offer(params, "causal", trace)
    with figure:
        main_scene(
            params,
            causal_scene(spec),
            causal_title(spec.length, spec.kernel_size, spec.dilation, spec.stride, spec.leak),
        )
    with controls:
        leak_verdict(spec, leaks)
    views = lazy_tabs(
        params,
        {"matrix": t("▦ As a matrix"), "streaming": t("📡 Streaming")},
    )
    matrix, streaming = views
    if matrix.open:
        with matrix:
            st.markdown(
                t(
                    "**The same convolution as a time × time matrix.** Row j holds the weights "
                    "output j gives to each input. Causal: nothing after its own time, like the "
                    "mask of causal self-attention."
                )
            )
            plot(
                causal_matrices(spec),
                params.key("matrix_chart"),
                t(
                    "the causal convolution, the centred one and the causal self-attention "
                    "mask as time × time matrices; row j is what output j takes from each "
                    "input, and only the centred one reaches past the diagonal."
                ),
            )
            link_page("lightweight", t("Compare with lightweight convolution and attention"), {})
    if streaming.open:
        with streaming:
            rows, latency = streaming_rows(spec)
            st.markdown(
                t("**Streaming, one step at a time.**") + " " + streaming_explained(spec, latency)
            )
            st.table(rows)
    if not params.present:
        framework_panel(params, lambda: causal_code(spec))


def wavenet_section(params: PageParams) -> None:
    """A dilated causal stack: receptive field, formula, its reach, and the tree."""
    wavenet = wavenet_controls(params)
    dilated, plain, depth = wavenet_numbers(wavenet)
    numbers, formula = st.columns([2, 3])
    with numbers:
        left, right = st.columns(2)
        left.metric(t("Receptive field"), f"{dilated:,}")
        right.metric(t("{depth} layers without dilation", depth=depth), f"{plain:,}")
    with formula:
        formula_panel(
            [wavenet_latex(wavenet.kernel_size, wavenet.dilations, wavenet.residual, dilated)]
        )
    reaching = wavenet_padding_reach(wavenet)
    if reaching == wavenet.length:
        st.warning(
            t(
                "The receptive field ({dilated:,}) exceeds the sequence ({length:,}): "
                "**every** output's window reaches back past the start, into the zero "
                "padding; no output sees a full window of real inputs.",
                dilated=dilated,
                length=wavenet.length,
            ),
            icon="⚠️",
        )
    elif reaching:
        st.info(
            t(
                "The first {reaching:,} of {length:,} outputs reach back past the start "
                "(into the zero padding); from output {reaching:,} on, every window is real "
                "input.",
                reaching=reaching,
                length=wavenet.length,
            ),
            icon="ℹ️",
        )
    tree, shown = wavenet_tree(wavenet)
    if shown < depth:
        st.caption(
            t(
                "The tree shows the first {shown} of {depth} layers (the rest would not fit).",
                shown=shown,
                depth=depth,
            )
        )
    plot(
        tree,
        params.key("tree_chart"),
        t(
            "the input steps the last output depends on, through {shown} layers of dilated "
            "causal convolutions, each step joined to the {k} it reads.",
            shown=shown,
            k=wavenet.kernel_size,
        ),
    )
