"""Every verdict and number the pages state, swept over what the controls can reach.

Each sentence a page shows is checked against an independent computation of the fact it
summarises (the naive definitions in ``tests/naive.py``, brute force, or the identities),
not against the engine function it was built from.
"""

from __future__ import annotations

import itertools
import re
from math import gcd

import numpy as np
import pytest

import conv_engine as ce
from conv_engine.presets import input_preset, kernel_1d_preset, kernel_preset, sequence_preset
from ui.causal import CausalSpec
from ui.dilated import SCHEDULES, gridding_sentences
from ui.formulas import article, output_size_latex, same_padding_latex
from ui.frameworks import (
    TransposedSize,
    keras_transposed,
    output_padding_rows,
    transposed_size_latex,
)
from ui.layers import PRESETS, decode, rows_to_layers
from ui.transposed import TransposedSpec, checkerboard_text, output_padding_text

from ..naive import (
    keras_transpose_length,
    naive_conv,
    naive_conv_transpose,
    support_interval_and_cells,
    tf_same_pads,
)
from ..reachable import reachable_settings

TRANSPOSED = list(reachable_settings())


def _spec(n, k, s, d, p, op) -> TransposedSpec:
    return TransposedSpec(n, k, s, p, op, d, "count", "random", 1)


# --- Transposed page -------------------------------------------------------------------


def test_the_sweep_covers_the_corner_the_matrix_view_got_wrong():
    corner = [t for t in TRANSPOSED if t[5] >= t[2]]  # output_padding ≥ stride (via d = 2)
    assert (3, 3, 1, 2, 0, 1) in corner, "the setting the matrix view once drew wrong"
    # output_padding < max(s, d): only a dilation larger than the stride reaches the corner
    assert all(t[3] > t[2] for t in corner)


@pytest.mark.parametrize("setting", TRANSPOSED, ids=lambda t: "n{}k{}s{}d{}p{}op{}".format(*t))
def test_transposed_views_and_sizes_match_the_scatter_definition(setting):
    n, k, s, d, p, op = setting
    x = input_preset("count", (n, n)) + 1
    w = kernel_preset("random", k, 1)
    expected = naive_conv_transpose(
        x[None, None], w[None, None], None, (s, s), (p, p), (op, op), (d, d), 1
    )[0, 0]
    args = {"stride": s, "padding": p, "output_padding": op, "dilation": d}
    # the matrix view: Cᵀ applied to the flattened input is the transposed conv
    transposed = ce.conv_transpose_matrix(x.shape, w, **args)
    assert transposed.shape == (expected.size, x.size)
    np.testing.assert_allclose(transposed @ x.ravel(), expected.ravel(), atol=1e-9)
    # the scatter and zero-insertion animations end on the same output
    np.testing.assert_allclose(ce.scatter_trace(x, w, **args).output, expected, atol=1e-9)
    np.testing.assert_allclose(ce.transposed_trace(x, w, **args).output, expected, atol=1e-9)
    # the PyTorch size formula, with its numbers
    latex = transposed_size_latex(TransposedSize(n, k, s, p, op, d, expected.shape[0]))
    assert latex.endswith(f"= {expected.shape[0]}")
    assert f"({n}-1)\\cdot{s} - 2\\cdot{p} + {d}\\cdot({k}-1) + {op} + 1" in latex


MATRIX_CASES = [t for i, t in enumerate(TRANSPOSED) if t[5] >= t[2] or i % 7 == 0]


@pytest.mark.parametrize("setting", MATRIX_CASES, ids=lambda t: "n{}k{}s{}d{}p{}op{}".format(*t))
def test_the_matrix_tab_draws_c_and_its_transpose(setting):
    from ui.transposed import matrix_view, transposed_arrays

    _, _, s, d, p, op = setting
    spec = _spec(*setting)
    x, w = transposed_arrays(spec)
    expected = naive_conv_transpose(
        x[None, None], w[None, None], None, (s, s), (p, p), (op, op), (d, d), 1
    )[0, 0]
    step = expected.size - 1  # the last output cell: output_padding's, when there is one
    matrix = matrix_view(spec, step)
    conv = np.array(matrix["data"][0]["z"], dtype=float)
    assert conv.shape == (x.size, expected.size), "C: one row per input cell of Cᵀ"
    np.testing.assert_allclose(conv.T @ x.ravel(), expected.ravel(), atol=1e-9)
    row = np.array(matrix["data"][-1]["z"], dtype=float)  # the pinned row of Cᵀ as a grid
    np.testing.assert_allclose(row.ravel(), conv[:, step])


