"""Keras' transposed-convolution rules, as the Transposed page states them, against Keras 3."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

import conv_engine as ce

from ..frameworks import framework
from ..naive import keras_transpose_length
from ..reachable import reachable_settings

keras = framework("keras")


def _keras_length(n, k, s, padding, output_padding, d):
    """The output length Keras' own Conv2DTranspose gives, or None if it refuses."""
    try:
        layer = keras.layers.Conv2DTranspose(
            1,
            (1, k),
            strides=(1, s),
            padding=padding,
            output_padding=(None if output_padding is None else (0, output_padding)),
            dilation_rate=(1, d),
        )
        return int(layer(np.ones((1, 1, n, 1), dtype="float32")).shape[2])
    except ValueError:
        return None


SETTINGS = sorted({(n, k, s, d, op) for n, k, s, d, _, op in reachable_settings()})


@pytest.mark.parametrize("padding", ["valid", "same"])
def test_keras_sizes_and_refusals_match_keras(padding):
    for n, k, s, d, op in SETTINGS[::3]:
        for output_padding in (None, op):
            real = _keras_length(n, k, s, padding, output_padding, d)
            assert keras_transpose_length(n, k, s, padding, output_padding, d) == real
            try:
                ours = ce.keras_conv_transpose_output_size(n, k, s, padding, output_padding, d)
            except ce.ConvConfigError:
                ours = None
            assert ours == real, (n, k, s, d, padding, output_padding)


# --- value for value: Keras' windows and spellings -------------------------------------

torch = framework("torch")


def _keras_transpose(x, w, s, padding, output_padding, d, spelling=None):
    """Keras' Conv1DTranspose (then the spelling's ZeroPadding1D and Cropping1D) on a 1-D
    signal ``x`` with kernel ``w``: its output values."""
    layer = keras.layers.Conv1DTranspose(
        1,
        len(w),
        strides=s,
        padding=padding,
        output_padding=output_padding,
        dilation_rate=d,
        use_bias=False,
    )
    layer.build((1, len(x), 1))
    layer.set_weights([np.asarray(w, dtype="float32")[:, None, None]])
    y = layer(np.asarray(x, dtype="float32")[None, :, None])
    if spelling is not None and spelling.zero_pad != (0, 0):
        y = keras.layers.ZeroPadding1D(spelling.zero_pad)(y)
    if spelling is not None and spelling.crop != (0, 0):
        y = keras.layers.Cropping1D(spelling.crop)(y)
    return keras.ops.convert_to_numpy(y)[0, :, 0]


def _torch_transpose(x, w, s, p, op, d):
    return torch.nn.functional.conv_transpose1d(
        torch.tensor(x, dtype=torch.float64)[None, None],
        torch.tensor(w, dtype=torch.float64)[None, None],
        stride=s,
        padding=p,
        output_padding=op,
        dilation=d,
    )[0, 0].numpy()


def _scatter_row(x, w, s, d):
    """The full scatter row: every input stamps its scaled kernel, nothing cropped."""
    extent = d * (len(w) - 1) + 1
    row = np.zeros((len(x) - 1) * s + extent)
    for i, value in enumerate(x):
        for j, weight in enumerate(w):
            row[i * s + j * d] += value * weight
    return row


def test_keras_windows_are_keras_values():
    """Every Keras padding and output_padding (None too): its output is the window of the
    scatter row that ``keras_transpose_window`` names, zeros past the row's end."""
    rng = np.random.default_rng(0)
    for n, k, s, d in itertools.product((1, 3, 4), range(1, 6), range(1, 4), range(1, 4)):
        if s > 1 and d > 1:
            continue
        x, w = rng.integers(-3, 4, n).astype(float), rng.integers(-3, 4, k).astype(float)
        row = np.concatenate([_scatter_row(x, w, s, d), np.zeros(8)])
        for padding in ("valid", "same"):
            for op in (None, *range(s)):
                start, length = ce.keras_transpose_window(n, k, s, padding, op, d)
                np.testing.assert_allclose(
                    _keras_transpose(x, w, s, padding, op, d),
                    row[start : start + length],
                    err_msg=str((n, k, s, d, padding, op)),
                )


