"""The size-solver page: every conv or transposed conv that maps one length to another.

Rows come from :func:`conv_engine.solve_conv` / :func:`conv_engine.solve_transposed` (exact
by construction), written as PyTorch and Keras layers, each with a link that opens it on a
page that can draw it.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

import conv_engine as ce
from conv_engine.solver import MAX_LENGTH, Reach
from i18n import N_, t
from viz.code import keras_extra_layers

from . import links
from .cache import cached
from .links import lab_link, sliding_2d_link
from .panels import config_error, formula_panel
from .params import PageParams

KINDS = {"conv": N_("↘ Convolution"), "transposed": N_("↗ Transposed convolution")}
NAMES = {"conv": N_("convolution"), "transposed": N_("transposed convolution")}
SHOWN_ROWS = 60
# what a solution's reach means, as (a sentence, a word or two), for a stride longer than the
# kernel's reach and for a padding as wide as it
CONV_REACH = (
    (
        N_("The stride is longer than the kernel's reach: some inputs are never read."),
        N_("skips inputs"),
    ),
    (
        N_("The padding is as wide as the kernel's reach: the first output sees only zeros."),
        N_("zeros-only outputs"),
    ),
)
TRANSPOSED_REACH = (
    (
        N_("The stride is longer than the kernel's reach: stamps leave gaps of zeros."),
        N_("gaps of zeros"),
    ),
    (
        N_("The crop is as wide as the kernel's reach: it cuts whole stamps away."),
        N_("crops whole stamps"),
    ),
)


@dataclass(frozen=True)
class SolverSpec:
    kind: str
    input_size: int
    output_size: int
    bounds: ce.SolverBounds


def solver_controls(params: PageParams) -> SolverSpec:
    """One row: the kind of layer, the two lengths, the search bounds."""
    kind_column, left, right, bounds_column = st.columns([3, 2, 2, 3], vertical_alignment="bottom")
    kind = params.choice(
        "kind", t("Layer"), tuple(KINDS), "conv", labels=KINDS, container=kind_column
    )
    n = params.integer(
        "n", t("I have (length)"), 224, 1, MAX_LENGTH, container=left, widget="number"
    )
    default = 112 if kind == "conv" else 2 * n
    o = params.integer(
        "o",
        t("I want (length)"),
        min(default, MAX_LENGTH),
        1,
        MAX_LENGTH,
        container=right,
        widget="number",
    )
    with bounds_column.popover(t("Search bounds"), width="stretch"):
        left, right = st.columns(2)
        kernel = params.integer("kmax", "k up to", 7, 1, 11, container=left)
        stride = params.integer("smax", "s up to", 4, 1, 8, container=right)
        dilation = params.integer("dmax", "d up to", 3, 1, 4, container=left)
        padding = params.integer("pmax", "p up to", 6, 0, 10, container=right)
    return SolverSpec(kind, n, o, ce.SolverBounds(kernel, stride, dilation, padding))


# --- rows ------------------------------------------------------------------------------


def _arguments(kernel: int, **optional: int) -> str:
    """``3, stride=2, padding=1``: the kernel size, then every non-default setting."""
    defaults = {
        "stride": 1,
        "strides": 1,
        "padding": 0,
        "output_padding": 0,
        "dilation": 1,
        "dilation_rate": 1,
    }
    extra = [f"{name}={value}" for name, value in optional.items() if value != defaults[name]]
    return ", ".join([str(kernel), *extra])


def conv_link(n: int, row: ce.ConvSolution) -> str | None:
    """The standard page when its controls reach this layer on an n × n input, else the
    receptive-field lab, else no link."""
    k, s, p, d = row.kernel_size, row.stride, row.padding, row.dilation
    link = sliding_2d_link("standard", n, k, s, d, p) or lab_link((ce.Layer(k, s, d, p),), n)
    return None if link is None else link.url


def transposed_link(n: int, row: ce.TransposedSolution) -> str | None:
    """The transposed page, when its bounds can draw this layer at this input size."""
    link = links.transposed_link(
        n, row.kernel_size, row.stride, row.dilation, row.padding, row.output_padding
    )
    return None if link is None else link.url


def conv_row(n: int, o: int, row: ce.ConvSolution) -> dict:
    """One answer: its numbers, Keras' way in a word and short notes (the table), and the
    layer in full in both frameworks with the notes as sentences (for the chosen row)."""
    k, s, p, d = row.kernel_size, row.stride, row.padding, row.dilation
    if row.keras_refusal:
        keras, keras_short = t(row.keras_refusal), "✗"
    else:
        padding = "valid" if row.keras == "ZeroPadding + valid" else row.keras
        layer = f"Conv2D(C, {_arguments(k, strides=s, dilation_rate=d)}, padding='{padding}')"
        padded = row.keras == "ZeroPadding + valid"
        keras = f"ZeroPadding2D({p})\n{layer}" if padded else layer
        keras_short = f"ZeroPadding2D({p}) + 'valid'" if padded else f"'{padding}'"
    remarks = []  # (a sentence for the chosen row, a word or two for the table)
    if row.keras_same_pads is not None and row.keras != "same":
        before, after = row.keras_same_pads
        if (before, after) == (p, p):
            remarks.append((t("Keras padding='same' is this same layer."), t("'same' too")))
        else:
            note = t(
                "Keras padding='same' also gives {o} outputs, but pads {before} before "
                "and {after} after (not {p} and {p}): its windows sit elsewhere, so its "
                "values differ.",
                o=o,
                before=before,
                after=after,
                p=p,
            )
            remarks.append((note, t("'same': other values")))
    return _row(
        {"k": k, "s": s, "p": p, "d": d},
        keras_short,
        remarks + _reach(row, CONV_REACH),
        conv_link(n, row),
        f"nn.Conv2d(C_in, C_out, {_arguments(k, stride=s, padding=p, dilation=d)})",
        keras,
        row.keras_refusal is None,
    )


def _reach(row: Reach, words: tuple[tuple[str, str], ...]) -> list[tuple[str, str]]:
    """The remarks ``words`` has for a solution that skips inputs and one that pads (or
    crops) as wide as the kernel's reach, in the page's language."""
    found = (row.skips_inputs, row.pads_past_kernel)
    pairs = zip(found, words, strict=True)
    return [(t(note), t(flag)) for applies, (note, flag) in pairs if applies]


def _row(
    numbers: dict[str, int],
    keras_short: str,
    remarks: list[tuple[str, str]],
    link: str | None,
    pytorch_code: str,
    keras_code: str,
    keras_writes_it: bool,
) -> dict:
    """A solver table row: the layer's numbers, Keras' way in short, the remarks' words,
    the link to its page; and, for the chosen row, the code and the remarks' sentences."""
    return {
        **numbers,
        "Keras": keras_short,
        "notes": ", ".join(flag for _, flag in remarks),
        "open": link or "",
        "pytorch_code": pytorch_code,
        "keras_code": keras_code,
        "keras_writes_it": keras_writes_it,
        "notes_text": " ".join(note for note, _ in remarks),
    }


