"""A model pasted as text, read as the layers along its main path on one spatial axis.

Two forms are read: what PyTorch prints for a model (``print(model)``: ``Conv2d(3, 64,
kernel_size=(7, 7), stride=(2, 2), padding=(3, 3), bias=False)``, pooling layers, nested
``Sequential``\\s and named blocks) and a Keras model's JSON (``model.to_json()``). Each layer
becomes a :class:`ModelLayer` in the order printed:

- a convolution or pooling layer: its geometry on one spatial axis (height, or width) as a
  :class:`~conv_engine.receptive.Layer`; a transposed convolution as a
  :class:`TransposedLayer`; a ``ZeroPadding`` layer as a 1-tap conv that only pads;
- a layer that keeps the geometry (BatchNorm, ReLU, Dropout, …): passes through;
- a layer inside a residual block's side path (``downsample``, ``shortcut``, a Keras
  branch that an ``Add`` merges): named as a branch, not stacked — the main path, the
  longer one, decides the receptive field;
- the first layer that leaves the spatial axes (``Flatten``, ``Linear``, ``Dense``, global
  or adaptive pooling) ends the stack;
- anything else is named in a sentence with its line (never a traceback).

Pure text handling: nothing is imported or executed, sizes are bounded.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace

from .errors import ConvConfigError
from .receptive import Layer
from .text import N_, Text, counted

MAX_TEXT = 200_000  # characters of a paste read at most (a ResNet-152 prints ~30 000)
MAX_MODEL_LAYERS = 400  # layers on the main path (ResNet-152's has 155 convs and pools)
# the largest value each argument may have (PyTorch's names and Keras')
LIMITS = {
    "kernel_size": 4096,
    "pool_size": 4096,
    "stride": 64,
    "strides": 64,
    "dilation": 1024,
    "dilation_rate": 1024,
    "padding": 4096,
    "output_padding": 64,
}

# layers that keep every spatial size and position: they pass the receptive field through
PASS_THROUGH = re.compile(
    r"^(BatchNorm\w*|LayerNorm\w*|GroupNorm|InstanceNorm\w*|LocalResponseNorm|"
    r"BatchNormalization|LayerNormalization|GroupNormalization|UnitNormalization|"
    r"Re[Ll][Uu]6?|LeakyReLU|PReLU|ELU|SELU|CELU|GELU|SiLU|Mish|Sigmoid|Tanh|Softplus|"
    r"Hardswish|Hardsigmoid|Hardtanh|LogSigmoid|Softsign|Tanhshrink|Threshold|"
    r"Dropout\w*|AlphaDropout|SpatialDropout\w*|GaussianNoise|GaussianDropout|"
    r"Identity|Activation|InputLayer|Rescaling|Normalization|ChannelShuffle|"
    r"SqueezeExcitation|Softmax\w*|LogSoftmax)$"
)
# layers that leave the spatial axes: the receptive-field stack ends before them
ENDS = re.compile(
    r"^(Flatten|Linear|Dense|LazyLinear|Bilinear|AdaptiveAvgPool\w*|AdaptiveMaxPool\w*|"
    r"Global\w*Pooling\w*|Reshape|Permute)$"
)
# Keras layers that are no layer of the path: its input, and the merges of its branches
MERGES = ("InputLayer", "Add", "Concatenate", "Multiply", "Average", "Maximum", "Subtract")
# a child of an Inception-style block: one of its parallel branches (branch5x5_2 → branch5x5)
PARALLEL = re.compile(r"^(branch.*?)(?:_\d+)?$")
# a block's child on a side path (a residual shortcut), not on the main path
SIDE_PATH = re.compile(r"(downsample|shortcut|skip|residual|proj(ection)?_?shortcut)", re.I)


@dataclass(frozen=True)
class TransposedLayer:
    """A transposed convolution's geometry on one axis (PyTorch's arguments)."""

    kernel_size: int
    stride: int = 1
    padding: int = 0
    output_padding: int = 0
    dilation: int = 1

    @property
    def kernel_extent(self) -> int:
        return self.dilation * (self.kernel_size - 1) + 1


@dataclass(frozen=True)
class ModelLayer:
    """One printed layer: its name (its path in the model), type and line, and what it does
    to the geometry: ``layer`` (a conv or pooling layer), ``transposed``, or neither (it
    passes through). ``branch`` names the side path it sits on (then it is not stacked)."""

    name: str
    type: str
    line: int
    layer: Layer | None = None
    transposed: TransposedLayer | None = None
    branch: str | None = None
    ceil_mode: bool = False  # a pool whose output size rounds up (PyTorch's ceil_mode=True)

    @property
    def geometric(self) -> bool:
        return self.layer is not None or self.transposed is not None


@dataclass(frozen=True)
class ParsedModel:
    """A pasted model: its main path in order (``layers``, pass-through ones included), the
    layers on side paths, sentences for what could not be read and for where the stack
    ends (``end``), and the form it came in (``"pytorch"`` or ``"keras"``)."""

    form: str
    layers: tuple[ModelLayer, ...]
    side: tuple[ModelLayer, ...] = ()
    problems: tuple[Text, ...] = ()
    end: Text | None = None
    notes: tuple[Text, ...] = field(default_factory=tuple)

    @property
    def stack(self) -> tuple[ModelLayer, ...]:
        """The main path's layers that change the geometry (what the lab stacks)."""
        return tuple(layer for layer in self.layers if layer.geometric)


