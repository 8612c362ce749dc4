"""Causal convolution: the mask, the leak, and the WaveNet stack."""

from functools import partial

import streamlit as st

from ui import cached
from ui.animation import sliding_animation
from ui.controls import CausalSpec, causal_controls, wavenet_controls
from ui.formulas import wavenet_latex
from ui.panels import formula_panel, lazy_tabs, link_page, plot
from ui.sections import controls_last, section
from ui.shell import finish_page, start_page

params = start_page(
    "causal",
    "⏳ Causal convolution",
    "In a sequence model the output at time **t** may only use inputs at times **≤ t**. A "
    "causal convolution pads **d·(k − 1) zeros on the left** and none on the right (Keras "
    "`padding='causal'`), so the window never reaches the future (grey).",
)


@section(params)
def causal_section() -> None:
    """The masked future, the leak, the time × time matrix and streaming."""
    with controls_last(params, causal_controls) as spec:
        trace, leaks = cached.causal_trace(spec)
        verdict = st.container()  # the figure goes to the browser first, its verdict after
        sliding_animation("causal", trace, partial(cached.causal_figure, spec))
        with verdict:
            if spec.leak:
                st.error(
                    f"**Centred padding leaks the future:** {int(leaks.sum())} of {leaks.size} "
                    "outputs read a later input (outlined in red). Train on that and the model "
                    "cheats.",
                    icon="🔓",
                )
            else:
                st.success("Causal padding: no output reads a later input.", icon="🔒")

    matrix, streaming = lazy_tabs(
        params,
        ["▦ The same convolution as a time × time matrix", "📡 Streaming, one step at a time"],
    )
    if matrix.open:
        with matrix:
            st.markdown(
                "Row t holds the weights output t gives to each input. Causal: nothing above "
                "the diagonal, like the mask of causal self-attention."
            )
            plot(cached.causal_matrices(spec), params.key("matrix_chart"))
            link_page("lightweight", "Compare with lightweight convolution and attention", {})
    if streaming.open:
        with streaming:
            rows, latency = cached.streaming_rows(spec)
            st.markdown(streaming_explained(spec, latency))
            st.dataframe(rows, hide_index=True, width="stretch")


@section(params)
def wavenet_section() -> None:
    """A dilated causal stack: receptive field, formula and tree."""
    wavenet = wavenet_controls(params)
    dilated, plain, depth = cached.wavenet_numbers(wavenet)
    columns = st.columns(3)
    columns[0].metric("Receptive field", f"{dilated:,}")
    columns[1].metric(f"Same {depth} layers, no dilation", f"{plain:,}")
    columns[2].metric("Layers", depth)
    formula_panel(
        [wavenet_latex(wavenet.kernel_size, wavenet.dilations, wavenet.residual, dilated)],
        title="Receptive field of the stack",
    )
    reaching = cached.wavenet_padding_reach(wavenet)
    if reaching == wavenet.length:
        st.warning(
            f"The receptive field ({dilated:,}) exceeds the sequence ({wavenet.length:,}): "
            f"**every** output's window reaches back past the start, into the zero padding; "
            "no output sees a full window of real inputs.",
            icon="⚠️",
        )
    elif reaching:
        st.info(
            f"The first {reaching:,} of {wavenet.length:,} outputs reach back past the start "
            f"(into the zero padding); from output {reaching:,} on, every window is real input.",
            icon="ℹ️",
        )
    tree, shown = cached.wavenet_tree(wavenet)
    if shown < depth:
        st.caption(f"The tree shows the first {shown} of {depth} layers (the rest would not fit).")
    plot(tree, params.key("tree_chart"))


def streaming_explained(spec: CausalSpec, latency: int) -> str:
    """How the page's conv streams: at once (causal), or waiting for the future (centred)."""
    every = f" (every {spec.stride}th step, with stride {spec.stride})" if spec.stride > 1 else ""
    if latency == 0:
        return (
            "At inference a causal conv keeps a buffer of the last **d·(k − 1)** inputs and "
            f"emits each output the moment its own input arrives{every}; it equals the "
            "full-sequence result."
        )
    return (
        f"Centred padding reads ahead: each output waits **{latency} step(s)** for the inputs "
        "its window needs before it can be emitted (the last ones only when the stream "
        "ends). It still equals the full-sequence result, but a model that must act now "
        "cannot wait."
    )


causal_section()
st.header("Dilated causal stacks (WaveNet)")
st.markdown(
    "A plain causal stack grows its receptive field only **linearly**: more reach "
    "needs bigger kernels (more parameters) or more layers (vanishing gradients, internal "
    "covariate shift, unstable training that is slow to converge). "
    "Doubling the dilation each layer grows it **exponentially**."
)
wavenet_section()
finish_page(params, keep=("step",))
