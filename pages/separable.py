"""Depthwise-separable convolution: channels, groups, and the parameters they save."""

import streamlit as st

import conv_engine as ce
from conv_engine.separable import depthwise_separable_conv2d
from ui import cached
from ui.controls import separable_controls
from ui.panels import article_module_panel, code_panel, plot
from ui.sections import controls_last, section
from ui.shell import finish_page, start_page

params = start_page(
    "separable",
    "🧩 Depthwise-separable convolution",
    "A standard conv mixes **space and channels at once**: every output channel has a k × k "
    "kernel for *every* input channel. A separable conv splits the job: a **depthwise** conv "
    "(groups = C_in, one k × k kernel per channel) then a **pointwise** 1 × 1 conv that mixes "
    "channels. Same output shape, far fewer weights.",
)


@section(params)
def separable_section() -> None:
    """Channels animated, weight counts, groups and the article's module."""
    with controls_last(params, separable_controls) as spec:
        animation, blocks = cached.separable_figures(spec)
        st.markdown(
            "▶ Play: first each input channel meets **its own** kernel, then each output "
            "channel is a weighted sum (a row of the 1 × 1 weights) of **all** depthwise maps."
        )
        plot(animation, params.key("chart"))
    left, right = st.columns([3, 2])
    with left:
        st.dataframe(cached.separable_counts(spec), hide_index=True, width="stretch")
        ratio = ce.separable_ratio(spec.out_channels, spec.kernel_size)
        st.markdown(
            f"Separable ÷ standard weights (m = 1) = 1/C_out + 1/k² = 1/{spec.out_channels} "
            f"+ 1/{spec.kernel_size**2} = **{ratio:.3f}**. Biases: Keras `SeparableConv2D` "
            "has one bias (C_out); a PyTorch depthwise + pointwise pair has two "
            "(C_in·m + C_out)."
        )
        difference = cached.separable_example(spec)["difference"]
        st.success(
            f"Check: separable output − (pointwise ∘ depthwise) = {difference:g} "
            "(largest absolute difference).",
            icon="✅",
        )
    with right:
        plot(blocks, params.key("groups_chart"))
    article_module_panel(spec.in_channels, spec.out_channels)


separable_section()
st.subheader("On a photo: one filter per colour channel, then a 1 × 1 mix")
plot(cached.photo_separable(), params.key("photo_chart"))
code_panel([depthwise_separable_conv2d])
finish_page(params)