def parse_model(text: str, axis: int = 0) -> ParsedModel:
    """Read a pasted model (PyTorch's printed text or Keras JSON) along spatial axis
    ``axis`` (0: the first, height; 1: the second, width; a 1-D layer has only its one); a
    ConvConfigError with a sentence when nothing in it is a model."""
    if axis not in (0, 1):
        raise ConvConfigError("axis={axis} must be 0 (height) or 1 (width)", axis=axis)
    if not isinstance(text, str) or not text.strip():
        raise ConvConfigError("the paste is empty: paste what print(model) shows, or its JSON")
    if len(text) > MAX_TEXT:
        raise ConvConfigError(
            "the paste has {count:,} characters, more than {most:,}: paste the model's "
            "convolutional part",
            count=len(text),
            most=MAX_TEXT,
        )
    if "\x00" in text:
        raise ConvConfigError("the paste is not text: paste what print(model) shows")
    stripped = text.strip()
    model = _keras(stripped, axis) if stripped.startswith("{") else _pytorch(text, axis)
    if not model.stack:
        if model.problems:
            raise ConvConfigError(
                "no convolution or pooling layer was found in the paste ({first})",
                first=model.problems[0],
            )
        raise ConvConfigError("no convolution or pooling layer was found in the paste")
    if len(model.stack) > MAX_MODEL_LAYERS:
        raise ConvConfigError(
            "the model has {count:,} layers on its main path, more than {most}: paste a part of it",
            count=len(model.stack),
            most=MAX_MODEL_LAYERS,
        )
    return model


# ----------------------------------------------------------------------------- numbers


def _on_axis(value: object, name: str, type_: str, line: int, low: int = 0, axis: int = 0) -> int:
    """A PyTorch/Keras argument (``3``, ``(3, 3)``, ``[3, 3]``) on spatial axis ``axis`` (a
    layer with fewer axes: its last), checked."""
    if isinstance(value, (list, tuple)):
        if not value:
            raise _unreadable(line, type_, Text("{name} is empty", name=name))
        value = value[min(axis, len(value) - 1)]
    if isinstance(value, bool) or not isinstance(value, int):
        raise _unreadable(
            line,
            type_,
            Text("{name}={value} is not a whole number", name=name, value=repr(value)[:20]),
        )
    most = LIMITS[name]
    if not low <= value <= most:
        raise _unreadable(
            line,
            type_,
            Text(
                "{name}={value} is outside {low}…{most}", name=name, value=value, low=low, most=most
            ),
        )
    return value


class _Unreadable(Exception):
    def __init__(self, text: Text) -> None:
        super().__init__(str(text))
        self.text = text


def _unreadable(line: int, type_: str, why: Text | ConvConfigError) -> _Unreadable:
    return _Unreadable(
        Text("line {line}: {type} was not read: {why}", line=line, type=type_, why=why)
    )


# where a sentence names a place in a paste: a printed line, or a Keras JSON layer's index
ENDS_BEFORE = {
    "line": N_("line {line}: {name} ({type}) leaves the spatial axes: the stack ends before it"),
    "layer": N_("layer {line}: {name} ({type}) leaves the spatial axes: the stack ends before it"),
}


