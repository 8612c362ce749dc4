"""Bounds, option labels and the padding control shared by several pages' controls.

Every bound comes from the engine's validity rules plus a readability budget (a grid a
class can still read), so an impossible setting cannot be reached.
"""

from __future__ import annotations

import streamlit as st

import conv_engine as ce
from i18n import N_, t

from .params import PageParams

MAX_INPUT_2D = 12
MAX_LENGTH_1D = 24
MAX_KERNEL = 7
MAX_STRIDE = 4
MAX_DILATION = 4
MAX_EXPLICIT_PAD = 3
MAX_TRANSPOSED = 16  # largest transposed-conv output (7 → 15 fits)
# an input padded by SAME, FULL or causal zeros stays readable up to this many cells
MAX_PADDED_2D = 20
MAX_PADDED_1D = 32  # a padded sequence, one row

PADDING_LABELS = {
    "valid": "VALID",
    "same": "SAME",
    "full": "FULL",
    "causal": N_("causal"),
    "explicit": N_("explicit"),
}
# what fills the padding (PyTorch's padding_mode), in words a student reads on the control
FILL_LABELS = {
    "zeros": N_("zeros"),
    "reflect": N_("reflect (mirror, edge not repeated)"),
    "replicate": N_("replicate (repeat the edge)"),
    "circular": N_("circular (wrap around)"),
}
INPUT_LABELS = {
    "random": N_("🎲 random 0–9"),
    "count": N_("🔢 0, 1, 2, …"),
    "ones": N_("1️⃣ ones"),
    "ramp": N_("📈 ramp"),
    "image": N_("🖼️ photo patch"),
    "step": N_("⎍ step"),
    "sine": N_("〰️ sine"),
}
KERNEL_LABELS = {
    "identity": N_("identity"),
    "box": N_("box blur (sum)"),
    "sobel": N_("Sobel edge"),
    "sharpen": N_("sharpen"),
    "random": N_("random −2…2"),
    "custom": N_("✏️ custom"),
}
PADDING_SIDES = {
    "height": (N_("top"), N_("bottom")),
    "width": (N_("left"), N_("right")),
    N_("length"): (N_("left"), N_("right")),
}


