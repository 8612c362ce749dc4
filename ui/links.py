"""Links that open a page at a setting, offered only when that page's controls reach it.

The solver and the exercises say "open it on its page". A link is built only when every
value is inside the page's bounds (:mod:`ui.choices`), so the page shows exactly that
setting and clamps nothing; each function returns None where its page cannot show it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

import conv_engine as ce
from conv_engine.exercises import About, Channels, Question, Setting

from .channels import MAX_CHANNELS
from .choices import (
    CAUSAL_KERNELS,
    CAUSAL_LENGTHS,
    CAUSAL_STRIDES,
    DILATIONS,
    FEATURE_OUT,
    FEATURES,
    KERNEL_SIZES,
    LAB_LENGTHS,
    LIGHTWEIGHT_CHANNELS,
    LIGHTWEIGHT_KERNELS,
    MAX_EXPLICIT_PAD,
    MAX_FEATURE_KERNEL,
    MAX_INPUT_2D,
    MAX_LENGTH_1D,
    MAX_PADDED_1D,
    MAX_PADDED_2D,
    MAX_STRIDE,
    SCHEDULE_KERNELS,
    SCHEDULE_LENGTHS,
    SCHEDULE_RATES,
    SEPARABLE_IN,
    SEPARABLE_KERNELS,
    SEPARABLE_OUT,
    STRIDES,
    WAVENET_BLOCKS,
    WAVENET_KERNELS,
    WAVENET_TOP_DILATIONS,
    kernel_bounds,
    largest_crop,
    largest_input,
)
from .layers import MAX_LAYERS, encode

DILATED_INPUT = 12  # the Dilated page opens a lone kernel on its largest input
CAUSAL_INPUT = 12  # and the Causal page on its default sequence
FEATURE_FRAMES = 16  # the frames × features view's default length


@dataclass(frozen=True)
class Link:
    """A page of the app (its url path) and the query that sets its controls."""

    page: str
    query: Mapping[str, str]

    @property
    def url(self) -> str:
        return f"{self.page}?{urlencode(self.query)}"


def _link(page: str, **query: object) -> Link:
    return Link(page, {key: str(value) for key, value in query.items()})


def _step(step: int | None) -> dict[str, int]:
    return {} if step is None else {"step": step}


def _layer(in_channels: int, out_channels: int, bias: bool) -> dict | None:
    """A layer's channels and bias as a link's settings ({} for one map in and out, None
    where the page cannot draw them)."""
    if max(in_channels, out_channels) > MAX_CHANNELS:
        return None
    if (in_channels, out_channels, bias) == (1, 1, False):
        return {}
    return {"cin": in_channels, "cout": out_channels, "bias": int(bias)}


def _sliding_query(
    n: int,
    k: int,
    s: int,
    d: int,
    padding: str | int,
    sides: tuple[str, ...],
    rules: tuple[str, ...],
    largest: int,
    max_padded: int,
) -> dict[str, object] | None:
    """The kernel and padding part of a sliding page's link (an int padding is that many
    zeros on every side), or None where its controls cannot reach the setting."""
    if isinstance(padding, int):
        if padding > MAX_EXPLICIT_PAD:
            return None
        mode, total = ("explicit" if padding else "valid"), 2 * padding
        pads = {"p": mode} | ({side: padding for side in sides} if padding else {})
    elif padding in rules:
        mode, total, pads = padding, 0, {"p": padding}
    else:
        return None
    if not 3 <= n <= largest or s > MAX_STRIDE:
        return None
    k_limit, d_limit = kernel_bounds(n, mode, total, k, max_padded=max_padded)
    if k > k_limit or d > d_limit:
        return None
    return {"k": k, "s": s, "d": d, **pads}


def sliding_2d_link(
    page: str,
    n: int,
    k: int,
    s: int,
    d: int,
    padding: str | int,
    step: int | None = None,
    layer: tuple[int, int, bool] = (1, 1, False),
) -> Link | None:
    """The Standard or the Dilated page (one set of controls) at an n × n setting; on the
    Standard page a ``layer`` of (C_in, C_out, bias)."""
    channels = _layer(*layer) if page == "standard" else (None if layer != (1, 1, False) else {})
    sides, rules = ("pt", "pb", "pl", "pr"), ("valid", "same", "full")
    query = _sliding_query(n, k, s, d, padding, sides, rules, MAX_INPUT_2D, MAX_PADDED_2D)
    if channels is None or query is None:
        return None
    return _link(page, h=n, w=n, **query, **channels, **_step(step))


def conv1d_link(
    n: int,
    k: int,
    s: int,
    d: int,
    padding: str | int,
    step: int | None = None,
    fill: str = "zeros",
) -> Link | None:
    """The Conv1d page at a sequence of n steps, its padding filled as ``fill`` says."""
    rules = ("valid", "same", "full", "causal")
    query = _sliding_query(n, k, s, d, padding, ("pl", "pr"), rules, MAX_LENGTH_1D, MAX_PADDED_1D)
    if query is None:
        return None
    fills = {"pmode": fill} if fill != "zeros" and query["p"] != "valid" else {}
    return _link("conv1d", n=n, **query, **fills, **_step(step))


def causal_link(n: int, k: int, s: int, d: int, leak: bool = False) -> Link | None:
    """The Causal page: causal zeros, or with ``leak`` centred ('same') ones."""
    if n not in CAUSAL_LENGTHS or k not in CAUSAL_KERNELS or s not in CAUSAL_STRIDES:
        return None
    if d > kernel_bounds(n, "causal", 0, k, max_padded=MAX_PADDED_1D)[1]:
        return None
    return _link("causal", n=n, k=k, d=d, s=s, **({"leak": 1} if leak else {}))


def transposed_link(n: int, k: int, s: int, d: int, p: int, op: int) -> Link | None:
    """The Transposed page, when its bounds draw this layer at this input size."""
    if k not in KERNEL_SIZES or s not in STRIDES or d not in DILATIONS:
        return None
    if n > largest_input(k, s, d) or p > largest_crop(n, k, s, d):
        return None
    if op > ce.max_output_padding(s, d):
        return None
    return _link("transposed", n=n, k=k, s=s, d=d, p=p, op=op)


def lab_link(layers: tuple[ce.Layer, ...], n: int | None = None) -> Link | None:
    """The receptive-field lab with this stack (and input length)."""
    if not 1 <= len(layers) <= MAX_LAYERS or (n is not None and n not in LAB_LENGTHS):
        return None
    query = {"preset": "custom", "layers": encode(layers)}
    return _link("receptive-field", **query, **({} if n is None else {"n": n}))


def schedule_link(layers: tuple[ce.Layer, ...]) -> Link | None:
    """The Dilated page's stack: one kernel size, stride 1, its dilation rates."""
    rates = [layer.dilation for layer in layers]
    k = layers[0].kernel_size if layers else 0
    plain = all(layer.kernel_size == k and layer.stride == 1 for layer in layers)
    if not plain or k not in SCHEDULE_KERNELS or len(rates) not in SCHEDULE_LENGTHS:
        return None
    if not all(rate in SCHEDULE_RATES for rate in rates):
        return None
    return _link("dilated", sk=k, rates="custom", custom=", ".join(map(str, rates)))