@dataclass
class _Reading:
    """What both readers collect, layer by layer: the main path, the side paths, the
    sentences, and where the spatial part ends (``place``: how a sentence names a place)."""

    place: str
    layers: list[ModelLayer] = field(default_factory=list)
    side: list[ModelLayer] = field(default_factory=list)
    problems: list[Text] = field(default_factory=list)
    end: Text | None = None

    def take(self, number: int, name: str, type_: str, branch: str | None, read) -> None:
        """Read one layer (``read()`` gives its kind and geometry) into its place; past the
        spatial part's end only side paths are still read."""
        if self.end is not None and branch is None:
            return
        try:
            kind, geometry = read()
        except _Unreadable as error:
            self.problems.append(error.text)
            return
        if kind == "end":
            if branch is None:
                template = ENDS_BEFORE[self.place]
                self.end = Text(template, line=number, name=name, type=type_)
            return
        entry = ModelLayer(
            name,
            type_,
            number,
            geometry if kind in ("layer", "ceil") else None,
            geometry if kind == "transposed" else None,
            branch,
            kind == "ceil",
        )
        (self.side if branch is not None else self.layers).append(entry)


# ----------------------------------------------------------------------------- PyTorch

_LEAF = re.compile(r"^\s*\((?P<name>[^()]+)\):\s*(?P<type>[A-Za-z_][\w.]*)\((?P<args>.*)\)\s*$")
_OPEN = re.compile(r"^\s*(\((?P<name>[^()]+)\):\s*)?(?P<type>[A-Za-z_][\w.]*)\(\s*$")
_CLOSE = re.compile(r"^\s*\)\s*$")
_ROOT_LEAF = re.compile(r"^\s*(?P<type>[A-Za-z_][\w.]*)\((?P<args>.*)\)\s*$")
_ARGUMENT = re.compile(r"(\w+)=(\([^)]*\)|\[[^\]]*\]|'[^']*'|\"[^\"]*\"|[^,]+)")


def _arguments(text: str) -> dict[str, object]:
    """``kernel_size=(7, 7), stride=(2, 2), padding=same`` as Python values."""
    values: dict[str, object] = {}
    leading = re.match(r"\s*\(([^)]*)\)", text)  # ZeroPad2d((1, 1, 2, 0)): positional
    if leading:
        parts = [p.strip() for p in leading.group(1).split(",") if p.strip()]
        if all(re.fullmatch(r"-?\d+", p) for p in parts):
            values["padding"] = tuple(int(p) for p in parts)
    for name, raw in _ARGUMENT.findall(text):
        raw = raw.strip()
        if raw.startswith(("(", "[")):
            parts = [p.strip() for p in raw[1:-1].split(",") if p.strip()]
            values[name] = tuple(int(p) if re.fullmatch(r"-?\d+", p) else p for p in parts)
        elif re.fullmatch(r"-?\d+", raw):
            values[name] = int(raw)
        else:
            values[name] = raw.strip("'\"")
    return values


def _torch_layer(type_: str, args: dict[str, object], line: int, axis: int) -> tuple[str, object]:
    """("layer" | "ceil" | "transposed" | "pass" | "end", geometry) of one printed PyTorch
    layer ("ceil": a pool with ceil_mode=True)."""
    base = type_.rsplit(".", 1)[-1]
    if PASS_THROUGH.match(base):
        return "pass", None
    if ENDS.match(base):
        return "end", None
    padder = re.fullmatch(r"(Zero|Constant|Reflection|Replication|Circular)Pad([123])d", base)
    if padder:  # (left, right[, top, bottom…]): the pairs list the last axis first
        amounts = args.get("padding")
        dims = int(padder.group(2))
        if isinstance(amounts, int):
            amounts = (amounts,) * (2 * dims)
        if not isinstance(amounts, tuple) or len(amounts) != 2 * dims:
            raise _unreadable(
                line, base, Text("its padding is not {count} numbers", count=2 * dims)
            )
        pair = 2 * (dims - 1 - min(axis, dims - 1))  # where this axis's pair starts
        before = _on_axis(amounts[pair], "padding", base, line)
        after = _on_axis(amounts[pair + 1], "padding", base, line)
        return "layer", Layer(1, 1, 1, (before, after), "conv")
    conv = re.fullmatch(r"(Lazy)?Conv([123])d", base)
    transposed = re.fullmatch(r"(Lazy)?ConvTranspose([123])d", base)
    pool = re.fullmatch(r"(Max|Avg|LP)Pool([123])d", base)
    if not (conv or transposed or pool):
        raise _unreadable(line, base, Text("it is not a layer the lab knows"))
    kernel = _on_axis(args.get("kernel_size"), "kernel_size", base, line, 1, axis=axis)
    if pool:
        stride = args.get("stride")
        stride = (
            kernel
            if stride in (None, "None")
            else _on_axis(stride, "stride", base, line, 1, axis=axis)
        )
    else:
        stride = _on_axis(args.get("stride", 1), "stride", base, line, 1, axis=axis)
    dilation = _on_axis(args.get("dilation", 1), "dilation", base, line, 1, axis=axis)
    padding = args.get("padding", 0)
    if transposed:
        output_padding = _on_axis(
            args.get("output_padding", 0), "output_padding", base, line, axis=axis
        )
        pad = _on_axis(padding, "padding", base, line, axis=axis)
        return "transposed", TransposedLayer(kernel, stride, pad, output_padding, dilation)
    if padding in ("same", "valid"):
        pad: object = padding
    else:
        pad = _on_axis(padding, "padding", base, line, axis=axis)
    layer = Layer(kernel, stride, dilation, pad, "pool" if pool else "conv")
    if pool and args.get("ceil_mode") == "True":
        return "ceil", layer  # its output size rounds up (PyTorch's rule, model_fields)
    return "layer", layer