def kernel_bounds(
    size: int,
    mode: str,
    explicit_total: int,
    kernel_size: int | None = None,
    max_padded: int = MAX_PADDED_2D,
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


def divisors(number: int) -> list[int]:
    return [d for d in range(1, number + 1) if number % d == 0]


def padding_controls(
    params: PageParams, modes: tuple[str, ...], axes: tuple[str, ...], default: str = "valid"
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The padding rule and, for ``explicit``, one amount per side of each axis."""
    options = (*modes, "explicit")
    mode = params.choice(
        "p",
        t("Padding"),
        options,
        default,
        labels=PADDING_LABELS,
        help=t(
            "VALID adds nothing; SAME adds zeros to keep ⌈i/s⌉ outputs (extra zero at "
            "the end, TF rule); FULL adds k_eff − 1 each side; explicit lets you pick "
            "each side."
        ),
    )
    if mode != "explicit":
        return mode, ((0, 0),) * len(axes)
    columns = iter(st.columns(2 * len(axes)))
    explicit = []
    for axis in axes:
        pair = tuple(
            params.integer(
                f"p{side[0]}",
                t("pad {side}", side=t(side)),
                1,
                0,
                MAX_EXPLICIT_PAD,
                container=next(columns),
            )
            for side in PADDING_SIDES[axis]
        )
        explicit.append(pair)
    return mode, tuple(explicit)


def padding_added(padding_mode: str) -> str:
    """What the padding adds, in words: zeros, or copies of the input (the mode named)."""
    if padding_mode == "zeros":
        return t("Zeros added")
    return t("Copies of the input added ({fill})", fill=t(FILL_LABELS[padding_mode]))


def padding_fill(params: PageParams, rule: str) -> str:
    """What fills the padding (PyTorch's ``padding_mode``), offered when ``rule`` pads at
    all. Whether a mode fits the input (reflect: each pad smaller than the input; circular:
    at most the input) is the engine's to say, with its sentence."""
    if rule == "valid":
        return "zeros"
    return params.choice(
        "pmode",
        t("Padding fills with"),
        tuple(FILL_LABELS),
        "zeros",
        labels=FILL_LABELS,
        widget="select",
        help=t(
            "PyTorch's padding_mode: zeros, or copies of the input — reflect mirrors it "
            "about the edge cell, replicate repeats the edge, circular wraps around. Hover "
            "a padded cell to see which input cell it copies."
        ),
    )


def fill_hint(fill: str) -> str:
    """The fix for a padding the fill refuses (added to a page's hint), or nothing."""
    if fill not in ("reflect", "circular"):
        return ""
    return " " + t("Or fill the padding with zeros or replicate, which pad any input.")


def input_and_kernel(
    params: PageParams,
    inputs: tuple[str, ...],
    kernels: tuple[str, ...],
    *,
    defaults: tuple[str, str, int],
    input_label: str = N_("Input"),
    kernel_labels: dict[str, str] | None = None,
    kernel_help: str | None = None,
) -> tuple[str, str, int]:
    """The "Input and kernel" choices of a page: an input preset, a kernel preset, a seed.

    ``defaults`` are the input, the kernel and the seed a page opens with.
    """
    input_default, kernel_default, seed_default = defaults
    chosen_input = params.choice(
        "input", t(input_label), inputs, input_default, labels=INPUT_LABELS, widget="select"
    )
    kernel = params.choice(
        "kernel",
        t("Kernel"),
        kernels,
        kernel_default,
        labels=kernel_labels or KERNEL_LABELS,
        widget="select",
        help=kernel_help,
    )
    seed = params.integer("seed", t("Seed"), seed_default, 0, 99)
    return chosen_input, kernel, seed


# --- the Transposed page's bounds (its controls, and the solver's "draw it" link) -------

KERNEL_SIZES = range(1, 5)
STRIDES = range(1, 4)
DILATIONS = range(1, 3)


def largest_input(kernel_size: int, stride: int, dilation: int) -> int:
    """Largest input size: the full output stays within MAX_TRANSPOSED cells (readable)."""
    extent = ce.effective_kernel_size(kernel_size, dilation)
    return max(1, min(7, (MAX_TRANSPOSED - extent) // stride + 1))


def largest_crop(size: int, kernel_size: int, stride: int, dilation: int) -> int:
    """Largest padding (crop) that leaves an output: at most 3, and less than half the full."""
    full = ce.conv_transpose_output_size(size, kernel_size, stride, 0, 0, dilation)
    return min(3, (full - 1) // 2)


# --- other pages' bounds (their controls, and the links that open them at a setting) ----

CAUSAL_LENGTHS = range(4, MAX_LENGTH_1D + 1)
CAUSAL_KERNELS = range(1, 6)
CAUSAL_STRIDES = range(1, 4)
WAVENET_KERNELS = range(2, 5)
WAVENET_TOP_DILATIONS = tuple(2**i for i in range(10))
WAVENET_BLOCKS = range(1, 4)
SCHEDULE_KERNELS = range(2, 6)  # the Dilated page's stack of dilated convs
SCHEDULE_LENGTHS = range(1, 9)  # how many rates a custom schedule has
SCHEDULE_RATES = range(1, 17)
SEPARABLE_IN = range(1, 9)
SEPARABLE_OUT = range(1, 17)
SEPARABLE_KERNELS = range(1, 6)
LIGHTWEIGHT_CHANNELS = (4, 8, 16)
LIGHTWEIGHT_KERNELS = range(1, 8)
FEATURES = (4, 13, 16, 40, 80)  # Conv1d's frames × features view
FEATURE_FRAMES = range(8, 41)
FEATURE_OUT = range(1, 513)
MAX_FEATURE_KERNEL = 9
LAB_LENGTHS = range(4, 2049)  # the receptive-field lab's input lengths
