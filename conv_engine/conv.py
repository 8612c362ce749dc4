"""The convolution operators: one general N-d convolution and its transposed twin.

``conv1d``/``conv2d`` are thin wrappers over :func:`conv_nd`, ``conv_transpose1d``/
``conv_transpose2d`` over :func:`conv_transpose_nd`. Semantics are PyTorch's
(cross-correlation, channels first, weight ``(C_out, C_in/groups, k…)``); the padding rules
follow TensorFlow/Keras. Shapes: ``(N, C, L)`` or ``(C, L)`` in 1-D, ``(N, C, H, W)`` or
``(C, H, W)`` in 2-D.

Fast paths (see ``reference.py`` for the readable loops they must equal):

* 1-D: a loop over kernel taps, each one matmul on a contiguous (or strided) slice, so the
  cost does not grow with dilation;
* 2-D: im2col (a strided window view, one copy) and one batched matmul;
* transposed: one matmul to the columns, then a strided scatter-add per tap (col2im).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .errors import ConvConfigError, as_real_array, check_int
from .geometry import ConvGeometry, TransposeGeometry, conv_geometry, transpose_geometry
from .padding_modes import pad_with_mode
from .sizes import Padding
from .text import Text

IntOrPair = int | Sequence[int]


def _batched(name: str, x: object, ndim: int) -> tuple[np.ndarray, bool]:
    """Return x with a batch axis, and whether one was added (unbatched input)."""
    x = as_real_array(name, x)
    unbatched = x.ndim == ndim + 1
    if unbatched:
        x = x[None]
    if x.ndim != ndim + 2:
        layout = "(N, C, L) or (C, L)" if ndim == 1 else "(N, C, H, W) or (C, H, W)"
        raise ConvConfigError(
            "{name} must have shape {layout}, got shape {shape}",
            name=name,
            layout=layout,
            shape=x.shape,
        )
    if 0 in x.shape[1:]:
        raise ConvConfigError(
            "{name} must have at least one channel and one position per axis, got {shape}",
            name=name,
            shape=x.shape,
        )
    return x, unbatched


def _weight(weight: object, ndim: int, layout: str) -> np.ndarray:
    weight = as_real_array("weight", weight)
    if weight.ndim != ndim + 2 or 0 in weight.shape:
        raise ConvConfigError(
            "weight must have shape {layout}, got shape {shape}", layout=layout, shape=weight.shape
        )
    return weight


def _check_groups(groups: object, in_channels: int, out_channels: int) -> int:
    groups = check_int("groups", groups, 1)
    for label, channels in (
        (Text("input channels"), in_channels),
        (Text("output channels"), out_channels),
    ):
        if channels % groups:
            raise ConvConfigError(
                "groups={groups} must divide the number of {label} ({channels})",
                groups=groups,
                label=label,
                channels=channels,
            )
    return groups


def _bias(bias: object, out_channels: int, ndim: int, dtype: np.dtype) -> np.ndarray | None:
    if bias is None:
        return None
    bias = as_real_array("bias", bias)
    if bias.shape != (out_channels,):
        raise ConvConfigError(
            "bias must have shape ({out_channels},), one per output channel, got {shape}",
            out_channels=out_channels,
            shape=bias.shape,
        )
    return bias.astype(dtype, copy=False).reshape((out_channels,) + (1,) * ndim)


def _result_dtype(*arrays: np.ndarray) -> np.dtype:
    return np.result_type(*arrays)


def pad_input(x: np.ndarray, padding: tuple[tuple[int, int], ...]) -> np.ndarray:
    """Zero-pad the trailing spatial axes of ``x`` by explicit ``(before, after)`` counts."""
    if not any(before or after for before, after in padding):
        return x
    ndim = len(padding)
    lead = x.shape[: x.ndim - ndim]
    shape = lead + tuple(
        size + before + after
        for size, (before, after) in zip(x.shape[-ndim:], padding, strict=True)
    )
    padded = np.zeros(shape, dtype=x.dtype)
    inner = tuple(
        slice(before, before + size)
        for size, (before, _) in zip(x.shape[-ndim:], padding, strict=True)
    )
    padded[(Ellipsis, *inner)] = x
    return padded


def conv_nd(
    x: object,
    weight: object,
    bias: object = None,
    stride: IntOrPair = 1,
    padding: Padding = 0,
    dilation: IntOrPair = 1,
    groups: int = 1,
    ndim: int = 2,
    padding_mode: str = "zeros",
) -> np.ndarray:
    """General N-d (N = 1 or 2) convolution; see :func:`conv1d` and :func:`conv2d`."""
    layout = "(C_out, C_in/groups, k)" if ndim == 1 else "(C_out, C_in/groups, kh, kw)"
    x, unbatched = _batched("input", x, ndim)
    weight = _weight(weight, ndim, layout)
    in_channels, out_channels = x.shape[1], weight.shape[0]
    groups = _check_groups(groups, in_channels, out_channels)
    if weight.shape[1] * groups != in_channels:
        raise ConvConfigError(
            "weight has {per_group} input channels per group but the input has {in_channels} "
            "channels and groups = {groups}: weight must have shape {layout} = "
            "({out_channels}, {needed}, …)",
            per_group=weight.shape[1],
            in_channels=in_channels,
            groups=groups,
            layout=layout,
            out_channels=out_channels,
            needed=in_channels // groups,
        )
    geometry = conv_geometry(x.shape[2:], weight.shape[2:], stride, padding, dilation)
    dtype = _result_dtype(x, weight)
    bias = _bias(bias, out_channels, ndim, dtype)
    if padding_mode == "zeros":
        padded = pad_input(x.astype(dtype, copy=False), geometry.padding)
    else:  # what nn.Conv1d/Conv2d do: F.pad with the mode, then a conv without padding
        padded = pad_with_mode(x.astype(dtype, copy=False), geometry.padding, padding_mode)
    weight = weight.astype(dtype, copy=False)
    if ndim == 1:
        out = _conv1d_taps(padded, weight, geometry, groups)
    else:
        out = _conv_im2col(padded, weight, geometry, groups)
    if bias is not None:
        out += bias
    return out[0] if unbatched else out


def _conv1d_taps(
    padded: np.ndarray, weight: np.ndarray, geometry: ConvGeometry, groups: int
) -> np.ndarray:
    """1-D: accumulate one matmul per kernel tap on a (strided) slice of the padded input."""
    batch = padded.shape[0]
    out_channels, group_in, taps = weight.shape
    (stride,), (dilation,), (length,) = geometry.stride, geometry.dilation, geometry.output_size
    grouped = padded.reshape(batch, groups, group_in, -1)
    kernel = weight.reshape(groups, out_channels // groups, group_in, taps)
    out = np.zeros((batch, groups, out_channels // groups, length), dtype=padded.dtype)
    span = stride * (length - 1) + 1
    for tap in range(taps):
        start = tap * dilation
        out += kernel[..., tap] @ grouped[..., start : start + span : stride]
    return out.reshape(batch, out_channels, length)


def _windows(padded: np.ndarray, geometry: ConvGeometry) -> np.ndarray:
    """Strided view ``(N, C, *kernel, *output)`` of every window (no copy)."""
    padded = np.ascontiguousarray(padded)
    spatial = padded.strides[2:]
    strides = (
        padded.strides[:2]
        + tuple(map(int.__mul__, spatial, geometry.dilation))
        + tuple(map(int.__mul__, spatial, geometry.stride))
    )
    shape = padded.shape[:2] + geometry.kernel_size + geometry.output_size
    # np.ndarray over the buffer is as_strided without its per-call overhead.
    view = np.ndarray(shape, padded.dtype, padded, 0, strides)
    view.flags.writeable = False
    return view


def _conv_im2col(
    padded: np.ndarray, weight: np.ndarray, geometry: ConvGeometry, groups: int
) -> np.ndarray:
    """N-d: im2col (one copy of the window view) and one batched matmul over groups."""
    batch = padded.shape[0]
    out_channels = weight.shape[0]
    columns = _windows(padded, geometry).reshape(batch, groups, -1, geometry.num_outputs)
    kernel = weight.reshape(groups, out_channels // groups, -1)
    out = kernel @ columns
    return out.reshape((batch, out_channels) + geometry.output_size)


def conv1d(
    x: object,
    weight: object,
    bias: object = None,
    stride: int = 1,
    padding: Padding = 0,
    dilation: int = 1,
    groups: int = 1,
    padding_mode: str = "zeros",
) -> np.ndarray:
    """1-D convolution (cross-correlation), PyTorch ``F.conv1d`` semantics.

    Parameters
    ----------
    x : array ``(N, C_in, L)`` or ``(C_in, L)``
    weight : array ``(C_out, C_in/groups, k)``
    bias : array ``(C_out,)`` or None
    stride, dilation : int >= 1
    padding : int, ``(left, right)``, ``"valid"``, ``"same"`` (TF rule), ``"full"`` or
        ``"causal"`` (left ``d·(k − 1)``, as Keras ``padding='causal'``)
    groups : int dividing ``C_in`` and ``C_out``
    padding_mode : ``"zeros"``, ``"reflect"``, ``"replicate"`` or ``"circular"``, as
        ``nn.Conv1d`` has it (:mod:`conv_engine.padding_modes`)

    Returns
    -------
    array ``(N, C_out, L_out)`` (or ``(C_out, L_out)`` for unbatched input),
    ``L_out = ⌊(L + p_left + p_right − d·(k − 1) − 1)/s⌋ + 1``.
    """
    return conv_nd(x, weight, bias, stride, padding, dilation, groups, 1, padding_mode)


def conv2d(
    x: object,
    weight: object,
    bias: object = None,
    stride: IntOrPair = 1,
    padding: Padding = 0,
    dilation: IntOrPair = 1,
    groups: int = 1,
    padding_mode: str = "zeros",
) -> np.ndarray:
    """2-D convolution (cross-correlation), PyTorch ``F.conv2d`` semantics.

    Parameters
    ----------
    x : array ``(N, C_in, H, W)`` or ``(C_in, H, W)``
    weight : array ``(C_out, C_in/groups, kh, kw)``
    bias : array ``(C_out,)`` or None
    stride, dilation : int or ``(sh, sw)``
    padding : int, ``(ph, pw)``, ``((top, bottom), (left, right))``, ``"valid"``,
        ``"same"`` (TF rule for any stride: extra zero at the bottom/right) or ``"full"``
    groups : int dividing ``C_in`` and ``C_out``
    padding_mode : what fills the padding, as ``nn.Conv2d`` has it: ``"zeros"``,
        ``"reflect"``, ``"replicate"`` or ``"circular"`` (:mod:`conv_engine.padding_modes`)

    Returns
    -------
    array ``(N, C_out, H_out, W_out)`` (or without N for unbatched input).
    """
    return conv_nd(x, weight, bias, stride, padding, dilation, groups, 2, padding_mode)


def conv_transpose_nd(
    x: object,
    weight: object,
    bias: object = None,
    stride: IntOrPair = 1,
    padding: IntOrPair | str = 0,
    output_padding: IntOrPair = 0,
    groups: int = 1,
    dilation: IntOrPair = 1,
    ndim: int = 2,
) -> np.ndarray:
    """General N-d transposed convolution; see :func:`conv_transpose1d`/`conv_transpose2d`."""
    layout = "(C_in, C_out/groups, k)" if ndim == 1 else "(C_in, C_out/groups, kh, kw)"
    x, unbatched = _batched("input", x, ndim)
    weight = _weight(weight, ndim, layout)
    in_channels = x.shape[1]
    if weight.shape[0] != in_channels:
        raise ConvConfigError(
            "weight must have shape {layout} with C_in = {in_channels} (the input's "
            "channels), got shape {shape}",
            layout=layout,
            in_channels=in_channels,
            shape=weight.shape,
        )
    groups = check_int("groups", groups, 1)
    out_channels = weight.shape[1] * groups
    groups = _check_groups(groups, in_channels, out_channels)
    geometry = transpose_geometry(
        x.shape[2:], weight.shape[2:], stride, padding, output_padding, dilation
    )
    dtype = _result_dtype(x, weight)
    bias = _bias(bias, out_channels, ndim, dtype)
    out = _col2im(x.astype(dtype, copy=False), weight.astype(dtype, copy=False), geometry, groups)
    if bias is not None:
        out += bias
    return out[0] if unbatched else out


def _col2im(
    x: np.ndarray, weight: np.ndarray, geometry: TransposeGeometry, groups: int
) -> np.ndarray:
    """One matmul gives every (output channel, tap, input position) product; scatter-add them.

    Output position ``o`` receives ``x[i]·w[k]`` for every ``i·s + k·d − p = o``.
    """
    batch, in_channels = x.shape[:2]
    group_out = weight.shape[1]
    kernel = weight.reshape(groups, in_channels // groups, -1).transpose(0, 2, 1)
    columns = kernel @ x.reshape(batch, groups, in_channels // groups, -1)
    columns = columns.reshape(
        (batch, groups, group_out) + geometry.kernel_size + geometry.input_size
    )
    # The uncropped buffer also covers output_padding cells past the last contribution.
    buffer_size = tuple(
        max(full, p + o)
        for full, p, o in zip(
            geometry.full_size, geometry.padding, geometry.output_size, strict=True
        )
    )
    full = np.zeros((batch, groups, group_out) + buffer_size, dtype=x.dtype)
    for tap in np.ndindex(*geometry.kernel_size):
        target = tuple(
            slice(k * d, k * d + s * (i - 1) + 1, s)
            for k, d, s, i in zip(
                tap, geometry.dilation, geometry.stride, geometry.input_size, strict=True
            )
        )
        full[(Ellipsis, *target)] += columns[(slice(None),) * 3 + tap]
    crop = tuple(
        slice(p, p + o) for p, o in zip(geometry.padding, geometry.output_size, strict=True)
    )
    out = full[(Ellipsis, *crop)]
    return np.ascontiguousarray(out.reshape((batch, groups * group_out) + geometry.output_size))


def conv_transpose1d(
    x: object,
    weight: object,
    bias: object = None,
    stride: int = 1,
    padding: int | str = 0,
    output_padding: int = 0,
    groups: int = 1,
    dilation: int = 1,
) -> np.ndarray:
    """1-D transposed convolution, PyTorch ``F.conv_transpose1d`` semantics.

    Parameters
    ----------
    x : array ``(N, C_in, L)`` or ``(C_in, L)``
    weight : array ``(C_in, C_out/groups, k)``
    padding : int crop on both ends (``"valid"`` = 0)
    output_padding : int < max(stride, dilation), extra cells at the far end

    Returns
    -------
    array ``(N, C_out, (L − 1)·s − 2p + d·(k − 1) + output_padding + 1)``.
    """
    return conv_transpose_nd(
        x, weight, bias, stride, padding, output_padding, groups, dilation, ndim=1
    )


def conv_transpose2d(
    x: object,
    weight: object,
    bias: object = None,
    stride: IntOrPair = 1,
    padding: IntOrPair | str = 0,
    output_padding: IntOrPair = 0,
    groups: int = 1,
    dilation: IntOrPair = 1,
) -> np.ndarray:
    """2-D transposed convolution, PyTorch ``F.conv_transpose2d`` semantics.

    Parameters
    ----------
    x : array ``(N, C_in, H, W)`` or ``(C_in, H, W)``
    weight : array ``(C_in, C_out/groups, kh, kw)``
    stride, padding, output_padding, dilation : int or one int per axis

    Returns
    -------
    array ``(N, C_out, H_out, W_out)``, each ``(i − 1)·s − 2p + d·(k − 1) + output_padding + 1``.
    """
    return conv_transpose_nd(
        x, weight, bias, stride, padding, output_padding, groups, dilation, ndim=2
    )