def test_keras_spellings_compute_pytorchs_values():
    """Every PyTorch ConvTranspose1d (any crop, output_padding < max(s, d)): the Keras layers
    the engine writes for it give PyTorch's values, not only its size."""
    rng = np.random.default_rng(1)
    for n, k, s, d in itertools.product((1, 3), range(1, 5), range(1, 4), range(1, 4)):
        extent = d * (k - 1) + 1
        for p, op in itertools.product(range(extent + 2), range(max(s, d))):
            if (n - 1) * s + extent - 2 * p + op < 1:
                continue
            if s > 1 and d > 1:
                with pytest.raises(ce.ConvConfigError, match="Keras refuses"):
                    ce.keras_transpose_spelling(k, s, p, op, d)
                continue
            spelling = ce.keras_transpose_spelling(k, s, p, op, d)
            x, w = rng.integers(-3, 4, n).astype(float), rng.integers(-3, 4, k).astype(float)
            ours = _keras_transpose(x, w, s, spelling.padding, spelling.output_padding, d, spelling)
            np.testing.assert_allclose(
                ours, _torch_transpose(x, w, s, p, op, d), err_msg=str((n, k, s, p, op, d))
            )


def test_keras_same_with_output_padding_is_shifted_from_pytorch():
    """The issue's row (7 → 14: k = 3, s = 2, p = 1, op = 1): Keras 'same' with
    output_padding=1 has PyTorch's size, and its values are shifted by one."""
    x, w = np.arange(1.0, 8.0), np.array([1.0, 2.0, 4.0])
    keras_same = _keras_transpose(x, w, 2, "same", 1, 1)
    pytorch = _torch_transpose(x, w, 2, 1, 1, 1)
    assert keras_same.shape == pytorch.shape == (14,)
    assert not np.allclose(keras_same, pytorch)
    np.testing.assert_allclose(keras_same[1:], pytorch[:-1])
    assert ce.keras_transpose_spelling(3, 2, 1, 1, 1).padding == "valid"


SOLVER_REQUESTS = [(7, 14), (7, 15), (224, 448), (8, 1), (5, 12), (3, 9), (16, 32)]


@pytest.mark.parametrize(("n", "o"), SOLVER_REQUESTS)
def test_every_solver_row_keras_writes_is_pytorchs_layer(n, o):
    """Each transposed row's Keras layers, run with random weights, give PyTorch's values;
    every ✗ is a layer Keras refuses in every padding the solver knows."""
    rng = np.random.default_rng(n * 1000 + o)
    for row in ce.solve_transposed(n, o):
        k, s, p, op, d = (
            row.kernel_size,
            row.stride,
            row.padding,
            row.output_padding,
            row.dilation,
        )
        x, w = rng.standard_normal(n), rng.standard_normal(k)
        if row.keras is None:
            for padding in ("valid", "same"):
                with pytest.raises(ValueError):
                    _keras_transpose(x, w, s, padding, None, d)
            continue
        np.testing.assert_allclose(
            _keras_transpose(x, w, s, row.keras.padding, row.keras.output_padding, d, row.keras),
            _torch_transpose(x, w, s, p, op, d),
            rtol=1e-4,
            atol=1e-4,
            err_msg=str((n, o, k, s, p, op, d)),
        )


@pytest.mark.parametrize(("n", "o"), [(224, 112), (28, 19), (10, 4), (9, 3), (7, 7)])
def test_every_solver_conv_row_keras_writes_is_pytorchs_layer(n, o):
    """Each conv row's Keras spelling ('valid', 'same' or ZeroPadding + 'valid') gives
    PyTorch's values; every ✗ is refused by Keras in every padding."""
    rng = np.random.default_rng(n * 1000 + o)
    for row in ce.solve_conv(n, o)[:40]:
        k, s, p, d = row.kernel_size, row.stride, row.padding, row.dilation
        x, w = rng.standard_normal(n), rng.standard_normal(k)
        pytorch = torch.nn.functional.conv1d(
            torch.tensor(x)[None, None],
            torch.tensor(w)[None, None],
            stride=s,
            padding=p,
            dilation=d,
        )[0, 0].numpy()

        def keras_conv(padding, pads=(0, 0), x=x, w=w, s=s, d=d):
            inputs = np.asarray(x, dtype="float32")[None, :, None]
            if pads != (0, 0):
                inputs = keras.layers.ZeroPadding1D(pads)(inputs)
            layer = keras.layers.Conv1D(
                1, len(w), strides=s, padding=padding, dilation_rate=d, use_bias=False
            )
            layer.build(tuple(inputs.shape))
            layer.set_weights([np.asarray(w, dtype="float32")[:, None, None]])
            return keras.ops.convert_to_numpy(layer(inputs))[0, :, 0]

        if row.keras_refusal:
            for padding in ("valid", "same"):
                with pytest.raises(ValueError):
                    keras_conv(padding)
            continue
        padded = row.keras == "ZeroPadding + valid"
        ours = keras_conv("valid" if padded else row.keras, (p, p) if padded else (0, 0))
        np.testing.assert_allclose(ours, pytorch, rtol=1e-4, atol=1e-4, err_msg=str(row))