def wavenet_link(layers: tuple[ce.Layer, ...]) -> Link | None:
    """The Causal page's WaveNet stack: blocks of causal convs with dilations 1, 2, 4, …"""
    k = layers[0].kernel_size if layers else 0
    if k not in WAVENET_KERNELS:
        return None
    for top in WAVENET_TOP_DILATIONS:
        block = [ce.Layer(k, 1, 2**i, "causal") for i in range(top.bit_length())]
        blocks, rest = divmod(len(layers), len(block))
        if not rest and blocks in WAVENET_BLOCKS and list(layers) == block * blocks:
            return _link("causal", wk=k, dmax=top, blocks=blocks)
    return None


def separable_link(c_in: int, c_out: int, k: int) -> Link | None:
    """The Separable page at this layer (depth multiplier 1)."""
    if c_in not in SEPARABLE_IN or c_out not in SEPARABLE_OUT or k not in SEPARABLE_KERNELS:
        return None
    return _link("separable", cin=c_in, cout=c_out, k=k, m=1)


def features_link(features: int, c_out: int, k: int) -> Link | None:
    """Conv1d's frames × features view: F features per frame, C_out kernels of n frames."""
    if features not in FEATURES or c_out not in FEATURE_OUT:
        return None
    if not 1 <= k <= min(MAX_FEATURE_KERNEL, FEATURE_FRAMES):
        return None
    return _link("conv1d", f=features, kn=k, co=c_out)


def lightweight_link(channels: int, heads: int, k: int) -> Link | None:
    """The Lightweight page with d channels in H heads and kernel width k."""
    if channels not in LIGHTWEIGHT_CHANNELS or k not in LIGHTWEIGHT_KERNELS:
        return None
    if heads < 1 or channels % heads:
        return None
    return _link("lightweight", c=channels, h=heads, k=k)


# ------------------------------------------------------------------- exercises


def _setting_link(topic: str, setting: Setting) -> Link | None:
    n, k, padding = setting.size, setting.kernel_size, setting.padding
    s, d = setting.stride, setting.dilation
    if setting.transposed:
        return transposed_link(n, k, s, d, int(padding), setting.output_padding)
    if topic in ("standard", "dilated") and setting.ndim == 2:
        layer = (setting.in_channels, setting.out_channels, setting.bias)
        return sliding_2d_link(topic, n, k, s, d, padding, setting.step or None, layer)
    if topic == "conv1d" and setting.ndim == 1:
        return conv1d_link(n, k, s, d, padding, setting.step or None, setting.padding_mode)
    if topic == "causal" and padding in ("causal", "same"):
        return causal_link(n, k, s, d, leak=padding == "same")
    return None


def _channels_link(topic: str, layer: Channels) -> Link | None:
    if topic == "separable" and layer.ndim == 2:
        return separable_link(layer.c_in, layer.c_out, layer.kernel_size)
    if topic == "conv1d" and layer.ndim == 1 and layer.groups == 1:
        return features_link(layer.c_in, layer.c_out, layer.kernel_size)
    if topic == "lightweight" and layer.heads:
        return lightweight_link(layer.c_in, layer.heads, layer.kernel_size)
    return None  # Standard draws one channel in and one out; Lightweight no depthwise count


def about_link(topic: str, about: About | None) -> Link | None:
    """The page of ``topic`` showing what a question is about, or None."""
    if isinstance(about, Setting):
        return _setting_link(topic, about)
    if isinstance(about, Channels):
        return _channels_link(topic, about)
    if isinstance(about, ce.Layer):  # a lone kernel
        if topic == "dilated":
            return sliding_2d_link(
                "dilated", DILATED_INPUT, about.kernel_size, 1, about.dilation, "valid"
            )
        if topic == "causal":
            return causal_link(CAUSAL_INPUT, about.kernel_size, 1, about.dilation)
        return None
    if isinstance(about, tuple):  # a stack
        return {"receptive-field": lab_link, "dilated": schedule_link, "causal": wavenet_link}.get(
            topic, lambda _: None
        )(about)
    return None


def drawable(topic: str, about: About) -> bool:
    """Whether the page of ``topic`` can show ``about``: the exercises draw only such."""
    return about_link(topic, about) is not None


def question_link(question: Question) -> Link | None:
    return about_link(question.topic, question.about)
