"""Size arithmetic: one function per formula, and the validity bounds the widgets use.

All functions work on one spatial axis; 2-D code applies them per axis.

Formulas (``k_eff`` is the effective kernel extent with dilation gaps)::

    k_eff = d·(k − 1) + 1
    conv:       o = ⌊(i + p_before + p_after − k_eff) / s⌋ + 1
    transposed: o = (i − 1)·s − 2p + d·(k − 1) + output_padding + 1      (PyTorch)
    SAME (TF):  o = ⌈i / s⌉, total pad = max((o − 1)·s + k_eff − i, 0),
                before = total // 2, after = total − before (the extra pad goes at the end)
"""

from __future__ import annotations

from collections.abc import Sequence

from .errors import ConvConfigError, check_int
from .text import Text

PADDING_RULES = ("valid", "same", "full", "causal")

Padding = int | str | tuple[int, int] | Sequence


def effective_kernel_size(kernel_size: int, dilation: int = 1) -> int:
    """Extent of a kernel of ``kernel_size`` taps with ``dilation − 1`` gaps between taps."""
    kernel_size = check_int("kernel_size", kernel_size, 1)
    dilation = check_int("dilation", dilation, 1)
    return dilation * (kernel_size - 1) + 1


def padding_rule(padding: object) -> str | None:
    """The lower-case rule name if ``padding`` is a rule string (valid, same, full, causal),
    else None. (PyTorch's ``padding_mode`` is something else: what fills the padding.)"""
    if not isinstance(padding, str):
        return None
    mode = padding.lower()
    if mode not in PADDING_RULES:
        raise ConvConfigError(
            "padding {padding!r} is not a padding rule: use one of {rules}, an int, or "
            "(before, after)",
            padding=padding,
            rules=", ".join(PADDING_RULES),
        )
    return mode