def _pytorch(text: str, axis: int) -> ParsedModel:
    """What ``print(model)`` shows: one layer per line, containers opening ``Name(`` and
    closing ``)``; a layer's path is its containers' names and its own."""
    path: list[tuple[str, bool]] = []  # open containers: (name, on a side path)
    reading = _Reading("line")
    problems = reading.problems
    notes: list[Text] = []
    for number, raw in enumerate(text.splitlines()[:20_000], start=1):
        line = raw.rstrip()
        if not line.strip():
            continue
        if _CLOSE.match(line):
            if path:
                path.pop()
            continue
        leaf = _LEAF.match(line)
        if leaf is None and not path and not _OPEN.match(line):
            leaf = _ROOT_LEAF.match(line)  # a lone layer: Conv2d(3, 8, kernel_size=(3, 3))
        opened = None if leaf else _OPEN.match(line)
        if opened:
            name = opened.group("name") or ""
            branch = bool(path and path[-1][1]) or bool(name and SIDE_PATH.search(name))
            path.append((name.strip(), branch))
            continue
        if leaf is None:
            problems.append(
                Text(
                    "line {line} is not a layer as PyTorch prints one: {text}",
                    line=number,
                    text=line.strip()[:60],
                )
            )
            continue
        name = (leaf.groupdict().get("name") or leaf.group("type")).strip()
        full = ".".join([*(p for p, _ in path if p), name])
        on_side = any(b for _, b in path) or bool(SIDE_PATH.search(name))
        type_, args = leaf.group("type"), _arguments(leaf.group("args"))
        reading.take(
            number,
            full,
            type_.rsplit(".", 1)[-1],
            _block(full) if on_side else None,
            lambda type_=type_, args=args, number=number: _torch_layer(type_, args, number, axis),
        )
    notes += _parallel_branches(reading)
    side = [layer for layer in reading.side if not layer.branch.endswith(")")]
    for block in dict.fromkeys(layer.branch for layer in side):
        count = sum(1 for layer in side if layer.branch == block and layer.geometric)
        notes.append(
            counted(
                "{block}: a residual block; its shortcut ({count} layer that changes the "
                "geometry) runs beside the main path and is added to it, so the main path, "
                "the longer one, sets the receptive field",
                "{block}: a residual block; its shortcut ({count} layers that change "
                "the geometry) runs beside the main path and is added to it, so the main "
                "path, the longer one, sets the receptive field",
                count,
                block=block,
            )
        )
    return ParsedModel(
        "pytorch",
        tuple(reading.layers),
        tuple(reading.side),
        tuple(problems),
        reading.end,
        tuple(notes),
    )


def _reach(layers: list[ModelLayer]) -> int:
    """How far a chain of layers reaches in its input: its receptive field's span."""
    span, jump = 1, 1
    for layer in layers:
        if layer.layer is not None:
            span += (layer.layer.kernel_extent - 1) * jump
            jump *= layer.layer.stride
    return span


