"""How Keras writes a PyTorch layer value for value, not only size for size.

Two layers are "the same layer" only when they compute the same numbers. A transposed conv
is a scatter of stamps into a full row of ``(n − 1)·s + F`` cells (``F = d·(k − 1) + 1``)
followed by a window over it: PyTorch's window starts at its crop ``p`` and is
``(n − 1)·s + F − 2p + output_padding`` long (cells past the row are zeros). Keras' window
is set by its ``padding`` and ``output_padding`` (:func:`keras_transpose_window`, Keras 3's
own rule), so ``'same'`` with ``output_padding=1`` has PyTorch's size at ``p = ⌊F/2⌋`` but
starts one cell earlier: its values are PyTorch's shifted by one. Where no Keras padding
gives PyTorch's window, ``'valid'`` followed by ``Cropping`` (and ``ZeroPadding`` where
PyTorch's ``output_padding`` reaches past the row) does (:func:`keras_transpose_spelling`).
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import ConvConfigError, check_int
from .sizes import (
    KERAS_TRANSPOSE_PADDINGS,
    effective_kernel_size,
    keras_refuses_stride_with_dilation,
    keras_transpose_arguments,
)


def keras_transpose_window(
    input_size: int,
    kernel_size: int,
    stride: int = 1,
    padding: str = "valid",
    output_padding: int | None = None,
    dilation: int = 1,
) -> tuple[int, int]:
    """``(start, length)``: Keras' ``Conv1DTranspose`` output is cells ``start …
    start + length − 1`` of the full scatter row (zeros past its end).

    Keras 3's rule (``keras.src.backend.common.backend_utils``): with ``F`` the dilated
    extent, ``'valid'`` starts at 0 and is ``(n − 1)·S + F + op`` long (``op = max(S − F,
    0)`` when None); ``'same'`` pads the stride-1 conv it is the transpose of by ``P``
    (``P = S + F − 2`` when ``output_padding`` is None, else ``F + F mod 2 − 2 + op``),
    ``⌈P/2⌉`` of it (at most ``F − 1``) before, so it starts at ``F − 1 − min(⌈P/2⌉,
    F − 1)`` and is ``n·S`` (None) or ``(n − 1)·S + F mod 2 + op`` long. Raises
    :class:`ConvConfigError` where Keras refuses the layer.
    """
    input_size, stride, extent, mode, output_padding = keras_transpose_arguments(
        input_size, kernel_size, stride, padding, output_padding, dilation
    )
    if mode == "valid":
        extra = max(stride - extent, 0) if output_padding is None else output_padding
        return 0, (input_size - 1) * stride + extent + extra
    if output_padding is None:
        total, length = stride + extent - 2, input_size * stride
    else:
        total = extent + extent % 2 - 2 + output_padding
        length = (input_size - 1) * stride + extent % 2 + output_padding
    before = min(-(-total // 2), extent - 1)
    return extent - 1 - before, length


def pytorch_transpose_window(
    input_size: int,
    kernel_size: int,
    stride: int = 1,
    padding: int = 0,
    output_padding: int = 0,
    dilation: int = 1,
) -> tuple[int, int]:
    """``(start, length)`` of PyTorch's ``ConvTranspose1d`` output in the full scatter row:
    it crops ``padding`` at the start, and ``output_padding`` lengthens the end."""
    full = (input_size - 1) * stride + effective_kernel_size(kernel_size, dilation)
    return padding, full - 2 * padding + output_padding


@dataclass(frozen=True)
class KerasTransposeSpelling:
    """A Keras ``ConvNDTranspose(padding=…, output_padding=…)``, then a ``ZeroPaddingND``
    of ``zero_pad`` = (start, end) cells, then a ``CroppingND`` of ``crop`` = (start, end),
    on every spatial axis; (0, 0) means no such layer."""

    padding: str
    output_padding: int | None
    zero_pad: tuple[int, int] = (0, 0)
    crop: tuple[int, int] = (0, 0)

    @property
    def layer_alone(self) -> bool:
        """The transposed layer alone is PyTorch's layer (no Cropping, no ZeroPadding)."""
        return self.crop == (0, 0) and self.zero_pad == (0, 0)


def keras_transpose_spelling(
    kernel_size: int,
    stride: int = 1,
    padding: int = 0,
    output_padding: int = 0,
    dilation: int = 1,
) -> KerasTransposeSpelling:
    """The simplest Keras layers that compute PyTorch's ``ConvTranspose`` (crop ``padding``,
    ``output_padding``) value for value, at any input size.

    One Keras layer when a Keras padding has PyTorch's window (``'valid'`` with p = 0;
    ``'same'`` where its window is PyTorch's); otherwise ``'valid'`` then ``Cropping``
    (with PyTorch's ``output_padding`` when Keras takes it, i.e. below the stride; else a
    ``ZeroPadding`` first adds the cells it reaches past the row). Raises
    :class:`ConvConfigError` only where Keras refuses every spelling: strides > 1 together
    with dilation > 1.
    """
    stride = check_int("stride", stride, 1)
    dilation = check_int("dilation", dilation, 1)
    padding = check_int("padding", padding, 0)
    output_padding = check_int("output_padding", output_padding, 0)
    keras_refuses_stride_with_dilation(stride, dilation)
    wanted = pytorch_transpose_window(1, kernel_size, stride, padding, output_padding, dilation)
    # PyTorch's own output_padding first, then Keras' default (None), then any other
    candidates = [(mode, output_padding) for mode in KERAS_TRANSPOSE_PADDINGS]
    candidates += [(mode, None) for mode in KERAS_TRANSPOSE_PADDINGS]
    candidates += [("same", op) for op in range(stride) if op != output_padding]
    for mode, op in candidates:
        if op is not None and op >= stride:
            continue
        # windows start independently of n, and their lengths grow by s per input cell in
        # both frameworks, so n = 1 decides for every input size
        if keras_transpose_window(1, kernel_size, stride, mode, op, dilation) == wanted:
            return KerasTransposeSpelling(mode, op)
    if output_padding < stride:
        return KerasTransposeSpelling("valid", output_padding, crop=(padding, padding))
    # PyTorch's output_padding ≥ strides (reached through dilation): Keras takes none, so
    # zeros are added past the row's end, then both ends cropped
    return KerasTransposeSpelling("valid", 0, zero_pad=(0, output_padding), crop=(padding, padding))


def keras_transpose_padding(
    kernel_size: int,
    stride: int = 1,
    padding: int = 0,
    output_padding: int = 0,
    dilation: int = 1,
) -> str:
    """The Keras ``padding`` whose layer alone computes PyTorch's transposed conv (crop
    ``padding``, ``output_padding``), value for value.

    Raises :class:`ConvConfigError`, naming the reason, where Keras refuses the setting or
    needs a ``Cropping``/``ZeroPadding`` layer after it (:func:`keras_transpose_spelling`).
    """
    spelling = keras_transpose_spelling(kernel_size, stride, padding, output_padding, dilation)
    if not spelling.layer_alone:
        raise ConvConfigError(
            "no Keras padding alone computes padding={padding}, output_padding="
            "{output_padding}: use padding='valid', then Cropping (and ZeroPadding)",
            padding=padding,
            output_padding=output_padding,
        )
    return spelling.padding
