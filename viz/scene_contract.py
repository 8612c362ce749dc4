"""The scene contract (``static/scene_contract.json``), as Python reads and keeps it.

The one file says which scene kinds, fields, cell kinds, marks and legend swatches exist and
how a number is written in a sum; ``viz.scenes`` builds specs by it, ``viz.frames`` and
``viz.picture`` draw by it, and ``static/scene*.js`` loads the same file. :func:`problems`
lists what a spec uses that the contract does not define (the tests call it on every page's
scenes). Per-step index arrays and a panel's cells travel packed (:func:`pack`): little-endian bytes
in base64, deflated when large.
"""

from __future__ import annotations

import base64
import json
import zlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np

CONTRACT_FILE = Path(__file__).resolve().parents[1] / "static" / "scene_contract.json"
CONTRACT: dict = json.loads(CONTRACT_FILE.read_text(encoding="utf-8"))

CELL_KINDS: list[str] = CONTRACT["cellKinds"]
FORMAT: dict = CONTRACT["format"]
MINUS: str = FORMAT["minus"]
TIMES: str = FORMAT["times"]
MAX_TERMS: int = FORMAT["maxTerms"]
MAX_GROUP_TERMS: int = FORMAT["maxGroupTerms"]  # a layer's line per input channel

# packed element types: the contract's names, numpy's little-endian dtypes
_DTYPES = {"u8": "<u1", "u16": "<u2", "i16": "<i2", "i32": "<i4", "f32": "<f4"}
DEFLATE_FROM = 1024  # bytes: smaller arrays travel raw (the browser decodes them at once)


def _encoded(data: bytes) -> dict:
    """Bytes as base64, deflated (zlib) when that is worth the browser's asynchronous
    inflating: from :data:`DEFLATE_FROM` bytes on."""
    zipped = len(data) >= DEFLATE_FROM
    payload = zlib.compress(data, 9) if zipped else data
    return {"zlib": zipped, "data": base64.b64encode(payload).decode("ascii")}


def pack(values: object, kind: str | None = None) -> dict:
    """An integer or float array as ``{packed, shape, zlib, data}``: the smallest fitting
    type (or ``kind``), little-endian, deflated when large, base64. Text lists:
    :func:`pack_texts`."""
    array = np.asarray(values)
    if kind is None:
        if array.dtype.kind == "f":
            kind = "f32"
        else:
            low, high = (int(array.min()), int(array.max())) if array.size else (0, 0)
            kind = next(
                name
                for name, (lo, hi) in {
                    "u8": (0, 255),
                    "u16": (0, 65535),
                    "i16": (-32768, 32767),
                    "i32": (-(2**31), 2**31 - 1),
                }.items()
                if lo <= low and high <= hi
            )
    data = np.ascontiguousarray(array, dtype=_DTYPES[kind]).tobytes()
    return {"packed": kind, "shape": list(array.shape), **_encoded(data)}


def pack_texts(texts: Sequence[str]) -> dict:
    """A list of short texts (no line breaks) packed as one deflated line per text."""
    if any("\n" in text for text in texts):
        raise ValueError("a packed text has no line break")
    data = "\n".join(texts).encode("utf-8")
    return {"packed": "text", "shape": [len(texts)], **_encoded(data)}


def unpack(packed: dict) -> np.ndarray | list[str]:
    """The array (or list of texts) :func:`pack` / :func:`pack_texts` packed."""
    data = base64.b64decode(packed["data"])
    data = zlib.decompress(data) if packed["zlib"] else data
    if packed["packed"] == "text":
        return data.decode("utf-8").split("\n") if packed["shape"][0] else []
    array = np.frombuffer(data, dtype=_DTYPES[packed["packed"]])
    return array.reshape(packed["shape"])


def _is_packed(value: object) -> bool:
    return isinstance(value, dict) and "packed" in value


def _panel(panel: dict) -> dict:
    """A panel's packed cells as plain lists: texts, values (None for a blank), kinds."""
    out = dict(panel)
    for key, value in panel.items():
        if _is_packed(value):
            array = unpack(value)
            if isinstance(array, np.ndarray):
                array = [None if v != v else v for v in array.tolist()]
            out[key] = array
    return out


def unpacked(scene: dict) -> dict:
    """``scene`` with every packed field unpacked: a step's marks as numpy arrays, texts as
    lists, and each panel's cells as plain lists."""
    out = {key: unpack(value) if _is_packed(value) else value for key, value in scene.items()}
    out["panels"] = [_panel(panel) for panel in scene.get("panels", [])]
    return out


# ---------------------------------------------------------------- how numbers are written


def shown(text: str) -> str:
    """A number's text with a real minus sign."""
    return MINUS + text[1:] if text.startswith("-") else text


def factor(text: str) -> str:
    """A number as a factor of a product: negatives in parentheses."""
    return f"({shown(text)})" if text.startswith("-") else text


def elide(count: int, limit: int = MAX_TERMS) -> list[int | None]:
    """Which of ``count`` terms a sum writes out: all, or the first ``limit − 2``, ``None``
    (the words for how many there are) and the last."""
    if count <= limit:
        return list(range(count))
    return [*range(limit - 2), None, count - 1]


# ---------------------------------------------------------------- checking a spec


def problems(scene: dict) -> list[str]:
    """What ``scene`` uses that the contract does not define (empty: it keeps to it)."""
    found: list[str] = []
    kind = scene.get("kind")
    if kind not in CONTRACT["kinds"]:
        return [f"kind {kind!r} is not in the contract"]
    allowed = {"kind", *CONTRACT["scene"], *CONTRACT["kinds"][kind]["fields"]}
    found += [f"{kind} field {key!r}" for key in scene if key not in allowed]
    missing = set(CONTRACT["kinds"][kind]["fields"]) - set(scene)
    found += [f"{kind} misses {key!r}" for key in sorted(missing)]
    swatches = CONTRACT["swatches"]
    for entry in scene.get("legend", []):
        swatch = entry["swatch"]
        scale = swatch.startswith("scale:") and swatch[6:] in CONTRACT["fills"]
        if swatch not in swatches and not scale:
            found.append(f"swatch {swatch!r}")
    for index, panel in enumerate(unpacked(scene)["panels"]):
        found += [f"panel {index} field {key!r}" for key in panel if key not in CONTRACT["panel"]]
        if panel.get("fill") not in CONTRACT["fills"]:
            found.append(f"panel {index} fill {panel.get('fill')!r}")
        kinds = panel.get("kinds") or []
        if any(not 0 <= k < len(CELL_KINDS) for k in kinds):
            found.append(f"panel {index} has a cell kind outside cellKinds")
    return found
