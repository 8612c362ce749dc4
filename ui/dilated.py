"""The Dilated convolution page: gaps in the kernel, stacks of dilated layers, gridding.

Its controls, cached computations and views. The first section reuses the Standard page's
controls and animation, with dilation 2 on a 9 × 9 input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import streamlit as st

import conv_engine as ce
from conv_engine.presets import image_patch
from i18n import N_, nt, pt, say, sentences, t
from viz import theme
from viz.dilated_kernel import dilated_kernel_html
from viz.heatmaps import heatmaps_figure
from viz.receptive import growth_figure

from . import conv2d  # the Standard page's 2-D kit: its controls, trace, scene and code
from .cache import cached
from .choices import SCHEDULE_KERNELS, SCHEDULE_LENGTHS, SCHEDULE_RATES, fill_hint
from .formulas import kernel_extent_latex, output_size_latex
from .live import offer
from .page import controls_and_figure
from .panels import (
    built_or_explained,
    clicked_cell,
    formula_panel,
    framework_panel,
    lazy_tabs,
    plot,
)
from .params import PageParams
from .picture import Picture, picture_array, picture_uploader
from .scene import main_scene

SCHEDULES: dict[str, tuple[int, ...]] = {
    "1, 1, 1": (1, 1, 1),
    "1, 2, 4": (1, 2, 4),
    "1, 2, 4, 8": (1, 2, 4, 8),
    "2, 2, 2": (2, 2, 2),
    "2, 4, 8": (2, 4, 8),
    "1, 2, 5": (1, 2, 5),
    "1, 2, 9": (1, 2, 9),
}


# --- controls --------------------------------------------------------------------------


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
            raise ValueError(
                t("{part} is not a whole number; type e.g. 1, 2, 5", part=repr(part[:12]))
            )
        rates.append(int(part))
    if len(rates) not in SCHEDULE_LENGTHS or not all(r in SCHEDULE_RATES for r in rates):
        raise ValueError(t("type 1 to 8 rates, each from 1 to 16, e.g. 1, 2, 5"))
    return tuple(rates)


def schedule_controls(params: PageParams) -> ScheduleSpec:
    """A dilation schedule (preset or custom list), the stack's kernel size, the input size."""
    columns = st.columns([3, 2, 2, 2])
    choice = params.choice(
        "rates",
        t("Dilation schedule"),
        (*SCHEDULES, N_("custom")),
        "1, 2, 4",
        widget="select",
        container=columns[0],
    )
    rates = SCHEDULES.get(choice)
    if rates is None:  # the text field only when it is used
        custom = params.text(
            "custom",
            t("Custom rates"),
            "1, 2, 5",
            parse_rates,
            describe=t("a list of dilation rates"),
            container=columns[1],
        )
        rates = parse_rates(custom if custom is not None else "1, 2, 5")
    kernel_size = params.integer(
        "sk",
        t("Kernel size of the stack"),
        3,
        SCHEDULE_KERNELS[0],
        SCHEDULE_KERNELS[-1],
        container=columns[2],
    )
    size = params.integer("grid", t("Input size"), 41, 15, 61, container=columns[3])
    return ScheduleSpec(rates, kernel_size, size)