def _parallel_branches(reading: _Reading) -> list[Text]:
    """Inception-style blocks (children ``branch1x1``, ``branch5x5_1``, ``branch5x5_2``,
    …, concatenated): the branch reaching furthest stays on the main path, the others
    become side paths named ``block (branch…)``; a sentence per block says so."""
    groups: dict[str, dict[str, list[ModelLayer]]] = {}
    for layer in reading.layers:
        parts = layer.name.split(".")
        for index, part in enumerate(parts):
            match = PARALLEL.match(part)
            if match:
                block = ".".join(parts[:index]) or "(model)"
                groups.setdefault(block, {}).setdefault(match.group(1), []).append(layer)
                break
    notes: list[Text] = []
    for block, branches in groups.items():
        if len(branches) < 2:
            continue
        main = max(branches, key=lambda name: _reach(branches[name]))
        moved = {id(layer) for name, chain in branches.items() if name != main for layer in chain}
        for name, chain in branches.items():
            if name != main:
                reading.side.extend(replace(layer, branch=f"{block} ({name})") for layer in chain)
        reading.layers[:] = [layer for layer in reading.layers if id(layer) not in moved]
        notes.append(
            Text(
                "{block}: {count} parallel branches ({names}) are joined; the lab follows "
                "{main}, the one that reaches furthest, and lists the others beside it",
                block=block,
                count=len(branches),
                names=", ".join(branches),
                main=main,
            )
        )
    return notes


def _block(name: str) -> str:
    """The block a side-path layer belongs to: its path up to the side path's name."""
    parts = name.split(".")
    for index, part in enumerate(parts):
        if SIDE_PATH.search(part):
            return ".".join(parts[:index]) or part
    return ".".join(parts[:-1]) or name


# ----------------------------------------------------------------------------- Keras


def _keras_layer(class_name: str, config: dict, line: int, axis: int) -> tuple[str, object]:
    if PASS_THROUGH.match(class_name):
        return "pass", None
    if ENDS.match(class_name):
        return "end", None
    conv = re.fullmatch(r"(Conv|Convolution)([123])D", class_name)
    transposed = re.fullmatch(r"Conv([123])DTranspose", class_name)
    pool = re.fullmatch(r"(Max|Average)Pooling([123])D", class_name)
    zero = re.fullmatch(r"ZeroPadding([123])D", class_name)
    if zero:
        padding = config.get("padding", 1)
        if isinstance(padding, int):
            before = after = padding
        else:
            first = padding[min(axis, len(padding) - 1)]  # ((top, bottom), (left, right))
            before, after = (first, first) if isinstance(first, int) else tuple(first)
        before = _on_axis(before, "padding", class_name, line)
        after = _on_axis(after, "padding", class_name, line)
        return "layer", Layer(1, 1, 1, (before, after), "conv")
    if not (conv or transposed or pool):
        raise _unreadable(line, class_name, Text("it is not a layer the lab knows"))
    key = "pool_size" if pool else "kernel_size"
    kernel = _on_axis(config.get(key), key, class_name, line, 1, axis=axis)
    strides = config.get("strides")
    stride = (
        kernel
        if pool and strides is None
        else _on_axis(strides or 1, "strides", class_name, line, 1, axis=axis)
    )
    dilation = _on_axis(
        config.get("dilation_rate", 1), "dilation_rate", class_name, line, 1, axis=axis
    )
    padding = str(config.get("padding", "valid")).lower()
    if padding not in ("valid", "same", "causal"):
        raise _unreadable(
            line,
            class_name,
            Text("padding='{padding}' is not valid, same or causal", padding=padding),
        )
    if transposed:
        output_padding = config.get("output_padding")
        if output_padding is not None:
            output_padding = _on_axis(output_padding, "output_padding", class_name, line, axis=axis)
        return "transposed", _keras_transposed(
            kernel, stride, dilation, padding, output_padding, class_name, line
        )
    return "layer", Layer(kernel, stride, dilation, padding, "pool" if pool else "conv")


def _keras_transposed(
    kernel: int,
    stride: int,
    dilation: int,
    padding: str,
    output_padding: int | None,
    class_name: str,
    line: int,
) -> TransposedLayer:
    """Keras' transposed conv as PyTorch's arguments: Keras' window over the full scatter
    row (:func:`~conv_engine.keras_spelling.keras_transpose_window`) starts at PyTorch's
    crop ``p`` and is ``(n − 1)·s + F − 2p + op`` long for every input length n."""
    from .keras_spelling import keras_transpose_window

    try:
        start, length = keras_transpose_window(2, kernel, stride, padding, output_padding, dilation)
    except ConvConfigError as error:
        raise _unreadable(line, class_name, error) from None
    extent = dilation * (kernel - 1) + 1
    extra = length - stride - extent + 2 * start
    return TransposedLayer(kernel, stride, start, extra, dilation)