@pytest.mark.parametrize("setting", TRANSPOSED, ids=lambda t: "n{}k{}s{}d{}p{}op{}".format(*t))
def test_keras_line_follows_keras_rule_and_refusals(setting):
    n, k, s, d, p, op = setting
    size = (n - 1) * s - 2 * p + d * (k - 1) + op + 1
    keras = keras_transposed(TransposedSize(n, k, s, p, op, d, size))
    notes = " ".join(keras.notes)
    if s > 1 and d > 1:  # the one layer Keras refuses in every spelling
        assert keras.latex is None and "Keras refuses" in notes, notes
    else:
        assert keras.latex.endswith(f"= {size}"), "PyTorch's size, by Keras' own rule"
        spelling = ce.keras_transpose_spelling(k, s, p, op, d)
        assert "'same'" not in keras.latex or spelling.padding == "same"
        assert ("Cropping" in keras.latex) == (spelling.crop != (0, 0))
        assert ("ZeroPadding" in keras.latex) == (spelling.zero_pad != (0, 0))
    for mode in ("valid", "same"):
        inferred = keras_transpose_length(n, k, s, mode, None, d)
        if inferred is not None:
            assert f"`padding='{mode}'`" in notes and f"**{inferred}**" in notes, notes
            assert (f"PyTorch here: {size}" in notes) or inferred == size or mode == "valid"


def test_keras_default_sizes_named_in_the_issue():
    one = keras_transposed(TransposedSize(3, 1, 2, 0, 0, 1, 5))
    assert "W·S + max(F − S, 0) = **6** (PyTorch here: 5)" in " ".join(one.notes)
    two = keras_transposed(TransposedSize(3, 2, 3, 0, 0, 1, 8))
    assert "**9** (PyTorch here: 8)" in " ".join(two.notes)
    # output_padding 1 ≥ strides 1 (through d = 2): not refused, written with ZeroPadding
    padded = keras_transposed(TransposedSize(3, 3, 1, 0, 1, 2, 8))
    assert "ZeroPadding" in padded.latex and padded.latex.endswith("= 8")


def test_keras_same_with_output_padding_is_not_offered_as_pytorchs_layer():
    """/transposed?n=4&k=3&s=2&p=1&op=1: Keras 'same' with output_padding=1 has PyTorch's
    size but its values are shifted by one; the line says 'valid' then Cropping."""
    line = keras_transposed(TransposedSize(4, 3, 2, 1, 1, 1, 8)).latex
    assert "'same'" not in line and "'valid'" in line and "Cropping(1)" in line


@pytest.mark.parametrize("setting", TRANSPOSED, ids=lambda t: "n{}k{}s{}d{}p{}op{}".format(*t))
def test_output_padding_text_is_true(setting):
    n, k, s, d, p, op = setting
    text = output_padding_text(_spec(*setting))
    conv_inputs = [
        i
        for i in range(1, 40)
        if i + 2 * p >= d * (k - 1) + 1 and (i + 2 * p - d * (k - 1) - 1) // s + 1 == n
    ]
    if s > 1:
        assert str(conv_inputs) in text and "picks which one" in text
    else:
        assert len(conv_inputs) == 1 and f"only **one** input size, {conv_inputs[0]}" in text
        assert "Keras refuses it" in text
    if op:
        # which of the cells output_padding adds does any stamp reach? (1-D, all-ones)
        ones = naive_conv_transpose(
            np.ones((1, 1, n)), np.ones((1, 1, k)), None, (s,), (p,), (op,), (d,), 1
        )[0, 0]
        reached = int(np.count_nonzero(ones[-op:]))
        assert ce.output_padding_reach(n, k, s, p, op, d) == reached
        if reached == 0:
            assert "receive nothing" in text
        elif reached == op:
            assert "receive real contributions" in text


CHECKERBOARD = sorted({(k, s, d) for _, k, s, d, _, _ in TRANSPOSED})


