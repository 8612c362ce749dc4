"""Every setting a page's controls can reach (the sweeps compare each with its definition)."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import product

import conv_engine as ce
from ui.choices import DILATIONS, KERNEL_SIZES, STRIDES, largest_crop, largest_input


def reachable_settings() -> Iterator[tuple[int, int, int, int, int, int]]:
    """Every (n, k, s, d, p, output_padding) the page's controls can reach."""
    for kernel_size, stride, dilation in product(KERNEL_SIZES, STRIDES, DILATIONS):
        for size in range(1, largest_input(kernel_size, stride, dilation) + 1):
            for padding in range(largest_crop(size, kernel_size, stride, dilation) + 1):
                for output_padding in range(ce.max_output_padding(stride, dilation) + 1):
                    yield size, kernel_size, stride, dilation, padding, output_padding