def transposed_row(n: int, o: int, row: ce.TransposedSolution) -> dict:
    """As :func:`conv_row`, for a transposed conv."""
    k, s, p, op, d = (row.kernel_size, row.stride, row.padding, row.output_padding, row.dilation)
    torch = _arguments(k, stride=s, padding=p, output_padding=op, dilation=d)
    if row.keras is None:
        keras, keras_short = t(row.keras_refusal), "✗"
    else:
        spelling = row.keras
        extra = (
            "" if spelling.output_padding is None else f", output_padding={spelling.output_padding}"
        )
        layer = (
            f"Conv2DTranspose(C, {_arguments(k, strides=s, dilation_rate=d)}, "
            f"padding='{spelling.padding}'{extra})"
        )
        after = keras_extra_layers(spelling)
        keras = "\n".join([layer, *after])
        # the short form names Keras' output_padding where it is not PyTorch's own
        word = f"'{spelling.padding}'" + (extra if spelling.output_padding != op else "")
        keras_short = " + ".join([word, *after])
    remarks = []
    if row.keras_default_window is not None:
        start, _ = row.keras_default_window
        if start == p:
            same = t("Keras padding='same' with output_padding=None is this same layer.")
            remarks.append((same, t("'same', None too")))
        else:
            note = t(
                "Keras padding='same' with output_padding=None also gives {o} cells, but "
                "crops {start} at the start where PyTorch crops {p}: its values are "
                "shifted.",
                o=o,
                start=start,
                p=p,
            )
            remarks.append((note, t("'same', None: other values")))
    return _row(
        {"k": k, "s": s, "p": p, "op": op, "d": d},
        keras_short,
        remarks + _reach(row, TRANSPOSED_REACH),
        transposed_link(n, row),
        f"nn.ConvTranspose2d(C_in, C_out, {torch})",
        keras,
        row.keras is not None,
    )


@cached
def solver_rows(spec: SolverSpec) -> list[dict]:
    n, o = spec.input_size, spec.output_size
    if spec.kind == "conv":
        return [conv_row(n, o, row) for row in ce.solve_conv(n, o, spec.bounds)]
    return [transposed_row(n, o, row) for row in ce.solve_transposed(n, o, spec.bounds)]


# --- view ------------------------------------------------------------------------------