@pytest.mark.parametrize(("k", "s", "d"), CHECKERBOARD)
def test_checkerboard_rule_matches_the_counts(k, s, d):
    """The stated rule and pattern against counts from the scatter definition (1-D)."""
    n = 12
    counts = naive_conv_transpose(
        np.ones((1, 1, n)), np.ones((1, 1, k)), None, (s,), (0,), (0,), (d,), 1
    )[0, 0]
    extent = d * (k - 1) + 1
    interior = range(extent - 1, (n - 1) * s + 1)  # every tap can land here
    by_residue = {}
    for o in interior:
        by_residue.setdefault(o % s, set()).add(int(counts[o]))
    assert all(len(values) == 1 for values in by_residue.values())
    pattern = [by_residue[r].pop() for r in range(s)]
    even = len(set(pattern)) == 1
    assert even == (k % s == 0 and gcd(s, d) == 1), "the rule the page states"
    np.testing.assert_array_equal(ce.overlap_pattern(k, s, d), pattern)
    text = checkerboard_text(k, s, d)
    assert "s divides k" in text and "gcd(s, d) = 1" in text
    if even:
        assert "even, no checkerboard" in text
    elif min(pattern) == 0:
        assert "never written" in text and ", ".join(map(str, pattern)) in text
    else:
        assert "alternate" in text and ", ".join(map(str, pattern)) in text


# --- Dilated page: gridding ------------------------------------------------------------


def _same_layers(rates, k, size):
    layers = []
    for rate in rates:
        layers.append((k, 1, rate, tf_same_pads(size, k, 1, rate)))
    return layers


