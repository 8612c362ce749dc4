"""Controls of the transposed-convolution page."""

from __future__ import annotations

from dataclasses import dataclass

import conv_engine as ce

from ..params import PageParams
from ._common import INPUT_LABELS, KERNEL_LABELS, MAX_TRANSPOSED


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
    columns = params.columns(6)
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
    row = params.columns([2, 2, 1, 1])
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
