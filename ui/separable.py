"""The Depthwise-separable convolution page: channels, groups, and the weights they save.

Its controls, cached computations and views.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import streamlit as st

import conv_engine as ce
from conv_engine.presets import kernel_preset
from i18n import N_, t
from viz import code, theme
from viz.channels import separable_scene
from viz.heatmaps import grey_png, heatmaps_figure

from .cache import cached
from .choices import SEPARABLE_IN, SEPARABLE_KERNELS, SEPARABLE_OUT, divisors
from .page import controls_and_figure
from .panels import framework_panel, plot
from .params import PageParams
from .picture import Picture, picture_array, picture_uploader
from .scene import main_scene
from .slide_titles import separable_title

PHOTO_SIDE = 48  # the photo example's side, in pixels of the photo
PHOTO_ZOOM = 4  # each drawn as a block of 4 × 4 screen pixels

# --- controls --------------------------------------------------------------------------


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
    left, right = st.columns(2)
    in_channels = params.integer(
        "cin", "C_in", 3, 1, SEPARABLE_IN[-1], container=left, shortcut="I"
    )
    out_channels = params.integer(
        "cout", t("C_out"), 4, 1, SEPARABLE_OUT[-1], container=right, shortcut="O"
    )
    kernel_size = params.integer("k", t("Kernel size k"), 3, 1, SEPARABLE_KERNELS[-1], shortcut="K")
    left, right = st.columns(2)
    multiplier = params.integer("m", t("Depth multiplier"), 1, 1, 3, container=left)
    size = params.integer("n", t("Input size"), 5, 3, 8, container=right)
    shared = divisors(math.gcd(in_channels, out_channels))
    groups = params.choice(
        "g",
        t("Groups: 1 = standard, C_in = depthwise"),
        [str(g) for g in shared],
        "1",
        help=t("Groups must divide C_in and C_out."),
    )
    seed = params.integer("seed", t("Seed"), 0, 0, 99)
    return SeparableSpec(
        in_channels, out_channels, kernel_size, multiplier, int(groups), size, seed
    )


# --- cached computations ---------------------------------------------------------------


@cached
def separable_example(spec: SeparableSpec) -> dict:
    """Random small-int input and weights, and every intermediate of the separable conv."""
    rng = np.random.default_rng(spec.seed)
    mid = spec.in_channels * spec.multiplier
    x = rng.integers(0, 5, size=(spec.in_channels, spec.size, spec.size)).astype(float)
    depthwise = rng.integers(-1, 2, size=(mid, 1, spec.kernel_size, spec.kernel_size)).astype(float)
    pointwise = rng.integers(-2, 3, size=(spec.out_channels, mid, 1, 1)).astype(float)
    middle = ce.conv2d(x, depthwise, groups=spec.in_channels, padding="same")
    output = ce.depthwise_separable_conv2d(x, depthwise, pointwise, padding="same")
    two_step = ce.conv2d(middle, pointwise)
    return {
        "x": x,
        "depthwise": depthwise,
        "pointwise": pointwise,
        "middle": middle,
        "output": output,
        "difference": float(np.abs(output - two_step).max()),
    }


@cached
def separable_code(spec: SeparableSpec) -> code.Snippets:
    example = separable_example(spec)
    return code.separable_code(
        example["x"], example["depthwise"], example["pointwise"], example["output"]
    )


@cached
def channels_scene(spec: SeparableSpec) -> dict:
    example = separable_example(spec)
    return separable_scene(
        example["x"],
        example["depthwise"][:, 0],
        example["middle"],
        example["pointwise"][:, :, 0, 0],
        example["output"],
    )


@cached
def groups_figure(spec: SeparableSpec) -> dict:
    return heatmaps_figure(
        [
            (
                t(
                    "groups = {groups}: which inputs (columns) each output (row) reads "
                    "(grey = reads)",
                    groups=spec.groups,
                ),
                ce.group_connectivity(spec.in_channels, spec.out_channels, spec.groups),
            )
        ],
        scale=theme.MASK_SCALE,  # a 0/1 map: two colours, named in the title, no bar
        numbers=False,
        height=300,
        zranges=[(0.0, 1.0)],
    )


def separable_counts(spec: SeparableSpec) -> list[dict]:
    """Weights and multiply-adds of each variant, for the current sizes (SAME, stride 1)."""
    k, c_in, c_out, m = spec.kernel_size, spec.in_channels, spec.out_channels, spec.multiplier
    positions = spec.size * spec.size
    variants = [
        (t("standard"), c_in, c_out, (k, k), 1),
        (t("grouped (g = {groups})", groups=spec.groups), c_in, c_out, (k, k), spec.groups),
        (t("depthwise (m = {m})", m=m), c_in, c_in * m, (k, k), c_in),
        (t("pointwise 1×1"), c_in * m, c_out, (1, 1), 1),
    ]
    rows = [
        {
            N_("layer"): name,
            N_("weights"): ce.conv_parameters(i, o, taps, g, bias=False),
            N_("multiply-adds"): ce.conv_multiply_adds(i, o, taps, positions, g),
            N_("biases (PyTorch)"): o,
        }
        for name, i, o, taps, g in variants
    ]
    rows.append(
        {
            N_("layer"): t("separable = depthwise + pointwise"),
            N_("weights"): ce.separable_parameters(c_in, c_out, k, m),
            N_("multiply-adds"): rows[2]["multiply-adds"] + rows[3]["multiply-adds"],
            N_("biases (PyTorch)"): c_in * m + c_out,
        }
    )
    return [{t(name): value for name, value in row.items()} for row in rows]


@cached
def photo_stages(picture: Picture | None = None) -> list[list[tuple[str, bytes]]]:
    """A photo's R, G, B channels (the viewer's own picture, or the app's), one depthwise
    filter each, and a 1×1 mix into two maps: three rows of (title, grey PNG)."""
    step = 64 // PHOTO_SIDE or 1
    photo = np.moveaxis(picture_array(picture)[16:80:step, 16:80:step], -1, 0)
    depthwise = np.stack(
        [np.ones((3, 3)) / 9, kernel_preset("sobel", 3), kernel_preset("sobel", 3).T]
    )
    pointwise = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 1.0]])
    middle = ce.conv2d(photo, depthwise[:, None], groups=3, padding="same")
    output = ce.conv2d(middle, pointwise[:, :, None, None])
    stages = [
        [(t("red"), photo[0]), (t("green"), photo[1]), (t("blue"), photo[2])],
        [
            (t("red ∗ blur"), middle[0]),
            (t("green ∗ Sobel x"), middle[1]),
            (t("blue ∗ Sobel y"), middle[2]),
        ],
        [(t("out 0 = blur"), output[0]), (t("out 1 = x-edges + y-edges"), output[1])],
    ]
    return [[(title, grey_png(values, PHOTO_ZOOM)) for title, values in row] for row in stages]


ARTICLE_MODULE = """import torch.nn as nn

