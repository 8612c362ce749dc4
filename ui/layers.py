"""Layer stacks as text (for the URL) and as table rows (for the editor), with presets.

A stack is written ``conv:3:1:1:1;pool:2:2:1:0`` — kind, kernel size, stride, dilation and
padding per layer; padding is an int, ``same``, ``valid``, ``causal`` or ``left,right``.
Parsing never raises: bad rows are skipped and reported as sentences.
"""

from __future__ import annotations

from dataclasses import dataclass

import conv_engine as ce
from i18n import N_, say, t

MAX_LAYERS = 40
KINDS = ("conv", "pool")

PRESETS: dict[str, str] = {
    N_("plain 3×3 × 3"): "conv:3:1:1:1;conv:3:1:1:1;conv:3:1:1:1",
    N_("dilated 1, 2, 4"): "conv:3:1:1:same;conv:3:1:2:same;conv:3:1:4:same",
    N_("dilated 1, 2, 4, 8"): "conv:3:1:1:same;conv:3:1:2:same;conv:3:1:4:same;conv:3:1:8:same",
    N_("WaveNet block (k = 2, d = 1…512)"): ";".join(f"conv:2:1:{2**i}:causal" for i in range(10)),
    N_("VGG-like"): "conv:3:1:1:1;conv:3:1:1:1;pool:2:2:1:0;conv:3:1:1:1;conv:3:1:1:1;"
    "pool:2:2:1:0;conv:3:1:1:1;conv:3:1:1:1;conv:3:1:1:1;pool:2:2:1:0",
    N_("AlexNet-like"): "conv:11:4:1:2;pool:3:2:1:0;conv:5:1:1:2;pool:3:2:1:0;conv:3:1:1:1;"
    "conv:3:1:1:1;conv:3:1:1:1;pool:3:2:1:0",
}


@dataclass(frozen=True)
class LayerRow:
    """One row of the stack editor, as text-friendly values."""

    kind: str
    kernel_size: int
    stride: int
    dilation: int
    padding: str


PADDING_FORMS = N_("a whole number ≥ 0, same, valid, causal or left,right (e.g. 2,0)")


def parse_padding(text: object) -> int | str | tuple[int, int]:
    """``"1"`` → 1, ``"same"`` → ``"same"``, ``"1,0"`` → (1, 0).

    Raises ValueError with a sentence that names the field and what it accepts.
    """
    word = str(text).strip().lower()
    if word in ce.PADDING_RULES:
        return word
    parts = [part.strip() for part in word.split(",")] if "," in word else [word]
    if len(parts) in (1, 2) and all(part.isdigit() for part in parts):
        numbers = tuple(int(part) for part in parts)
        return numbers if len(numbers) == 2 else numbers[0]
    if len(parts) == 1 and word.replace(".", "", 1).isdigit() and float(word).is_integer():
        return int(float(word))  # "1.0" from a number cell
    raise ValueError(
        t("padding {text} is not {forms}", text=repr(str(text)[:20]), forms=t(PADDING_FORMS))
    )


def rows_to_layers(rows: list[dict]) -> tuple[tuple[ce.Layer, ...], list[str]]:
    """Validate editor rows; return the layers that are valid and a sentence per bad row."""
    layers, problems = [], []
    for number, row in enumerate(rows[:MAX_LAYERS], start=1):
        try:
            kind = str(row.get("kind") or "conv").strip().lower()
            if kind not in KINDS:
                raise ValueError(t("kind must be conv or pool, not {kind}", kind=repr(kind)))
            layer = ce.Layer(
                kernel_size=_whole(row.get("kernel"), "k"),
                stride=_whole(row.get("stride"), "s"),
                dilation=_whole(row.get("dilation"), "d"),
                padding=parse_padding(row.get("padding", 0)),
                kind=kind,
            )
        except (ValueError, TypeError, ce.ConvConfigError) as error:
            problems.append(t("row {number} was skipped: {error}", number=number, error=say(error)))
            continue
        if layer.kernel_extent > 4096 or layer.stride > 64:
            problems.append(
                t("row {number} was skipped: kernel extent or stride too large", number=number)
            )
            continue
        layers.append(layer)
    if len(rows) > MAX_LAYERS:
        problems.append(t("only the first {count} layers are used", count=MAX_LAYERS))
    return tuple(layers), problems


def _whole(value: object, field: str) -> int:
    """A table cell as a whole number 1 … 10000, or a sentence naming the column."""
    if value is None or value != value:  # None or NaN (an empty cell)
        raise ValueError(t("{field} is empty: type a whole number from 1 to 10000", field=field))
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = float("nan")
    if not number.is_integer() or not 1 <= number <= 10_000:
        shown = str(value)[:20]
        raise ValueError(
            t(
                "{field} = {shown} is not a whole number from 1 to 10000",
                field=field,
                shown=repr(shown),
            )
        )
    return int(number)


def encode(layers: tuple[ce.Layer, ...]) -> str:
    def padding(value) -> str:
        return f"{value[0]},{value[1]}" if isinstance(value, tuple) else str(value)

    return ";".join(
        f"{layer.kind}:{layer.kernel_size}:{layer.stride}:{layer.dilation}:{padding(layer.padding)}"
        for layer in layers
    )


def decode(text: str) -> list[dict]:
    """Editor rows from the URL form; raises ValueError (a sentence) on a malformed string."""
    rows = []
    for part in text.split(";"):
        fields = part.split(":")
        if len(fields) != 5 or not all(field.strip().isdigit() for field in fields[1:4]):
            raise ValueError(
                t(
                    "{part} is not kind:k:s:d:padding (e.g. conv:3:1:1:same)",
                    part=repr(part[:30]),
                )
            )
        kind, kernel, stride, dilation, padding = fields
        rows.append(
            {
                "kind": kind,
                "kernel": int(kernel),
                "stride": int(stride),
                "dilation": int(dilation),
                "padding": padding,
            }
        )
    return rows


def check_encoded(text: str) -> None:
    """Accept a URL stack only if it decodes and every row is valid (else a ValueError)."""
    layers, problems = rows_to_layers(decode(text))
    if problems or not layers:
        raise ValueError(problems[0] if problems else t("the stack has no layer"))
