"""Controls of the transposed-convolution page."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import product

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


KERNEL_SIZES = range(1, 5)
STRIDES = range(1, 4)
DILATIONS = range(1, 3)


def largest_input(kernel_size: int, stride: int, dilation: int) -> int:
    """Largest input size: the full output stays within MAX_TRANSPOSED cells (readable)."""
    extent = ce.effective_kernel_size(kernel_size, dilation)
    return max(1, min(7, (MAX_TRANSPOSED - extent) // stride + 1))


def largest_crop(size: int, kernel_size: int, stride: int, dilation: int) -> int:
    """Largest padding (crop) that leaves an output: at most 3, and less than half the full."""
    full = (size - 1) * stride + dilation * (kernel_size - 1)
    return min(3, full // 2)


def reachable_settings() -> Iterator[tuple[int, int, int, int, int, int]]:
    """Every (n, k, s, d, p, output_padding) the page's controls can reach."""
    for kernel_size, stride, dilation in product(KERNEL_SIZES, STRIDES, DILATIONS):
        for size in range(1, largest_input(kernel_size, stride, dilation) + 1):
            for padding in range(largest_crop(size, kernel_size, stride, dilation) + 1):
                for output_padding in range(ce.max_output_padding(stride, dilation) + 1):
                    yield size, kernel_size, stride, dilation, padding, output_padding


def transposed_controls(params: PageParams) -> TransposedSpec:
    """Widgets bounded by the transposed conv's rules: output ≥ 1, output_padding < max(s, d)."""
    columns = params.columns(6)
    kernel_size = params.integer(
        "k", "Kernel size k", 3, KERNEL_SIZES[0], KERNEL_SIZES[-1], container=columns[1]
    )
    stride = params.integer("s", "Stride s", 2, STRIDES[0], STRIDES[-1], container=columns[2])
    dilation = params.integer(
        "d", "Dilation d", 1, DILATIONS[0], DILATIONS[-1], container=columns[3]
    )
    size = params.integer(
        "n",
        "Input size",
        3,
        1,
        largest_input(kernel_size, stride, dilation),
        container=columns[0],
        help=f"Bounded so the output stays within {MAX_TRANSPOSED} cells.",
    )
    padding = params.integer(
        "p",
        "Padding p (crop)",
        0,
        0,
        largest_crop(size, kernel_size, stride, dilation),
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
        help="PyTorch needs it smaller than max(s, d), Keras smaller than s. With s > 1 it "
        "picks which of the s input sizes a strided conv maps to this output it restores.",
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