def bounds_text(bounds: ce.SolverBounds, kind: str) -> str:
    """Every bound the search uses (:class:`conv_engine.SolverBounds`), and nothing else."""
    text = (
        f"k ≤ {bounds.max_kernel}, s ≤ {bounds.max_stride}, d ≤ {bounds.max_dilation} "
        + t("(d = 1 when k = 1)")
        + f", p ≤ {bounds.max_padding}"
    )
    return text + (", output_padding < max(s, d)" if kind == "transposed" else "")


def layer_code(row: dict) -> None:
    """The chosen answer in full: PyTorch's layer, Keras' (or why Keras cannot), its notes."""
    settings = ", ".join(
        f"{name} = {row[name]}" for name in ("k", "s", "p", "op", "d") if name in row
    )
    st.markdown(
        t(
            "**The chosen row ({settings}) as layers** (tick another row to choose it):",
            settings=settings,
        )
    )
    st.code(row["pytorch_code"], language="python", wrap_lines=True)
    if row["keras_writes_it"]:
        st.code(row["keras_code"], language="python", wrap_lines=True)
    else:
        st.caption(t("Keras: {reason}", reason=row["keras_code"]))
    if row["notes_text"]:
        st.caption(row["notes_text"])


def solver_section(params: PageParams) -> None:
    """Lengths and bounds in one row, the formula they solve, the table of every answer, and
    the chosen answer's layers."""
    spec = solver_controls(params)
    n, o = spec.input_size, spec.output_size
    if spec.kind == "conv":
        formula = (
            rf"o = \left\lfloor \frac{{n + 2p - d(k-1) - 1}}{{s}} \right\rfloor + 1"
            rf"\quad\Rightarrow\quad {o} = \left\lfloor \frac{{{n} + 2p - d(k-1) - 1}}{{s}}"
            r" \right\rfloor + 1"
        )
    else:
        formula = (
            rf"o = (n-1)s - 2p + d(k-1) + \mathit{{op}} + 1 \quad\Rightarrow\quad "
            rf"{o} = {n - 1}s - 2p + d(k-1) + \mathit{{op}} + 1"
        )
    formula_panel([formula])
    try:
        rows = solver_rows(spec)
    except ce.ConvConfigError as error:
        config_error(error, t("Lengths run from 1 to {MAX_LENGTH}.", MAX_LENGTH=MAX_LENGTH))
        return
    if not rows:
        other_kind = "transposed" if spec.kind == "conv" else "conv"
        other = t(NAMES[other_kind])
        st.warning(
            t(
                "No {kind} within {bounds} maps {n} → {o}. Widen the search bounds, or try a "
                "{other}.",
                kind=t(NAMES[spec.kind]),
                bounds=bounds_text(spec.bounds, spec.kind),
                n=n,
                o=o,
                other=other,
            ),
            icon="🔍",
        )
        return
    more = t(" (the {count} simplest shown)", count=SHOWN_ROWS) if len(rows) > SHOWN_ROWS else ""
    st.markdown(
        t(
            "**{count} settings map {n} → {o}** within {bounds}{more}, simplest first. Each is "
            "checked by the engine's size formula; **open** shows it on its page.",
            count=len(rows),
            n=n,
            o=o,
            bounds=bounds_text(spec.bounds, spec.kind),
            more=more,
        )
    )
    shown = rows[:SHOWN_ROWS]
    numbers = [name for name in ("k", "s", "p", "op", "d") if name in shown[0]]
    listing, chosen_layer = st.columns([3, 2], gap="medium")
    table = listing.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        key=params.key(f"rows_{spec.kind}_{n}_{o}"),  # a new setting, no row chosen
        on_select="rerun",
        selection_mode="single-row",
        column_order=["open", *numbers, "Keras", "notes"],
        column_config={
            **{name: st.column_config.NumberColumn(name, width=36) for name in "kspd"},
            "op": st.column_config.NumberColumn("op", width=36, help=t("output_padding")),
            "open": st.column_config.LinkColumn(t("open"), display_text="▶ " + t("open"), width=70),
            "Keras": st.column_config.TextColumn(
                t("Keras"), help=t("How Keras writes it; ✗: Keras cannot."), width=210
            ),
            "notes": st.column_config.TextColumn(t("notes"), width=130),
        },
    )
    chosen = (table.selection.rows or [0])[0]
    with chosen_layer:
        layer_code(shown[min(chosen, len(shown) - 1)])
    st.caption(
        t(
            "C_in, C_out: your channels. Keras cannot take strides > 1 together with "
            "dilation_rate > 1, nor output_padding ≥ strides; its 'same' puts an odd "
            "zero at the end (TensorFlow's rule), where PyTorch's integer padding is the "
            "same on both sides."
        )
    )
