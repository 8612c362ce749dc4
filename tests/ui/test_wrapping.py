"""Formulas wrap on a phone only between the sides of an equation (ui.panels.wrap_at_equals)."""

from __future__ import annotations

import re

import pytest

from ui.panels import wrap_at_equals


def unbraced(latex: str) -> str:
    return re.sub(r"\s+", "", latex.replace("{", "").replace("}", ""))


@pytest.mark.parametrize(
    ("latex", "sides"),
    [
        (r"k_\text{eff} = k + (k - 1)(d - 1) = 3 + 2 \cdot 0 = 3", 4),
        (r"o = \left\lfloor \frac{6 = 1}{2} \right\rfloor + 1 = 3", 3),  # = inside \left…\right
        (r"a_{i=0} = b", 2),  # = inside braces
        (r"a \{ = b \leftarrow c \le d", 3),  # an escaped brace, \leftarrow is not \left
        (r"o = x \quad\Rightarrow\quad 7 = y", 4),
        (r"x^2 + y^2", 1),
    ],
)
def test_each_short_side_is_one_group_and_the_maths_is_unchanged(latex, sides):
    wrapped = wrap_at_equals(latex)
    assert unbraced(wrapped) == unbraced(latex)
    depth, groups = 0, 0
    for char in wrapped.replace(r"\{", "").replace(r"\}", ""):
        if char == "{":
            groups += depth == 0
            depth += 1
        elif char == "}":
            depth -= 1
    assert depth == 0 and groups == sides


def test_a_side_too_long_for_a_phone_stays_breakable():
    long_side = r"1 + (2-1)\cdot(1 + 2 + 4 + 8 + 16 + \dots + 512)"
    wrapped = wrap_at_equals(rf"r = {long_side} = 1024")
    assert wrapped == rf"{{r}} = {long_side} = {{1024}}"