def _keras(text: str, axis: int) -> ParsedModel:
    """A Keras model's JSON: its layers in order; in a functional model the layers an
    ``Add`` (or ``Concatenate``) merges from a shorter path are a side path."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as error:
        raise ConvConfigError(
            "the paste starts like JSON but is not: {error}", error=str(error)[:80]
        ) from None
    config = data.get("config") if isinstance(data, dict) else None
    entries = config.get("layers") if isinstance(config, dict) else None
    if not isinstance(entries, list):
        raise ConvConfigError(
            "the JSON is not a Keras model: it has no config.layers (paste model.to_json())"
        )
    side_names = _keras_side_paths(entries)
    reading = _Reading("layer")
    for number, entry in enumerate(entries[:20_000], start=1):
        if not isinstance(entry, dict):
            reading.problems.append(Text("layer {line} is not a Keras layer", line=number))
            continue
        class_name = str(entry.get("class_name", ""))
        layer_config = entry.get("config") if isinstance(entry.get("config"), dict) else {}
        name = str(layer_config.get("name") or entry.get("name") or class_name)
        if class_name in MERGES:
            continue  # the input itself; a merge keeps the main path's geometry
        reading.take(
            number,
            name,
            class_name,
            side_names.get(name),
            lambda c=class_name, config=layer_config, n=number: _keras_layer(c, config, n, axis),
        )
    side = reading.side
    notes = [
        counted(
            "{block}: {count} layer on a shortcut merged into the main path; the main path, "
            "the longer one, sets the receptive field",
            "{block}: {count} layers on a shortcut merged into the main path; the main "
            "path, the longer one, sets the receptive field",
            sum(1 for layer in side if layer.branch == block),
            block=block,
        )
        for block in dict.fromkeys(layer.branch for layer in side)
    ]
    return ParsedModel(
        "keras",
        tuple(reading.layers),
        tuple(side),
        tuple(reading.problems),
        reading.end,
        tuple(notes),
    )


def _inbound(entry: dict) -> list[str]:
    """The names of the layers feeding a functional model's layer (Keras 2 and 3 forms)."""
    names: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, dict):
            history = (
                value.get("config", {}).get("keras_history")
                if isinstance(value.get("config"), dict)
                else None
            )
            if isinstance(history, list) and history:
                names.append(str(history[0]))
                return
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            if len(value) >= 3 and isinstance(value[0], str) and isinstance(value[1], int):
                names.append(value[0])  # Keras 2: [name, node, tensor, kwargs]
                return
            for item in value:
                walk(item)

    walk(entry.get("inbound_nodes", []))
    return names


def _keras_side_paths(entries: list) -> dict[str, str]:
    """In a functional model: for each merge, the layers only on its shorter inputs'
    paths (back to where the paths split), by name → the merge's name."""
    by_name = {}
    for entry in entries:
        if isinstance(entry, dict) and isinstance(entry.get("config"), dict):
            by_name[str(entry["config"].get("name") or entry.get("name"))] = entry
    depth: dict[str, int] = {}

    def length(name: str, seen: frozenset = frozenset()) -> int:
        """Layers that change geometry on the longest path into ``name``."""
        if name in depth:
            return depth[name]
        if name in seen or name not in by_name or len(seen) > 2000:
            return 0
        entry = by_name[name]
        parents = _inbound(entry)
        best = max((length(p, seen | {name}) for p in parents), default=0)
        class_name = str(entry.get("class_name", ""))
        changes = (
            bool(re.search(r"Conv|Pool|ZeroPadding", class_name)) and "Global" not in class_name
        )
        depth[name] = best + int(changes)
        return depth[name]

    side: dict[str, str] = {}
    for name, entry in by_name.items():
        if entry.get("class_name") not in ("Add", "Concatenate", "Average", "Maximum"):
            continue
        parents = _inbound(entry)
        if len(parents) < 2:
            continue
        main = max(parents, key=lambda p: length(p))
        on_main = _ancestors(main, by_name)
        for parent in parents:
            if parent == main:
                continue
            for ancestor in _ancestors(parent, by_name):
                if ancestor not in on_main:
                    side[ancestor] = name
    return side


def _ancestors(name: str, by_name: dict) -> set[str]:
    """``name`` and every layer feeding it."""
    found, todo = set(), [name]
    while todo and len(found) < 20_000:
        current = todo.pop()
        if current in found or current not in by_name:
            continue
        found.add(current)
        todo.extend(_inbound(by_name[current]))
    return found
