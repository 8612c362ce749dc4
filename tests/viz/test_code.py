"""The framework snippets: they run, and PyTorch and Keras print what the engine computes.

Every snippet is executed as a student would paste it (a fresh namespace, its own imports)
and the list it prints is compared with the engine's result for the same settings, on
sweeps of each page's settings. Without the frameworks the snippets are only parsed.
"""

from __future__ import annotations

import ast
import contextlib
import io
import itertools

import numpy as np
import pytest

import conv_engine as ce
from viz import code

from ..frameworks import framework

RNG = np.random.default_rng(7)


def _small(shape) -> np.ndarray:
    """Small integers: exact in float32 and short in a snippet."""
    return RNG.integers(-3, 4, size=shape).astype(float)


@pytest.fixture(scope="module")
def torch():
    return framework("torch")


@pytest.fixture(scope="module")
def keras():
    return framework("keras")


def run(snippet: str):
    """Execute a snippet in a fresh namespace; the value of the last line it printed."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(snippet, "<snippet>", "exec"), {"__name__": "__snippet__"})
    return ast.literal_eval(out.getvalue().strip().splitlines()[-1])


def _page_computed(snippet: str):
    line = next(li for li in snippet.splitlines() if li.startswith("# the page computed: "))
    return ast.literal_eval(line.removeprefix("# the page computed: "))


def conv_cases():
    """(x, w, stride, mode, pads, dilation) over 1-D and 2-D, every padding form."""
    for ndim, n, k, s, d, padding in itertools.product(
        (1, 2), (5, 7), (1, 2, 3), (1, 2, 3), (1, 2), ("valid", "same", "full", 1, (0, 2))
    ):
        if ndim == 2 and padding == (0, 2):
            continue
        x, w = _small((n,) * ndim), _small((k,) * ndim)
        yield x, w, s, padding, d
    for n, k, d in itertools.product((6, 9), (2, 3), (1, 2)):
        yield _small((n,)), _small((k,)), 1, "causal", d


def _conv(x, w, s, padding, d):
    conv = ce.conv1d if x.ndim == 1 else ce.conv2d
    geometry = ce.conv_geometry(x.shape, w.shape, s, padding, d)
    output = conv(x[None], w[None, None], stride=s, padding=padding, dilation=d)[0]
    mode = padding if isinstance(padding, str) else "explicit"
    return code.conv_code(x, w, s, mode, geometry.padding, d, output), output


CONV = [case for case in conv_cases() if case]


def _valid(case, build=None) -> bool:
    """Whether the engine builds ``case`` (with ``build``, :func:`_conv` by default)."""
    try:
        (build or _conv)(*case)
    except ce.ConvConfigError:
        return False
    return True


CONV = [case for case in CONV if _valid(case)]


def test_every_snippet_is_python_and_names_the_page_result():
    for case in CONV:
        snippets, output = _conv(*case)
        for text in (snippets.torch, snippets.keras):
            if text is not None:
                ast.parse(text)
                np.testing.assert_allclose(_page_computed(text), np.round(output, 4))
        assert (snippets.keras is None) == (snippets.keras_refusal is not None)


def test_pytorch_same_comment_is_true_at_every_stride():
    """At stride 1 PyTorch's padding='same' pads like TF (the odd zero at the end), so the
    snippet uses it; only at stride > 1 does it say PyTorch refuses 'same'."""
    x, w = _small((7, 7)), _small((4, 4))
    snippets, _ = _conv(x, w, 1, "same", 1)
    assert "refuses" not in snippets.torch and "F.pad" not in snippets.torch
    for case in CONV:
        snippets, _ = _conv(*case)
        _, _, s, padding, _ = case
        call = next(line for line in snippets.torch.splitlines() if line.startswith("y = F."))
        if "refuses stride > 1" in snippets.torch:
            assert s > 1 and padding == "same"
        if "padding='same'" in call:
            assert s == 1 and padding == "same"


def test_keras_refusal_is_stride_and_dilation_together():
    for case in CONV:
        snippets, _ = _conv(*case)
        _, _, s, _, d = case
        assert (snippets.keras is None) == (s > 1 and d > 1)


def test_torch_conv_snippets_print_the_engine_result(torch):
    _torch_prints_the_engine_result(_conv, CONV)


def test_keras_conv_snippets_print_the_engine_result(keras):
    _keras_prints_the_engine_result(_conv, CONV[::2])


def _torch_prints_the_engine_result(build, cases) -> None:
    for case in cases:
        snippets, output = build(*case)
        np.testing.assert_allclose(run(snippets.torch), output, err_msg=str(case[2:]))


def _keras_prints_the_engine_result(build, cases) -> None:
    for case in cases:
        snippets, output = build(*case)
        if snippets.keras is not None:
            np.testing.assert_allclose(
                run(snippets.keras), np.round(output, 4), atol=1e-3, err_msg=str(case[2:])
            )


def transposed_cases():
    for n, k, s, p, op, d in itertools.product(
        (2, 3), (2, 3), (1, 2, 3), (0, 1, 2), (0, 1, 2), (1, 2, 3)
    ):
        if op >= max(s, d):
            continue
        try:
            ce.conv_transpose_output_size(n, k, s, p, op, d)
        except ce.ConvConfigError:
            continue
        x, w = _small((n, n)), _small((k, k))
        output = ce.conv_transpose2d(
            x[None, None], w[None, None], stride=s, padding=p, output_padding=op, dilation=d
        )[0, 0]
        yield code.transposed_code(x, w, s, p, op, d, output), output, (s, p, op, d)


TRANSPOSED = list(transposed_cases())


def test_transposed_snippets_parse_and_refuse_only_what_keras_refuses():
    assert TRANSPOSED
    for snippets, output, (s, _, op, d) in TRANSPOSED:
        ast.parse(snippets.torch)
        np.testing.assert_allclose(_page_computed(snippets.torch), np.round(output, 4))
        # Keras refuses only strides > 1 with dilation > 1: output_padding ≥ strides is
        # written as 'valid', ZeroPadding and Cropping
        assert (snippets.keras is None) == (s > 1 and d > 1), (s, op, d)


def test_torch_transposed_snippets_print_the_engine_result(torch):
    for snippets, output, settings in TRANSPOSED:
        np.testing.assert_allclose(run(snippets.torch), output, err_msg=str(settings))


def test_keras_transposed_snippets_print_the_engine_result(keras):
    for snippets, output, settings in TRANSPOSED:
        if snippets.keras is not None:
            np.testing.assert_allclose(
                run(snippets.keras), output, atol=1e-3, err_msg=str(settings)
            )


def separable_cases():
    for channels, multiplier, out, k in itertools.product((1, 3), (1, 2), (1, 2), (1, 2, 3)):
        x = _small((channels, 5, 5))
        depthwise = _small((channels * multiplier, 1, k, k))
        pointwise = _small((out, channels * multiplier, 1, 1))
        output = ce.depthwise_separable_conv2d(x, depthwise, pointwise, padding="same")
        yield code.separable_code(x, depthwise, pointwise, output), output


def test_separable_snippets_print_the_engine_result(torch, keras):
    for snippets, output in separable_cases():
        np.testing.assert_allclose(run(snippets.torch), output)
        np.testing.assert_allclose(run(snippets.keras), output, atol=1e-3)


def lightweight_cases():
    for channels, heads, k, padding in itertools.product(
        (4, 6), (1, 2), (3, 4), ("same", "causal")
    ):
        x = _small((channels, 7))
        raw = _small((heads, k))
        kernel = np.exp(raw) / np.exp(raw).sum(axis=1, keepdims=True)
        output = ce.lightweight_conv1d(x, kernel, padding=padding, weight_softmax=False)
        pads = (k - 1, 0) if padding == "causal" else ((k - 1) // 2, k - 1 - (k - 1) // 2)
        yield code.lightweight_code(x, kernel, pads, False, output), output


def test_lightweight_snippets_print_the_engine_result(torch, keras):
    for snippets, output in lightweight_cases():
        np.testing.assert_allclose(run(snippets.torch), output, atol=1e-9)
        np.testing.assert_allclose(run(snippets.keras), output, atol=1e-3)


STACKS = [
    [
        ce.Layer(3),
        ce.Layer(3, stride=2),
        ce.Layer(2, stride=2, kind="pool"),
        ce.Layer(3, dilation=2),
    ],
    [ce.Layer(5, padding="same"), ce.Layer(3, stride=2, padding=1), ce.Layer(3, dilation=3)],
    [ce.Layer(2, padding="causal", dilation=1), ce.Layer(2, padding="causal", dilation=2)],
    [ce.Layer(2, dilation=2), ce.Layer(2, dilation=2)],  # span 5, 3 cells seen
]


@pytest.mark.parametrize("layers", STACKS)
def test_stack_snippets_count_what_the_engine_counts(layers, torch, keras):
    size = 24
    rows = ce.receptive_field(layers, size)
    for position in (0, rows[-1].output_size // 2, rows[-1].output_size - 1):
        seen = int(np.count_nonzero(ce.support_counts(layers, size, position)))
        snippets = code.stack_code(rows, size, position, seen)
        assert run(snippets.torch) == seen  # both frameworks print the same fact
        assert run(snippets.keras) == seen


def mode_cases():
    """(x, w, stride, padding, dilation, padding_mode): every fill that copies the input, on
    1-D and 2-D, symmetric and SAME's uneven pads, wherever PyTorch's rule admits the mode."""
    for ndim, mode, (k, s, d, padding) in itertools.product(
        (1, 2),
        ("reflect", "replicate", "circular"),
        ((3, 1, 1, "same"), (2, 2, 1, "same"), (3, 1, 2, "full"), (2, 1, 1, 1)),
    ):
        x, w = _small((5,) * ndim), _small((k,) * ndim)
        yield x, w, s, padding, d, mode


def _mode_conv(x, w, s, padding, d, mode):
    """The snippets for a page's trace with ``mode``, and the trace's output (the engine's,
    tested against PyTorch's F.pad in tests/conv_engine)."""
    trace = ce.conv_trace(x, w, s, padding, d, ndim=x.ndim, padding_mode=mode)
    rule = padding if isinstance(padding, str) else "explicit"
    snippets = code.conv_code(
        x, w, s, rule, trace.geometry.padding, d, trace.output, trace.padding_mode
    )
    return snippets, trace.output


MODES = [case for case in mode_cases() if _valid(case, _mode_conv)]


def test_a_copying_padding_is_padded_first_in_both_frameworks():
    assert len(MODES) >= 20
    for case in MODES:
        snippets, output = _mode_conv(*case)
        mode = case[-1]
        assert f"mode='{mode}'" in snippets.torch and "padding=0" in snippets.torch
        numpy_mode = code.NUMPY_PAD_MODES[mode]
        assert f"mode='{numpy_mode}'" in snippets.keras and "padding='valid'" in snippets.keras
        for text in (snippets.torch, snippets.keras):
            ast.parse(text)
            np.testing.assert_allclose(_page_computed(text), np.round(output, 4))


def test_torch_padding_mode_snippets_print_the_engine_result(torch):
    _torch_prints_the_engine_result(_mode_conv, MODES)


def test_torch_agrees_with_nn_conv_padding_mode(torch):
    """The snippet's F.pad + conv is what nn.Conv2d(padding_mode=…) computes (symmetric
    pads, the form nn.Conv2d takes)."""
    for case in MODES:
        x, w, s, padding, d, mode = case
        if x.ndim != 2 or padding != 1:
            continue
        layer = torch.nn.Conv2d(
            1, 1, w.shape, stride=s, padding=1, dilation=d, bias=False, padding_mode=mode
        ).double()
        with torch.no_grad():
            layer.weight.copy_(torch.tensor(w)[None, None])
            result = layer(torch.tensor(x)[None, None])[0, 0].numpy()
        np.testing.assert_allclose(result, _mode_conv(*case)[1])


def test_keras_padding_mode_snippets_print_the_engine_result(keras):
    _keras_prints_the_engine_result(_mode_conv, MODES[::2])


def layer_cases():
    """(x, weight, bias, stride, padding, dilation, mode): layers with channels, in 1-D and
    2-D, with and without a bias, every padding form and fill."""
    shapes = [((3, 6, 5), (2, 3, 3, 3)), ((2, 7), (3, 2, 3)), ((1, 5, 5), (4, 1, 2, 2))]
    for (x_shape, w_shape), s, padding, d, mode, bias in itertools.product(
        shapes, (1, 2), ("valid", "same", "full", 1), (1, 2), ce.PADDING_MODES, (False, True)
    ):
        if padding == "valid" and mode != "zeros":
            continue
        x, w = _small(x_shape), _small(w_shape)
        yield x, w, _small(w_shape[:1]) if bias else None, s, padding, d, mode


def _layer(x, w, bias, s, padding, d, mode):
    ndim = x.ndim - 1
    layer = ce.layer_trace(x, w, bias, s, padding, d, ndim, mode)
    rule = padding if isinstance(padding, str) else "explicit"
    snippets = code.layer_code(x, w, bias, s, rule, layer.geometry.padding, d, layer.output, mode)
    return snippets, layer.output


LAYERS = [case for case in layer_cases() if _valid(case, _layer)]


def test_layer_snippets_build_the_layer_with_the_pages_weights():
    assert len(LAYERS) >= 100
    for case in LAYERS:
        snippets, output = _layer(*case)
        x, w, bias, *_ = case
        layer = "Conv1d" if x.ndim == 2 else "Conv2d"
        assert f"nn.{layer}({w.shape[1]}, {w.shape[0]}, " in snippets.torch
        assert f"bias={bias is not None}" in snippets.torch
        for text in (snippets.torch, snippets.keras):
            if text is not None:
                ast.parse(text)
                np.testing.assert_allclose(_page_computed(text), np.round(output, 4))


def test_torch_layer_snippets_print_the_engine_result(torch):
    _torch_prints_the_engine_result(_layer, LAYERS)


def test_keras_layer_snippets_print_the_engine_result(keras):
    _keras_prints_the_engine_result(_layer, LAYERS[::3])