def resolve_padding(
    input_size: int,
    kernel_size: int,
    stride: int = 1,
    dilation: int = 1,
    padding: Padding = 0,
) -> tuple[int, int]:
    """Turn any 1-D padding form into explicit ``(before, after)`` zero counts.

    ``padding`` is an int (both sides), a ``(before, after)`` pair, or a mode:
    ``"valid"`` (none), ``"same"`` (TensorFlow/Keras rule, any stride, extra pad at the
    end), ``"full"`` (``k_eff − 1`` each side) or ``"causal"`` (``d·(k − 1)`` on the left).
    """
    input_size = check_int("input_size", input_size, 1)
    stride = check_int("stride", stride, 1)
    k_eff = effective_kernel_size(kernel_size, dilation)
    mode = padding_rule(padding)
    if mode == "valid":
        return (0, 0)
    if mode == "same":
        output_size = -(-input_size // stride)
        total = max((output_size - 1) * stride + k_eff - input_size, 0)
        return (total // 2, total - total // 2)
    if mode in ("full", "causal"):
        return (k_eff - 1, k_eff - 1 if mode == "full" else 0)
    if isinstance(padding, Sequence):
        if len(padding) != 2:
            raise ConvConfigError(
                "padding {padding!r} must be an int or a (before, after) pair of ints",
                padding=padding,
            )
        return (check_int("padding", padding[0], 0), check_int("padding", padding[1], 0))
    amount = check_int("padding", padding, 0)
    return (amount, amount)


def conv_output_size(
    input_size: int,
    kernel_size: int,
    stride: int = 1,
    padding: Padding = 0,
    dilation: int = 1,
    axis_name: str = "",
) -> int:
    """Output length of a convolution: ``⌊(i + p_before + p_after − k_eff)/s⌋ + 1``.

    Raises :class:`ConvConfigError` when the kernel extent does not fit in the padded input.
    """
    before, after = resolve_padding(input_size, kernel_size, stride, dilation, padding)
    k_eff = effective_kernel_size(kernel_size, dilation)
    padded = input_size + before + after
    if k_eff > padded:
        where = Text(" along the {axis} axis", axis=Text(axis_name)) if axis_name else ""
        raise ConvConfigError(
            "kernel extent {k_eff} (k={kernel_size}, d={dilation}) exceeds the padded "
            "input length {padded}{where}: increase padding or input size, or reduce k "
            "or d",
            k_eff=k_eff,
            kernel_size=kernel_size,
            dilation=dilation,
            padded=padded,
            where=where,
        )
    return (padded - k_eff) // stride + 1


def conv_transpose_output_size(
    input_size: int,
    kernel_size: int,
    stride: int = 1,
    padding: int = 0,
    output_padding: int = 0,
    dilation: int = 1,
) -> int:
    """Output length of a transposed convolution (PyTorch semantics).

    ``o = (i − 1)·s − 2p + d·(k − 1) + output_padding + 1``, which is Keras'
    ``(W − 1)·S + F − 2·padding + output_padding`` when d = 1. ``output_padding`` must be
    smaller than ``max(stride, dilation)``; ``padding`` crops the full output on both sides.
    """
    input_size = check_int("input_size", input_size, 1)
    stride = check_int("stride", stride, 1)
    k_eff = effective_kernel_size(kernel_size, dilation)
    padding = transpose_padding_amount(padding)
    output_padding = check_int("output_padding", output_padding, 0)
    limit = max(stride, dilation)
    if output_padding >= limit:
        raise ConvConfigError(
            "output_padding {output_padding} must be smaller than max(stride, dilation) "
            "= {limit}: it only picks one of the {limit} input sizes a strided conv maps "
            "together",
            output_padding=output_padding,
            limit=limit,
        )
    size = (input_size - 1) * stride - 2 * padding + k_eff + output_padding
    if size < 1:
        raise ConvConfigError(
            "padding {padding} crops the whole transposed output (size {size}): reduce "
            "padding below {limit}",
            padding=padding,
            size=size,
            limit=(size + 2 * padding + 1) // 2,
        )
    return size


KERAS_TRANSPOSE_PADDINGS = ("valid", "same")


def keras_refuses_stride_with_dilation(stride: int, dilation: int) -> None:
    """Keras' transposed convs take strides > 1 or dilation_rate > 1, not both."""
    if stride > 1 and dilation > 1:
        raise ConvConfigError(
            "Keras refuses strides={stride} with dilation_rate={dilation}: a transposed "
            "conv there takes strides > 1 or dilation_rate > 1, not both",
            stride=stride,
            dilation=dilation,
        )


def keras_transpose_arguments(
    input_size: int,
    kernel_size: int,
    stride: int,
    padding: str,
    output_padding: int | None,
    dilation: int,
) -> tuple[int, int, int, str, int | None]:
    """A Keras transposed conv's arguments as Keras checks them: ``(input_size, stride,
    kernel extent, padding rule, output_padding)``, or :class:`ConvConfigError` where Keras
    refuses the layer."""
    input_size = check_int("input_size", input_size, 1)
    stride = check_int("stride", stride, 1)
    dilation = check_int("dilation", dilation, 1)
    extent = effective_kernel_size(kernel_size, dilation)
    mode = padding.lower() if isinstance(padding, str) else padding
    if mode not in KERAS_TRANSPOSE_PADDINGS:
        raise ConvConfigError(
            "padding {padding!r} is not a Keras transposed-conv padding: Keras takes "
            "'valid' or 'same', not an integer crop",
            padding=padding,
        )
    keras_refuses_stride_with_dilation(stride, dilation)
    if output_padding is not None:
        output_padding = check_int("output_padding", output_padding, 0)
        if output_padding >= stride:
            raise ConvConfigError(
                "Keras refuses output_padding={output_padding} with strides={stride}: "
                "output_padding must be strictly less than strides",
                output_padding=output_padding,
                stride=stride,
            )
    return input_size, stride, extent, mode, output_padding


def keras_conv_transpose_output_size(
    input_size: int,
    kernel_size: int,
    stride: int = 1,
    padding: str = "valid",
    output_padding: int | None = None,
    dilation: int = 1,
) -> int:
    """Output length of Keras 3's ``Conv1DTranspose``/``Conv2DTranspose`` on one axis.

    Keras pads ``"valid"`` or ``"same"`` (no integer crop) and defaults to
    ``output_padding=None``, which infers the length::

        None, valid:  W·S + max(F − S, 0)        None, same:  W·S
        op,   valid:  (W − 1)·S + F + op          op,   same:  (W − 1)·S + F − 2⌊F/2⌋ + op

    with ``F`` the dilated kernel extent. Raises :class:`ConvConfigError` where Keras refuses
    the layer: ``output_padding ≥ strides``, or strides > 1 together with dilation > 1.
    """
    input_size, stride, extent, mode, output_padding = keras_transpose_arguments(
        input_size, kernel_size, stride, padding, output_padding, dilation
    )
    if output_padding is None:
        if mode == "valid":
            return input_size * stride + max(extent - stride, 0)
        return input_size * stride
    crop = extent // 2 if mode == "same" else 0
    return (input_size - 1) * stride + extent - 2 * crop + output_padding


def transpose_padding_amount(padding: object) -> int:
    """A transposed conv's padding: an int crop (``"valid"`` means 0); other modes refused."""
    mode = padding_rule(padding)
    if mode == "valid":
        return 0
    if mode is not None:
        raise ConvConfigError(
            "padding {padding!r} does not apply to a transposed convolution: PyTorch's "
            "padding here is an int crop p (output (i − 1)·s − 2p + d·(k − 1) + "
            "output_padding + 1); use an int, or 'valid' for 0",
            padding=padding,
        )
    return check_int("padding", padding, 0)


def max_kernel_size(input_size: int, padding: Padding = 0, dilation: int = 1) -> int | None:
    """Largest kernel size whose extent still fits the padded input, or None if unbounded.

    Modes that grow with the kernel (``"same"``, ``"full"``, ``"causal"``) never run out.
    """
    mode = padding_rule(padding)
    if mode in ("same", "full", "causal"):
        return None
    before, after = resolve_padding(input_size, 1, 1, 1, padding)
    dilation = check_int("dilation", dilation, 1)
    return (input_size + before + after - 1) // dilation + 1


def max_dilation(input_size: int, kernel_size: int, padding: Padding = 0) -> int | None:
    """Largest dilation whose kernel extent still fits the padded input, or None if unbounded."""
    kernel_size = check_int("kernel_size", kernel_size, 1)
    mode = padding_rule(padding)
    if kernel_size == 1 or mode in ("same", "full", "causal"):
        return None
    before, after = resolve_padding(input_size, 1, 1, 1, padding)
    return (input_size + before + after - 1) // (kernel_size - 1)


def max_output_padding(stride: int = 1, dilation: int = 1) -> int:
    """Largest allowed ``output_padding`` of a transposed conv: ``max(stride, dilation) − 1``."""
    return max(check_int("stride", stride, 1), check_int("dilation", dilation, 1)) - 1


def input_sizes_for_output(
    output_size: int, kernel_size: int, stride: int = 1, padding: int = 0, dilation: int = 1
) -> range:
    """All input lengths that a conv with explicit symmetric ``padding`` maps to ``output_size``.

    With stride s there are s of them; this is why a transposed conv needs ``output_padding``.
    """
    output_size = check_int("output_size", output_size, 1)
    stride = check_int("stride", stride, 1)
    padding = check_int("padding", padding, 0)
    smallest = (output_size - 1) * stride + effective_kernel_size(kernel_size, dilation)
    smallest -= 2 * padding
    return range(max(smallest, 1), smallest + stride)
