"""Formula text carries the engine's numbers; widget bounds only reach valid settings."""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import conv_engine as ce
from ui.choices import kernel_bounds
from ui.conv2d import parse_kernel
from ui.formulas import (
    kernel_extent_latex,
    output_size_latex,
    same_padding_latex,
)
from ui.lightweight import lightweight_weights_latex
from ui.standard import same_padding_note
from viz import theme
from viz.dilated_kernel import dilated_kernel_html
from viz.scenes import sliding_scene


def test_output_size_formula_numbers():
    geometry = ce.conv_geometry((7, 6), (3, 3), 2, "same", 1)
    text = output_size_latex(geometry, 0)
    assert "{7 + 1 + 1 - 3}{2}" in text and text.endswith("= 4")
    assert same_padding_latex(geometry, 1).endswith("p_{\\text{after}} = 1 - 0 = 1")
    assert "**1 on the right**" in same_padding_note(geometry)
    assert same_padding_note(ce.conv_geometry((5, 5), (3, 3), 1, "same", 1)) is None


def test_kernel_extent_formula():
    assert kernel_extent_latex(3, 2).endswith("= 5")
    assert kernel_extent_latex(3, 4).endswith("= 9")


def test_dilated_kernel_table_keeps_the_taps_and_greys_the_inserted_zeros():
    w = np.array([[1.0, -2.0], [0.0, 4.0]])
    html = dilated_kernel_html(w, 3)  # 2×2 spread to 4×4: 4 taps, 12 inserted zeros
    rows = re.findall(r"<tr>(.*?)</tr>", html)
    cells = [re.findall(r'<td style="([^"]*)">([^<]*)</td>', row) for row in rows]
    assert len(cells) == 4 and all(len(row) == 4 for row in cells)
    values = [[text for _, text in row] for row in cells]
    assert [values[0][0], values[0][3], values[3][0], values[3][3]] == ["1", "-2", "0", "4"]
    grey = [style for row in cells for style, _ in row if theme.GAP_ZERO in style]
    assert len(grey) == 12, "the tap whose weight is 0 stays a tap"
    tap_fill = [theme.with_alpha(theme.TAP_COLOURS[t], theme.TAP_ALPHA) for t in range(4)]
    corners = [cells[0][0][0], cells[0][3][0], cells[3][0][0], cells[3][3][0]]
    assert all(fill in style for fill, style in zip(tap_fill, corners, strict=True)), (
        "taps wear the kernel panel's colours, in row-major tap order"
    )
    assert theme.GAP_ZERO not in dilated_kernel_html(w, 1)
    assert dilated_kernel_html(np.ones((3, 3)), 7) is None, "13 + 2 columns: too wide"


def test_a_large_dilated_kernel_wears_the_scenes_row_colours():
    """k = 4 has more taps than colours: the table, like the animation, colours by row."""
    x = np.arange(100.0).reshape(10, 10)
    scene = sliding_scene(ce.conv_trace(x, np.ones((4, 4)), padding="valid", dilation=2))
    html = dilated_kernel_html(np.ones((4, 4)), 2)
    styles = re.findall(r'<td style="([^"]*)">', html)
    dense = 4 + 3  # 4 taps spread with one zero between them
    taps = [styles[r * dense + c] for r in range(0, dense, 2) for c in range(0, dense, 2)]
    colours = scene["panels"][1]["tapColours"]
    wanted = [theme.with_alpha(theme.TAP_COLOURS[i], theme.TAP_ALPHA) for i in colours]
    assert all(fill in style for fill, style in zip(wanted, taps, strict=True))


def test_lightweight_weights_show_raw_softmax_and_head_of_each_channel():
    raw = np.array([[0.0, 0.0], [1.0, 1.0]])
    weights, owners = lightweight_weights_latex(raw, ce.softmax(raw), channels=4, dropped=False)
    assert r"\begin{bmatrix}0.5 & 0.5 \\ 0.5 & 0.5\end{bmatrix}" in weights, "rows sum to 1"
    assert r"\begin{bmatrix}0 & 0 & 1 & 1\end{bmatrix}" in owners, "d/H = 2 channels per head"
    assert "DropConnect" not in weights
    assert "DropConnect" in lightweight_weights_latex(raw, raw, channels=4, dropped=True)[0]


def test_parse_kernel_messages():
    assert parse_kernel("0 1; 2 3", 2) == (0.0, 1.0, 2.0, 3.0)
    with pytest.raises(ValueError, match=r"k = 3 needs 9 numbers \(3×3\), got 4"):
        parse_kernel("1 2 3 4", 3)
    with pytest.raises(ValueError, match="'x' is not a number"):
        parse_kernel("1 x 3 4", 2)


@given(
    st.integers(3, 12),
    st.sampled_from(["valid", "same", "full", "causal", "explicit"]),
    st.integers(0, 6),
    st.data(),
)
def test_every_reachable_setting_has_an_output(size, mode, pads, data):
    explicit = pads if mode == "explicit" else 0
    k_limit, _ = kernel_bounds(size, mode, explicit)
    k = data.draw(st.integers(1, k_limit))
    _, d_limit = kernel_bounds(size, mode, explicit, k)
    d = data.draw(st.integers(1, d_limit))
    padding = (explicit // 2, explicit - explicit // 2) if mode == "explicit" else mode
    geometry = ce.conv_geometry((size,), (k,), 1, padding, d)
    assert geometry.output_size[0] >= 1
    if mode in ("same", "full", "causal"):
        assert geometry.padded_size[0] <= 20, "growing modes stay readable"