def chosen_output(params: PageParams, size: int, chart: str = "layers_chart") -> tuple[int, int]:
    """An output cell (row, col) of a square grid: two sliders, or a click on ``chart``."""
    clicked = clicked_cell(params.key(chart), params.key("clicked_cell"))
    if clicked is not None and 0 <= clicked < size * size:
        st.session_state[params.key("or")], st.session_state[params.key("oc")] = divmod(
            clicked, size
        )
    columns = st.columns(2)
    row = params.integer("or", t("Output row"), size // 2, 0, size - 1, container=columns[0])
    col = params.integer("oc", t("Output column"), size // 2, 0, size - 1, container=columns[1])
    return row, col


# --- cached computations ---------------------------------------------------------------


@cached
def support_panels(layers: tuple[ce.Layer, ...], size: int) -> tuple[dict, list[int]]:
    """What the centre output of each prefix of the stack sees (the article's (a)(b)(c)),
    and the receptive-field size after each layer."""
    panels, outlines, sizes = [], [], []
    final = ce.receptive_field(layers, size)[-1]
    low, high = final.span(final.output_size // 2)
    low, high = max(low - 2, 0), min(high + 2, size - 1)  # every panel shows the final span
    for depth in range(1, len(layers) + 1):
        prefix = layers[:depth]
        rows = ce.receptive_field(prefix, size)
        centre = rows[-1].output_size // 2
        line = ce.support_counts(prefix, size, centre)[low : high + 1]
        first, last = (edge - low for edge in rows[-1].span(centre))
        sizes.append(rows[-1].size)
        panels.append(
            (
                t("after layer {depth}: {size}×{size}", depth=depth, size=rows[-1].size),
                np.outer(line, line),
            )
        )
        outlines.append((first, first, last, last))
    figure = heatmaps_figure(
        panels[-4:],
        scale=theme.COUNT_SCALE,
        numbers=False,
        height=330,
        outlines=outlines[-4:],
        colour_key=t("paths"),
    )
    return figure, sizes


@cached
def gridding_figure(
    layers: tuple[ce.Layer, ...], size: int, picture: Picture | None = None
) -> tuple[dict, int]:
    """The exact support of the centre output (path counts, holes at 0) and on a photo,
    over its receptive field and a one-cell margin; and the number of holes."""
    rows = ce.receptive_field(layers, size)
    centre = rows[-1].output_size // 2
    first, last = rows[-1].span(centre)
    low, high = max(first - 1, 0), min(last + 1, size - 1)
    line = ce.support_counts(layers, size, centre)[low : high + 1]
    mask = np.outer(line, line)
    photo = image_patch(picture_array(picture), (size, size), levels=256)
    photo = photo[low : high + 1, low : high + 1]
    seen = np.where(mask > 0, photo / 255, np.nan)
    holes = ce.field_hole_count(layers, ndim=2)  # of the whole field, whatever the input
    box = (first - low, first - low, last - low, last - low)
    figure = heatmaps_figure(
        [
            (t("paths from each input cell (white: a hole)"), mask),
            (t("what it sees of a photo"), seen),
        ],
        scales=[theme.COUNT_SCALE, "Greys_r"],
        numbers=False,
        height=380,
        outlines=[box, box],
    )
    return figure, holes


@cached
def growth_chart(schedule: ScheduleSpec) -> dict:
    """Receptive field vs depth: plain stack (linear), doubling rates, the chosen schedule."""
    depth = max(len(schedule.rates), 4)
    k = schedule.kernel_size

    def sizes(rates):
        return [row.size for row in ce.receptive_field([ce.Layer(k, dilation=r) for r in rates])]

    return growth_figure(
        {
            t("plain (d = 1): (k − 1)·L + 1"): sizes([1] * depth),
            t("doubling d = 1, 2, 4, …"): sizes([2**i for i in range(depth)]),
            t("your schedule"): sizes(schedule.rates),
        },
        t("Receptive field vs depth: linear vs exponential"),
    )


@cached
def layerwise_panels(layers: tuple[ce.Layer, ...], size: int, row: int, col: int) -> dict:
    """Which cells of each lower layer feed the chosen output cell, top layer first.

    Every panel shows the same window around the cell (the final receptive field plus a
    margin); the first panel's cells are clickable (``customdata`` = row · size + col).
    """
    rows_levels = ce.layer_supports(layers, size, row)
    cols_levels = ce.layer_supports(layers, size, col)
    final = ce.receptive_field(layers, size)[-1]
    half = (final.size - 1) // 2 + 2
    top, left = max(row - half, 0), max(col - half, 0)
    bottom, right = min(row + half, size - 1), min(col + half, size - 1)
    names = [t("output of layer {depth}: pick a cell", depth=len(layers))] + [
        t("output of layer {depth}", depth=depth)
        if depth
        else pt("a stack's bottom row: its input, below the layers", "input")
        for depth in range(len(layers) - 1, -1, -1)
    ]
    panels = [
        (name, np.outer(r, c)[top : bottom + 1, left : right + 1])
        for name, r, c in zip(names, rows_levels, cols_levels, strict=True)
    ]
    ids = np.add.outer(np.arange(top, bottom + 1) * size, np.arange(left, right + 1))
    return heatmaps_figure(
        panels,
        scale=theme.COUNT_SCALE,
        numbers=False,
        height=300,
        click_ids=ids,
        colour_key=t("paths"),
    )


# --- views -----------------------------------------------------------------------------


def dilation_section(params: PageParams) -> None:
    """One dilated layer: the animation beside its controls, then k_eff and the dense kernel."""
    controls, figure = controls_and_figure(params)
    with controls:
        spec = conv2d.conv2d_controls(params, size=9, dilation=2)
    trace = built_or_explained(
        lambda: conv2d.conv2d_trace(spec),
        figure,
        t("Reduce k or d, or choose SAME/FULL padding.") + fill_hint(spec.padding_mode),
    )
    if trace is None:
        return
    offer(params, "dilated", trace)
    with figure:
        main_scene(params, conv2d.conv2d_scene(spec), conv2d.conv2d_title(spec))
    with controls:
        extent = trace.geometry.kernel_extent[0]
        st.markdown(
            t(
                "**k_eff = {extent}**: a {kernel_size}×{kernel_size} kernel with d = "
                "{dilation} spans {extent}×{extent} cells with {weights} weights.",
                extent=extent,
                kernel_size=spec.kernel_size,
                dilation=spec.dilation,
                weights=spec.kernel_size**2,
            ),
            help=t("k_eff, the effective kernel size: how far the taps reach, k + (k − 1)(d − 1)."),
        )
    if not params.present:
        dilated_kernel_explained(spec, trace)
        framework_panel(params, lambda: conv2d.conv2d_code(spec))


def dilated_kernel_explained(spec: conv2d.Conv2dSpec, trace: ce.ConvTrace) -> None:
    """k_eff and the output size substituted, and the dense kernel with its zeros."""
    k, extent = spec.kernel_size, trace.geometry.kernel_extent[0]
    left, right = st.columns(2)
    with left:
        formula_panel(
            [
                kernel_extent_latex(spec.kernel_size, spec.dilation),
                output_size_latex(trace.geometry, 1, "o"),
            ]
        )
    with right:
        dense = dilated_kernel_html(trace.weight[0], spec.dilation)
        gaps = t("; grey: the zeros dilation inserts") if spec.dilation > 1 else ""
        st.markdown(
            t(
                "**The dilated kernel:** a {extent}×{extent} extent with only {weights} weights "
                "(the taps, coloured as in the animation{gaps})",
                extent=extent,
                weights=k * k,
                gaps=gaps,
            )
            + (f":\n\n{dense}" if dense else "."),
            unsafe_allow_html=True,  # our own table of formatted numbers
        )


def stacking_section(params: PageParams) -> None:
    """A stack of dilated layers: what it sees, layer by layer, growth, gridding; only the
    open tab is computed and drawn (each is a plotly figure the browser takes time over)."""
    schedule = schedule_controls(params)
    layers = schedule.layers
    sees, by_layer, growth_tab, gridding = lazy_tabs(
        params,
        {
            "sees": t("What it sees"),
            "layers": t("Layer by layer"),
            "growth": t("Growth"),
            "gridding": t("Gridding"),
        },
    )
    if sees.open:
        with sees:
            figure, sizes = support_panels(layers, schedule.size)
            growth = " → ".join(f"{s}×{s}" for s in sizes)
            st.markdown(
                t(
                    "What the centre output sees after each layer: **{growth}** (the article's "
                    "figure (a)(b)(c) is d = 1, 2, 4 with k = 3: 3×3 → 7×7 → 15×15). Dashed: "
                    "the closed-form span; white: cells it never sees.",
                    growth=growth,
                )
            )
            plot(
                figure,
                params.key("support_chart"),
                t("what the centre output sees after each layer: {growth}.", growth=growth),
            )
    if by_layer.open:
        with by_layer:
            row, col = chosen_output(params, schedule.size)
            st.markdown(
                t(
                    "**Layer by layer:** the cells of each lower layer that feed output ({row}, "
                    "{col}) of the last layer — click another cell in the first panel.",
                    row=row,
                    col=col,
                )
            )
            plot(
                layerwise_panels(layers, schedule.size, row, col),
                params.key("layers_chart"),
                t(
                    "for output ({row}, {col}) of the last layer, the cells of each lower "
                    "layer that feed it, one panel a layer.",
                    row=row,
                    col=col,
                ),
                selectable=True,
            )
    else:  # the chosen cell keeps its place in the link while another tab is open
        for name in ("or", "oc"):
            value = params.bounded_integer(name, schedule.size // 2, 0, schedule.size - 1)
            params.values[name] = str(value)
    if growth_tab.open:
        with growth_tab:
            plot(
                growth_chart(schedule),
                params.key("growth_chart"),
                t(
                    "the receptive field after each layer of the rates {rates}, against the "
                    "same stack without dilation.",
                    rates=", ".join(map(str, schedule.rates)),
                ),
            )
    if gridding.open:
        with gridding:
            st.markdown(t("**Gridding: the holes dilation leaves**"))
            picture = picture_uploader(params.key("picture"))
            figure, holes = gridding_figure(layers, schedule.size, picture)
            gridding_verdict(ce.hdc_check(schedule.rates, schedule.kernel_size), holes)
            span = ce.receptive_field(layers)[-1].size
            if span > schedule.size:
                st.caption(
                    t(
                        "The receptive field ({span} × {span}) is wider than the {size} × "
                        "{size} input: the pictures show the part inside it; the holes are "
                        "counted over the whole field.",
                        span=span,
                        size=schedule.size,
                    )
                )
            plot(
                figure,
                params.key("gridding_chart"),
                nt(
                    "the input cells the centre output reads, and through how many paths; "
                    "{count} cell inside its receptive field is never read.",
                    "the input cells the centre output reads, and through how many paths; "
                    "{count} cells inside its receptive field are never read.",
                    holes,
                ),
            )


@dataclass(frozen=True)
class GriddingVerdict:
    """What the gridding panel says: the exact support decides, the HDC rule explains."""

    no_holes: bool
    headline: str
    explanation: str


def gridding_sentences(verdict: ce.HdcVerdict, holes: int) -> GriddingVerdict:
    """The verdict on a dilation schedule (the engine's sentences, in the page's language)."""
    headline, explanation = ce.gridding_explained(verdict, holes)
    return GriddingVerdict(holes == 0, say(headline), say(explanation))


def gridding_verdict(verdict: ce.HdcVerdict, holes: int) -> None:
    """Holes, common factor and M₂ as numbers, and the verdict the exact support decides."""
    fits = verdict.m2 <= verdict.kernel_size
    columns = st.columns(3)
    columns[0].metric(t("Holes inside the receptive field"), f"{holes:,}")
    columns[1].metric(t("Common factor of the rates"), verdict.common_factor)
    columns[2].metric(
        t("HDC: M₂ ≤ k ?"),
        f"{verdict.m2} {'≤' if fits else '>'} {verdict.kernel_size}",
        help=sentences(
            t(
                "HDC, *hybrid dilated convolution* (Wang et al., 2018), is a rule for "
                "choosing dilation rates."
            ),
            t(
                "Mᵢ is the widest gap between two input cells that layers i … n still see; "
                "if the second layer's gap M₂ is at most the kernel size k, the first "
                "layer's taps fill it and no cell is skipped."
            ),
            t("Stated for k = 3 and r₁ = 1."),
        ),
    )
    said = gridding_sentences(verdict, holes)
    box = st.success if said.no_holes else st.error
    box(f"{said.headline}\n\n{said.explanation}", icon="🧩")
