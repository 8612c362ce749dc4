"""Maps drawn as grey pictures: each value's grey level and block, read back from the PNG."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image

from viz.heatmaps import grey_png


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("L"))


def test_a_map_without_negatives_runs_from_black_to_white():
    png = grey_png(np.array([[0.0, 1.0], [2.0, 4.0]]), zoom=3)
    drawn = pixels(png)
    assert drawn.shape == (6, 6)
    levels = drawn[::3, ::3]
    np.testing.assert_array_equal(levels, [[0, 64], [128, 255]])
    # every value is a solid 3 × 3 block
    np.testing.assert_array_equal(drawn, np.kron(levels, np.ones((3, 3), np.uint8)))


def test_a_map_with_negatives_is_centred_on_mid_grey():
    drawn = pixels(grey_png(np.array([-2.0, 0.0, 1.0]), zoom=1))
    np.testing.assert_array_equal(drawn, [[0, 128, 191]])


def test_a_constant_map_is_one_colour():
    drawn = pixels(grey_png(np.full((2, 2), 5.0), zoom=1))
    assert np.unique(drawn).size == 1


def test_a_long_panel_title_is_broken_once_near_its_middle():
    from viz.grid import TITLE_LINE, two_lines

    title = "groups = 1: which inputs (columns) each output (row) reads (grey = reads)"
    first, second = two_lines(title).split("<br>")
    assert f"{first} {second}" == title
    assert abs(len(first) - len(second)) < 12 and max(len(first), len(second)) <= TITLE_LINE
    chinese = "分组 = 1：每个输出（行）读取哪些输入（列）（灰色 = 读取）"
    assert two_lines(chinese).replace("<br>", "") == chinese and "<br>" in two_lines(chinese)
    assert two_lines("Input") == "Input"