class DepthwiseSeparableConv2d(nn.Module):
    def __init__(self, n_in, n_out):
        super().__init__()  # the article's super(depthwise_separable_conv, self) names a
                            # class that does not exist (its class is depthwise_conv2d)
        self.depth_wise = nn.Conv2d(n_in, n_in, kernel_size=3, padding=1, groups=n_in)
        self.point_wise = nn.Conv2d(n_in, n_out, kernel_size=1)

    def forward(self, x):
        return self.point_wise(self.depth_wise(x))
"""


# --- views -----------------------------------------------------------------------------


def ratio_text(spec: SeparableSpec) -> str:
    """Separable ÷ standard weights with the page's numbers: ``m/C_out + m/k²`` (the
    article's ``1/C_out + 1/k²`` when the depth multiplier m is 1)."""
    m, k, c_out = spec.multiplier, spec.kernel_size, spec.out_channels
    ratio = ce.separable_ratio(c_out, k, m)
    if m == 1:
        return t(
            "Separable ÷ standard weights = 1/C_out + 1/k² = 1/{out_channels} + 1/{taps} = "
            "**{ratio:.3f}**",
            out_channels=c_out,
            taps=k**2,
            ratio=ratio,
        )
    return t(
        "Separable ÷ standard weights = m/C_out + m/k² = {m}/{out_channels} + {m}/{taps} = "
        "**{ratio:.3f}** (depth multiplier m = {m})",
        m=m,
        out_channels=c_out,
        taps=k**2,
        ratio=ratio,
    )