def _holes_2d(rates, k, size):
    """Holes inside the centre output's span, clipped to the input, in 2-D (naive walk)."""
    layers = _same_layers(rates, k, size)
    low, high, cells = support_interval_and_cells(layers, size, size // 2)
    span = min(high, size - 1) - max(low, 0) + 1
    return span * span - len(cells) ** 2


SCHEDULE_CASES = [
    *[(rates, k) for rates in SCHEDULES.values() for k in range(2, 6)],
    ((2, 3), 3),
    ((1, 2, 5), 2),
    ((1, 2, 9), 4),
    ((1, 3, 1), 3),
    ((1, 2, 3), 3),
    ((3, 6), 3),
]


def _field_holes_2d(rates, k):
    """Holes in the whole receptive field (naive walk on an input wide enough to hold it)."""
    span = 1 + sum(r * (k - 1) for r in rates)
    size = 4 * span + 9
    low, high, cells = support_interval_and_cells(_same_layers(rates, k, size), size, size // 2)
    assert low >= 0 and high < size and high - low + 1 == span
    return span * span - len(cells) ** 2


def test_the_gridding_count_does_not_depend_on_the_input_slider():
    """/dilated?rates=custom&custom=2,3,6&sk=5: 176 holes at grid 41 as at grid 61 (the
    field is 45 × 45; offsets 1 and 43 are never reached)."""
    from ui.dilated import gridding_figure

    layers = tuple(ce.Layer(5, 1, r, "same") for r in (2, 3, 6))
    assert _field_holes_2d((2, 3, 6), 5) == 176
    for grid in (15, 41, 61):
        assert gridding_figure(layers, grid)[1] == 176


@pytest.mark.parametrize(("rates", "k"), SCHEDULE_CASES)
def test_the_field_hole_count_is_the_naive_count(rates, k):
    layers = tuple(ce.Layer(k, 1, r, "same") for r in rates)
    assert ce.field_hole_count(layers, ndim=2) == _field_holes_2d(rates, k)


@pytest.mark.parametrize(("rates", "k"), SCHEDULE_CASES)
def test_gridding_verdict_never_contradicts_the_holes(rates, k):
    size = 61
    holes = _holes_2d(rates, k, size)
    layers = tuple(ce.Layer(k, 1, r, "same") for r in rates)
    centre = ce.receptive_field(layers, size)[-1].output_size // 2
    assert ce.hole_count(layers, size, centre, ndim=2) == holes
    verdict = gridding_sentences(ce.hdc_check(rates, k), holes)
    assert verdict.no_holes == (holes == 0)
    assert ("no holes" in verdict.headline) == (holes == 0)
    if holes:
        assert f"{holes:,} holes" in verdict.headline
    if not (k == 3 and rates[0] == 1) and gcd(*rates) == 1:
        assert "does not apply" in verdict.explanation


def test_hdc_claims_hold_where_the_page_makes_them():
    """k = 3, r₁ = 1: passing HDC means no holes; a common factor > 1 always leaves holes."""
    for n in (2, 3):
        for tail in itertools.product(range(1, 8), repeat=n - 1):
            rates = (1, *tail)
            if ce.hdc_check(rates, 3).passes:
                assert _holes_2d(rates, 3, 61) == 0, rates
    for rates in [(2, 4), (2, 4, 8), (3, 6, 9), (2, 2, 2), (4, 6)]:
        for k in (2, 3, 5):
            assert _holes_2d(rates, k, 61) > 0, (rates, k)


# --- Causal page -----------------------------------------------------------------------


CAUSAL = [
    CausalSpec(n, k, d, s, leak)
    for n in (4, 9, 12)
    for k in range(1, 6)
    for d in (1, 2, 3)
    for s in (1, 2, 3)
    for leak in (False, True)
    if (n + d * (k - 1)) <= 32 or leak
]


@pytest.mark.parametrize("spec", CAUSAL[::3], ids=str)
def test_streaming_table_is_the_page_setting(spec):
    from ui.causal import streaming_rows

    x = sequence_preset("ramp", spec.length) + 1
    w = kernel_1d_preset("random", spec.kernel_size, 3)
    extent = spec.dilation * (spec.kernel_size - 1) + 1
    if spec.leak:
        pads = tf_same_pads(spec.length, spec.kernel_size, spec.stride, spec.dilation)
    else:
        pads = (extent - 1, 0)
    full = naive_conv(
        x[None, None], w[None, None], None, (spec.stride,), [pads], (spec.dilation,), 1
    )[0, 0]
    rows, latency = streaming_rows(spec)
    assert latency == extent - 1 - pads[0]
    for row in rows:
        t = row["t"]
        # output j is complete once input j·s + extent − 1 − left has arrived
        ready = [j for j in range(full.size) if j * spec.stride + extent - 1 - pads[0] == t]
        if ready:
            (j,) = ready
            value = re.sub(r"^y\[\d+\] = ", "", row["emitted now"])
            assert row["emitted now"].startswith(f"y[{j}] = ")
            assert np.isclose(float(value), full[j]) and row["equal"] == "✅"
        else:
            assert row["emitted now"] == "—"


@pytest.mark.parametrize(("k", "top", "length"), [(2, 512, 1000), (2, 512, 1100), (3, 64, 100)])
def test_wavenet_padding_sentence_counts(k, top, length):
    from ui.causal import WaveNetSpec, wavenet_padding_reach

    spec = WaveNetSpec(k, top, 1, False, length)
    layers = [(k, 1, d, (d * (k - 1), 0)) for d in spec.dilations]
    reaching = sum(support_interval_and_cells(layers, length, t)[0] < 0 for t in range(length))
    assert wavenet_padding_reach(spec) == reaching
    receptive = 1 + (k - 1) * sum(spec.dilations)
    if receptive > length:
        assert reaching == length, "every output reaches into the padding"


def test_wavenet_preset_is_aligned_to_its_newest_input():
    layers = rows_to_layers(decode(PRESETS["WaveNet block (k = 2, d = 1…512)"]))[0]
    rows = ce.receptive_field(layers, 1100)
    assert not any("misaligned" in issue for issue in ce.stack_issues(rows))
    assert "ends at input t·1" in ce.alignment(rows)
    naive_layers = [(2, 1, 2**i, (2**i, 0)) for i in range(10)]
    for t in (0, 5, 1099):
        assert support_interval_and_cells(naive_layers, 1100, t)[1] == t
    plain = ce.receptive_field([ce.Layer(2)], 10)  # centred at 0.5
    assert any("misaligned" in issue for issue in ce.stack_issues(plain))


# --- Standard page: formulas -----------------------------------------------------------


@pytest.mark.parametrize(
    ("shape", "k", "s", "d"), [((7, 6), 3, 2, 1), ((6, 5), 2, 1, 1), ((5, 8), 3, 3, 2)]
)
def test_same_formulas_show_both_axes_with_their_own_numbers(shape, k, s, d):
    geometry = ce.conv_geometry(shape, (k, k), s, "same", d)
    for axis, name in enumerate(("height", "width")):
        before, after = tf_same_pads(shape[axis], k, s, d)
        text = same_padding_latex(geometry, axis, name)
        assert rf"o_{{\text{{{name}}}}} = \lceil i / s \rceil = \lceil {shape[axis]}/{s}" in text
        assert rf"\text{{before}}}} = \lfloor {before + after}/2 \rfloor = {before}," in text
        assert text.endswith(f"= {before + after} - {before} = {after}")
        size = output_size_latex(geometry, axis)
        assert f"{shape[axis]} + {before} + {after} - {d * (k - 1) + 1}" in size


def test_explicit_asymmetric_padding_prints_each_side_in_its_place():
    geometry = ce.conv_geometry((5, 5), (3, 3), 1, ((0, 2), (3, 1)), 1)
    assert "{5 + 0 + 2 - 3}" in output_size_latex(geometry, 0)
    assert "{5 + 3 + 1 - 3}" in output_size_latex(geometry, 1)


def test_indefinite_article_before_numbers():
    assert [article(n) for n in (1, 5, 8, 9, 11, 18, 80)] == ["a", "a", "an", "a", "an", "an", "an"]


# --- Lightweight page ------------------------------------------------------------------


@pytest.mark.parametrize("drop", [0, 30])
@pytest.mark.parametrize("causal", [False, True])
def test_lightweight_band_is_the_kernel_the_animation_uses(drop, causal):
    from ui.lightweight import LightweightSpec, lightweight_example, lightweight_matrices

    spec = LightweightSpec(12, 8, 2, 3, causal, drop / 100, 0)
    example = lightweight_example(spec)
    band = np.array(lightweight_matrices(spec)["data"][0]["z"])
    np.testing.assert_allclose(band @ example["x"][0], example["output"][0], atol=1e-3)


def test_lightweight_cost_and_counts_include_the_dynamic_kernel_prediction():
    from ui.lightweight import LightweightSpec, cost_chart, lightweight_counts

    d, k, h = 8, 3, 2
    chart = cost_chart(d, k, h)
    dynamic = next(t for t in chart["data"] if t["name"].startswith("dynamic"))
    for n, cost in zip(dynamic["x"], dynamic["y"], strict=True):
        # per step: k multiply-adds per channel, and the (H·k × d) projection of its features
        assert cost == n * d * k + n * (h * k) * d
    rows = lightweight_counts(LightweightSpec(12, d, h, k, False, 0.0, 0))
    weight = np.zeros((h * k, d))  # the weight dynamic_conv1d takes
    ce.dynamic_conv1d(np.zeros((d, 5)), weight, h, k)
    dynamic = next(row for row in rows if row["weights of"] == "dynamic H·k·d")
    assert dynamic["this page"] == weight.size


# --- Standard and Conv1d pages: the size formulas over every reachable setting ---------


def _reachable_sliding(sizes, modes, max_padded):
    from ui.choices import kernel_bounds

    for size in sizes:
        for mode in modes:
            explicit = 2 if mode == "explicit" else 0
            k_limit, _ = kernel_bounds(size, mode, explicit, max_padded=max_padded)
            for k in range(1, k_limit + 1):
                _, d_limit = kernel_bounds(size, mode, explicit, k, max_padded=max_padded)
                for d in range(1, d_limit + 1):
                    for s in range(1, 5):
                        yield size, mode, k, s, d


def _naive_pads(size, mode, k, s, d):
    extent = d * (k - 1) + 1
    return {
        "valid": (0, 0),
        "same": tf_same_pads(size, k, s, d),
        "full": (extent - 1, extent - 1),
        "causal": (extent - 1, 0),
        "explicit": (1, 1),
    }[mode]


def test_output_size_formulas_over_every_reachable_setting():
    checked = 0
    for size, mode, k, s, d in [
        *_reachable_sliding(range(3, 13), ("valid", "same", "full", "explicit"), 20),
        *_reachable_sliding(range(3, 25), ("valid", "same", "full", "causal", "explicit"), 32),
    ]:
        before, after = _naive_pads(size, mode, k, s, d)
        extent = d * (k - 1) + 1
        expected = (size + before + after - extent) // s + 1
        padding = (before, after) if mode == "explicit" else mode
        geometry = ce.conv_geometry((size,), (k,), s, padding, d)
        text = output_size_latex(geometry, 0)
        assert f"{{{size} + {before} + {after} - {extent}}}{{{s}}}" in text, text
        assert text.endswith(f"= {expected}") and expected >= 1
        checked += 1
    assert checked > 2000


# --- Causal page: the leak verdict ----------------------------------------------------


@pytest.mark.parametrize("spec", CAUSAL, ids=str)
def test_leak_verdict_counts_outputs_that_read_their_future(spec):
    """Output j (time j·s) leaks if its window reads a real input after j·s."""
    extent = spec.dilation * (spec.kernel_size - 1) + 1
    if spec.leak:
        before, after = tf_same_pads(spec.length, spec.kernel_size, spec.stride, spec.dilation)
    else:
        before, after = extent - 1, 0
    outputs = (spec.length + before + after - extent) // spec.stride + 1
    naive = [
        any(
            j * spec.stride < j * spec.stride - before + t * spec.dilation < spec.length
            for t in range(spec.kernel_size)
        )
        for j in range(outputs)
    ]
    leaks = ce.future_leaks(
        spec.length, spec.kernel_size, spec.stride, spec.padding_rule, spec.dilation
    )
    assert leaks.tolist() == naive
    if not spec.leak:
        assert not any(naive), "causal padding never leaks"


@pytest.mark.parametrize("n, k, s, d, p", sorted({setting[:5] for setting in TRANSPOSED}))
def test_output_padding_table_is_what_the_operators_do(n, k, s, d, p):
    """Each row of the output_padding tab: the size the scatter definition produces, the
    length a conv with the same k, s, p, d really gives back (✓ exactly when it is n), and
    Keras' answer from its documented rule."""
    rows = output_padding_rows(n, k, s, p, d)
    sizes, backs, keras = (list(column) for column in list(rows.values())[1:])
    assert rows["output_padding"] == list(range(max(s, d)))
    for extra, size, back, keras_text in zip(
        rows["output_padding"], sizes, backs, keras, strict=True
    ):
        x, w = np.ones((1, 1, n)), np.ones((1, 1, k))
        assert size == naive_conv_transpose(x, w, None, (s,), (p,), (extra,), (d,), 1).shape[-1]
        length = naive_conv(np.ones((1, 1, size)), w, None, (s,), [(p, p)], (d,), 1).shape[-1]
        assert back == (f"{length} ✓" if length == n else f"{length} (not {n})")
        if keras_text.startswith("✗"):  # Keras refuses only strides > 1 with dilation > 1
            assert s > 1 and d > 1, keras_text
            continue
        assert int(keras_text.split()[0]) == size
        spelling = ce.keras_transpose_spelling(k, s, p, extra, d)
        assert f"padding='{spelling.padding}'" in keras_text
        assert ("Cropping" in keras_text) == (spelling.crop != (0, 0))
        assert ("ZeroPadding" in keras_text) == (spelling.zero_pad != (0, 0))


# --- Separable page --------------------------------------------------------------------


@pytest.mark.parametrize("m", [1, 2, 3])
def test_separable_ratio_is_the_ratio_of_the_pages_own_weight_counts(m):
    """The headline ratio equals separable ÷ standard weights, recounted from the layer
    shapes, at every reachable C_in, C_out, k and depth multiplier."""
    from ui.separable import SeparableSpec, ratio_text

    for c_in, c_out, k in itertools.product(range(1, 9), range(1, 17), range(1, 6)):
        separable = c_in * m * k * k + c_in * m * c_out  # depthwise + pointwise weights
        standard = c_out * c_in * k * k
        text = ratio_text(SeparableSpec(c_in, c_out, k, m, 1, 5, 0))
        shown = float(re.search(r"\*\*([0-9.]+)\*\*", text).group(1))
        assert shown == pytest.approx(separable / standard, abs=5.01e-4), text  # 3 decimals
        terms = re.search(r"= ([0-9]+)/([0-9]+) \+ ([0-9]+)/([0-9]+) =", text).groups()
        assert [int(v) for v in terms] == [m, c_out, m, k * k], text
