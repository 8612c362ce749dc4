"""The one error type of the engine, and the small checks that raise it.

Every impossible configuration is refused *before* any work with a
:class:`ConvConfigError` whose message names the parameter, its value and the
rule, so that the app can show the sentence as it is and a student can act on it.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence

import numpy as np


class ConvConfigError(ValueError):
    """An impossible convolution configuration, explained in one sentence.

    Raised as ``ConvConfigError("stride must be at least {minimum}, got {value}",
    minimum=1, value=0)``: the message is the sentence with its values filled in, and
    ``template`` and ``values`` let an interface say the same sentence in another language.
    """

    def __init__(self, template: str, /, **values: object) -> None:
        self.template = template
        self.values = values
        super().__init__(template.format(**values) if values else template)


def check_int(
    name: str, value: object, minimum: int | None = None, maximum: int | None = None
) -> int:
    """Return ``value`` as a Python int, or raise if it is not a whole number within
    ``minimum`` … ``maximum`` (either may be None: no bound on that side)."""
    if (
        type(value) is int
        and (minimum is None or value >= minimum)
        and (maximum is None or value <= maximum)
    ):
        return value  # the common case, kept cheap: geometry checks run on every call
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        if isinstance(value, numbers.Real) and float(value).is_integer():
            value = int(value)
        else:
            raise ConvConfigError(
                "{name} must be a whole number, got {value!r}", name=name, value=value
            )
    value = int(value)
    if minimum is not None and value < minimum:
        raise ConvConfigError(
            "{name} must be at least {minimum}, got {value}",
            name=name,
            minimum=minimum,
            value=value,
        )
    if maximum is not None and value > maximum:
        raise ConvConfigError(
            "{name} must be at most {maximum}, got {value}",
            name=name,
            maximum=maximum,
            value=value,
        )
    return value


def per_axis(name: str, value: object, ndim: int, minimum: int | None = None) -> tuple[int, ...]:
    """Expand an int or a sequence of ``ndim`` ints (e.g. a stride) to one int per spatial axis."""
    if isinstance(value, Sequence) and not isinstance(value, str):
        if len(value) != ndim:
            raise ConvConfigError(
                "{name} must be one int or {ndim} ints (one per spatial axis), got {value!r}",
                name=name,
                ndim=ndim,
                value=value,
            )
        return tuple(check_int(name, v, minimum) for v in value)
    return (check_int(name, value, minimum),) * ndim


def as_real_array(name: str, value: object) -> np.ndarray:
    """Convert to a floating NumPy array (float64 unless already floating) with finite values."""
    try:
        array = np.asarray(value)
    except (TypeError, ValueError) as exc:
        raise ConvConfigError(
            "{name} must be an array of numbers: {exc}", name=name, exc=exc
        ) from None
    kind = array.dtype.kind
    if kind in "biu":
        array = array.astype(np.float64)
    elif kind != "f":
        raise ConvConfigError(
            "{name} must hold real numbers, got dtype {dtype}", name=name, dtype=array.dtype
        )
    if not np.isfinite(array).all():
        raise ConvConfigError("{name} must hold finite numbers (no NaN or infinity)", name=name)
    return array