def separable_section(params: PageParams) -> None:
    """Channels animated beside the controls; weight counts, groups and the module after."""
    controls, figure = controls_and_figure(params)
    with controls:
        spec = separable_controls(params)
        st.markdown(ratio_text(spec))
    with figure:
        main_scene(
            params,
            channels_scene(spec),
            separable_title(spec.in_channels, spec.out_channels, spec.kernel_size, spec.multiplier),
        )
    if params.present:
        return
    left, right = st.columns([3, 2])
    with left:
        st.table(separable_counts(spec))  # static HTML: it redraws quickly
        st.markdown(
            t(
                "Biases: Keras `SeparableConv2D` has one bias (C_out); a PyTorch depthwise + "
                "pointwise pair has two (C_in·m + C_out)."
            )
        )
        difference = separable_example(spec)["difference"]
        st.success(
            t(
                "Check: separable output − (pointwise ∘ depthwise) = {difference:g} (largest "
                "absolute difference).",
                difference=difference,
            ),
            icon="✅",
        )
    with right:
        plot(
            groups_figure(spec),
            params.key("groups_chart"),
            t(
                "a {c_out} × {c_in} map of which input channels each output channel reads "
                "with groups = {groups}.",
                c_out=spec.out_channels,
                c_in=spec.in_channels,
                groups=spec.groups,
            ),
        )
    framework_panel(params, lambda: separable_code(spec))
    article_module_panel(params, spec.in_channels, spec.out_channels)


def article_module_panel(params: PageParams, n_in: int, n_out: int) -> None:
    """The article's depthwise-separable PyTorch module, fixed, with its parameter count;
    built only when open (highlighting code costs the browser on every visit)."""
    panel = st.expander(
        t("📜 The article's PyTorch module, fixed"),
        key=params.key("article_module"),
        on_change="rerun",
    )
    if not panel.open:
        return
    with panel:
        _article_module(n_in, n_out)


def _article_module(n_in: int, n_out: int) -> None:
    st.code(ARTICLE_MODULE, language="python")
    depthwise = ce.conv_parameters(n_in, n_in, (3, 3), n_in)
    pointwise = ce.conv_parameters(n_in, n_out, (1, 1))
    total = ce.separable_parameters(n_in, n_out, 3, bias="torch")
    st.markdown(
        t(
            "With n_in = {n_in}, n_out = {n_out}: depthwise {depthwise:,} + pointwise "
            "{pointwise:,} = **{total:,}** parameters (the counter's PyTorch-bias "
            "figure, k = 3).",
            n_in=n_in,
            n_out=n_out,
            depthwise=depthwise,
            pointwise=pointwise,
            total=total,
        )
    )


def photo_section(params: PageParams) -> None:
    """The same two steps on a photo (or the viewer's own picture): one filter per colour
    channel, then a 1 × 1 mix.

    Pictures, not heatmaps: the browser fetches each once and keeps it, so a slider move
    above does not send them again."""
    picture = picture_uploader(params.key("picture"))
    for row in photo_stages(picture):
        for column, (title, png) in zip(st.columns(3), row, strict=False):
            column.image(
                png,
                caption=title,
                alt=t("{title}, as a grey picture: light is high, dark is low", title=title),
            )
    st.caption(t("Light is high, dark is low; in the edge maps mid-grey is 0."))
