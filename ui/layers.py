"""Layer stacks as text (for the URL) and as table rows (for the editor), with presets.

A stack is written ``conv:3:1:1:1;pool:2:2:1:0`` — kind, kernel size, stride, dilation and
padding per layer; padding is an int, ``same``, ``valid``, ``causal`` or ``left,right``.
Parsing never raises: bad rows are skipped and reported as sentences.
"""

from __future__ import annotations

from dataclasses import dataclass

import conv_engine as ce

MAX_LAYERS = 40
KINDS = ("conv", "pool")

PRESETS: dict[str, str] = {
    "plain 3×3 × 3": "conv:3:1:1:1;conv:3:1:1:1;conv:3:1:1:1",
    "dilated 1, 2, 4": "conv:3:1:1:same;conv:3:1:2:same;conv:3:1:4:same",
    "dilated 1, 2, 4, 8": "conv:3:1:1:same;conv:3:1:2:same;conv:3:1:4:same;conv:3:1:8:same",
    "WaveNet block (k = 2, d = 1…512)": ";".join(f"conv:2:1:{2**i}:causal" for i in range(10)),
    "VGG-like": "conv:3:1:1:1;conv:3:1:1:1;pool:2:2:1:0;conv:3:1:1:1;conv:3:1:1:1;"
    "pool:2:2:1:0;conv:3:1:1:1;conv:3:1:1:1;conv:3:1:1:1;pool:2:2:1:0",
    "AlexNet-like": "conv:11:4:1:2;pool:3:2:1:0;conv:5:1:1:2;pool:3:2:1:0;conv:3:1:1:1;"
    "conv:3:1:1:1;conv:3:1:1:1;pool:3:2:1:0",
}

SCHEDULES: dict[str, tuple[int, ...]] = {
    "1, 1, 1": (1, 1, 1),
    "1, 2, 4": (1, 2, 4),
    "1, 2, 4, 8": (1, 2, 4, 8),
    "2, 2, 2": (2, 2, 2),
    "2, 4, 8": (2, 4, 8),
    "1, 2, 5": (1, 2, 5),
    "1, 2, 9": (1, 2, 9),
}


@dataclass(frozen=True)
class LayerRow:
    """One row of the stack editor, as text-friendly values."""

    kind: str
    kernel_size: int
    stride: int
    dilation: int
    padding: str


def parse_padding(text: str) -> int | str | tuple[int, int]:
    """``"1"`` → 1, ``"same"`` → ``"same"``, ``"1,0"`` → (1, 0); raises ValueError."""
    text = str(text).strip().lower()
    if text in ce.PADDING_MODES:
        return text
    if "," in text:
        left, right = (int(part) for part in text.split(",", 1))
        if left < 0 or right < 0:
            raise ValueError(text)
        return (left, right)
    value = int(float(text))
    if value < 0 or value != float(text):
        raise ValueError(text)
    return value


def rows_to_layers(rows: list[dict]) -> tuple[tuple[ce.Layer, ...], list[str]]:
    """Validate editor rows; return the layers that are valid and a sentence per bad row."""
    layers, problems = [], []
    for number, row in enumerate(rows[:MAX_LAYERS], start=1):
        try:
            kind = str(row.get("kind") or "conv").strip().lower()
            if kind not in KINDS:
                raise ValueError(f"kind must be conv or pool, not {kind!r}")
            layer = ce.Layer(
                kernel_size=_whole(row.get("kernel")),
                stride=_whole(row.get("stride")),
                dilation=_whole(row.get("dilation")),
                padding=parse_padding(row.get("padding", 0)),
                kind=kind,
            )
        except (ValueError, TypeError, ce.ConvConfigError) as error:
            problems.append(f"row {number} was skipped: {error}")
            continue
        if layer.kernel_extent > 4096 or layer.stride > 64:
            problems.append(f"row {number} was skipped: kernel extent or stride too large")
            continue
        layers.append(layer)
    if len(rows) > MAX_LAYERS:
        problems.append(f"only the first {MAX_LAYERS} layers are used")
    return tuple(layers), problems


def _whole(value: object) -> int:
    if value is None or value != value:  # None or NaN (an empty cell)
        raise ValueError("a number is missing")
    number = float(value)
    if not number.is_integer() or not 1 <= number <= 10_000:
        raise ValueError(f"{value!r} is not a whole number from 1 to 10000")
    return int(number)


def encode(layers: tuple[ce.Layer, ...]) -> str:
    def padding(value) -> str:
        return f"{value[0]},{value[1]}" if isinstance(value, tuple) else str(value)

    return ";".join(
        f"{layer.kind}:{layer.kernel_size}:{layer.stride}:{layer.dilation}:{padding(layer.padding)}"
        for layer in layers
    )


def decode(text: str) -> list[dict]:
    """Editor rows from the URL form; raises ValueError on a malformed string."""
    rows = []
    for part in text.split(";"):
        fields = part.split(":")
        if len(fields) != 5:
            raise ValueError(part)
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
    """Accept a URL stack only if it decodes and every row is valid."""
    layers, problems = rows_to_layers(decode(text))
    if problems or not layers:
        raise ValueError(text)
