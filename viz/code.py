"""The page's layer in PyTorch and in Keras: code a student can paste and run.

Each snippet is self-contained (imports, the page's input and weights as literals), builds
the layer for exactly the page's settings in the framework's own layout (PyTorch channels
first, Keras channels last; kernels as each expects them, never flipped), runs it and
prints its output, with the output the page computed beside it as a comment. Where a
framework cannot express a setting the snippet says so in a sentence instead of code that
would differ. ``tests/viz/test_code.py`` runs the snippets and compares what they print
with the engine on sweeps of every page's settings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

import conv_engine as ce
from i18n import say, t

KERAS_HEADER = (
    "import os\n"
    'os.environ.setdefault("KERAS_BACKEND", "torch")  # or "tensorflow", "jax"\n'
    "import numpy as np\n"
    "import keras\n"
)
TORCH_HEADER = "import torch\nimport torch.nn.functional as F\n"


@dataclass(frozen=True)
class Snippets:
    """PyTorch code, and Keras code or the sentence saying why Keras cannot say it."""

    torch: str
    keras: str | None
    keras_refusal: str | None = None


def literal(values: np.ndarray | Sequence) -> str:
    """An array as a Python literal, its numbers short but exact enough to compare."""
    array = np.asarray(values, dtype=float)
    if array.ndim == 0:
        value = float(array)
        return str(int(value)) if value.is_integer() else format(value, ".10g")
    return "[" + ", ".join(literal(row) for row in array) + "]"


def _printed(line: str, output: np.ndarray) -> str:
    """A snippet's last lines: the line that prints the framework's result, then the
    page's own numbers under it to compare with."""
    rounded = np.round(np.asarray(output, dtype=float), 4)
    return f"{line}\n# the page computed: {literal(rounded)}\n"


def _keras_run(weights: str, printed: str, output: np.ndarray) -> str:
    """A Keras snippet's ending: build ``layer``, give it ``weights`` (a list literal), run
    it on ``x`` and print as ``printed`` says."""
    return (
        "layer.build(x.shape)\n"
        + f"layer.set_weights({weights})\n"
        + "y = keras.ops.convert_to_numpy(layer(x))\n"
        + _printed(printed, output)
    )


def _pairs(amounts: tuple[int, int], ndim: int) -> str:
    """A Keras Cropping/ZeroPadding argument: ``1`` for (1, 1) on every axis, else the
    ``(start, end)`` pair per axis (a plain 2-tuple would mean one amount per axis)."""
    start, end = amounts
    if start == end:
        return str(start)
    pair = f"({start}, {end})"
    return pair if ndim == 1 else f"({pair}, {pair})"


def keras_extra_layers(spelling: ce.KerasTransposeSpelling, ndim: int = 2) -> list[str]:
    """The layers after a Keras transposed conv that make it PyTorch's, value for value:
    ``ZeroPadding2D(…)`` (where PyTorch's output_padding reaches past the scatter row), then
    ``Cropping2D(…)`` (PyTorch's crop), as constructor calls."""
    layers = []
    if spelling.zero_pad != (0, 0):
        layers.append(f"ZeroPadding{ndim}D({_pairs(spelling.zero_pad, ndim)})")
    if spelling.crop != (0, 0):
        layers.append(f"Cropping{ndim}D({_pairs(spelling.crop, ndim)})")
    return layers


def _torch_padding(pads: Sequence[tuple[int, int]], name: str = "x") -> tuple[str, str]:
    """(a line padding ``name`` explicitly, or "", and the conv's ``padding=`` argument)."""
    if all(before == after for before, after in pads):
        amounts = tuple(before for before, _ in pads)
        return "", f"padding={amounts[0] if len(amounts) == 1 else amounts}"
    flat = ", ".join(f"{before}, {after}" for before, after in reversed(pads))
    note = "# asymmetric padding: pad explicitly (F.pad lists the last axis first)\n"
    return f"{note}{name} = F.pad({name}, ({flat}))\n", "padding=0"


def keras_refusal(layer: str, stride: int, dilation: int) -> str | None:
    """The sentence for a conv Keras refuses (strides and dilation_rate both > 1), or None."""
    if stride > 1 and dilation > 1:
        return t(
            "Keras refuses this layer: its {layer} takes strides > 1 or dilation_rate > 1, "
            "not both.",
            layer=layer,
        )
    return None


class SlidingLayer(Protocol):
    """A page's sliding conv as its controls set it (the Standard, Conv1d, Causal specs)."""

    stride: int
    dilation: int

    @property
    def padding_rule(self) -> str: ...


def sliding_code(
    x: np.ndarray, weight: np.ndarray, layer: SlidingLayer, trace: ce.ConvTrace
) -> Snippets:
    """:func:`conv_code` for a page's layer and its engine trace (its pads and output)."""
    return conv_code(
        x,
        weight,
        layer.stride,
        layer.padding_rule,
        trace.geometry.padding,
        layer.dilation,
        trace.output,
        trace.padding_mode,
    )


def page_layer_code(
    arrays: tuple[np.ndarray, np.ndarray, np.ndarray | None],
    layer: SlidingLayer,
    trace: ce.LayerTrace,
) -> Snippets:
    """:func:`layer_code` for a page's layer: its (input, weight, bias), its controls and
    its engine trace (its pads, padding mode and output)."""
    return layer_code(
        *arrays,
        layer.stride,
        layer.padding_rule,
        trace.geometry.padding,
        layer.dilation,
        trace.output,
        trace.padding_mode,
    )


# PyTorch's padding_mode as NumPy's np.pad calls it (Keras layers have no padding mode)
NUMPY_PAD_MODES = {"reflect": "reflect", "replicate": "edge", "circular": "wrap"}


def numpy_pad_first(pads: Sequence[tuple[int, int]], padding_mode: str) -> str:
    """The Keras snippet's line padding ``x`` (channels last) before a 'valid' layer: with
    the copies of PyTorch's ``padding_mode`` (Keras layers have none), or with zeros where
    Keras' own paddings cannot say the page's."""
    widths = [[0, 0], *([int(b), int(a)] for b, a in pads), [0, 0]]
    numpy_mode = NUMPY_PAD_MODES.get(padding_mode, "constant")
    why = (
        f"Keras layers have no padding_mode: pad first (NumPy's '{numpy_mode}' is "
        f"PyTorch's '{padding_mode}')"
        if padding_mode != "zeros"
        else "padding Keras' layer cannot say: pad with zeros first"
    )
    return f"# {why}\nx = np.pad(x, {widths}, mode='{numpy_mode}')\n"


def conv_code(
    x: np.ndarray,
    weight: np.ndarray,
    stride: int,
    padding_rule: str,
    pads: Sequence[tuple[int, int]],
    dilation: int,
    output: np.ndarray,
    padding_mode: str = "zeros",
) -> Snippets:
    """One input channel, one kernel: ``F.conv1d``/``F.conv2d`` and Keras ``Conv1D``/``Conv2D``.

    ``x`` and ``weight`` are ``(L,)``/``(k,)`` or ``(H, W)``/``(kh, kw)``; ``pads`` the
    explicit ``(before, after)`` per axis that ``padding_rule`` resolved to. A
    ``padding_mode`` other than zeros pads first — ``F.pad(…, mode=…)`` in PyTorch (what
    ``nn.Conv2d(padding_mode=…)`` does), ``np.pad`` in Keras, whose layers have none —
    then convolves with no padding.
    """
    ndim = x.ndim
    conv = "conv1d" if ndim == 1 else "conv2d"
    axes = "(N, C, L)" if ndim == 1 else "(N, C, H, W)"
    pad_line, padding = _torch_padding(pads)
    if padding_rule == "same" and any(b != a for b, a in pads):
        if stride == 1:  # PyTorch's 'same' puts the odd zero at the end too, like TF's
            pad_line, padding = "", "padding='same'"
        else:
            pad_line = (
                "# SAME (TensorFlow's rule) puts the odd zero at the end; PyTorch's\n"
                "# padding='same' refuses stride > 1, so pad explicitly\n"
                + pad_line.split("\n", 1)[1]
            )
    if padding_rule == "causal":
        pad_line = f"x = F.pad(x, ({pads[0][0]}, 0))  # causal: d·(k − 1) zeros on the left\n"
        padding = "padding=0"
    if padding_mode != "zeros":  # pad with copies first, as nn.Conv2d(padding_mode=…) does
        flat = ", ".join(f"{before}, {after}" for before, after in reversed(pads))
        pad_line = (
            f"# padding_mode='{padding_mode}' (F.pad lists the last axis first)\n"
            f"x = F.pad(x, ({flat}), mode='{padding_mode}')\n"
        )
        padding = "padding=0"
    torch = (
        TORCH_HEADER
        + f"\nx = torch.tensor({literal(x)}, dtype=torch.float64)[None, None]  # {axes}\n"
        + f"w = torch.tensor({literal(weight)}, dtype=torch.float64)[None, None]"
        + "  # (C_out, C_in, k…)\n"
        + pad_line
        + f"y = F.{conv}(x, w, stride={stride}, {padding}, dilation={dilation})\n"
        + _printed("print(y[0, 0].tolist())", output)
    )
    layer = "Conv1D" if ndim == 1 else "Conv2D"
    if refusal := keras_refusal(layer, stride, dilation):
        return Snippets(torch, None, refusal)
    keras_padding, zero_pad = padding_rule, ""
    if padding_mode != "zeros":
        keras_padding, zero_pad = "valid", numpy_pad_first(pads, padding_mode)
    elif padding_rule not in ("valid", "same", "causal"):
        keras_padding = "valid"
        if any(b or a for b, a in pads):
            amounts = tuple(tuple(pair) for pair in pads)
            amounts = amounts[0] if ndim == 1 else amounts
            zero = "ZeroPadding1D" if ndim == 1 else "ZeroPadding2D"
            zero_pad = f"x = keras.layers.{zero}({amounts})(x)  # (before, after) per axis\n"
    shape = "[None, :, None]  # (N, L, C)" if ndim == 1 else "[None, :, :, None]  # (N, H, W, C)"
    kernel_axes = "[:, None, None]" if ndim == 1 else "[:, :, None, None]"
    size = weight.shape[0] if ndim == 1 else tuple(weight.shape)
    pick = "[0, :, 0]" if ndim == 1 else "[0, :, :, 0]"
    keras = (
        KERAS_HEADER
        + f"\nx = np.array({literal(x)}, dtype='float32'){shape}\n"
        + f"w = np.array({literal(weight)}, dtype='float32'){kernel_axes}"
        + "  # (k…, C_in, C_out)\n"
        + zero_pad
        + f"layer = keras.layers.{layer}(1, {size}, strides={stride}, padding='{keras_padding}',"
        + f" dilation_rate={dilation}, use_bias=False)\n"
        + _keras_run("[w]", f"print(np.round(y{pick}, 4).tolist())", output)
    )
    return Snippets(torch, keras)


def layer_code(
    x: np.ndarray,
    weight: np.ndarray,
    bias: np.ndarray | None,
    stride: int,
    padding_rule: str,
    pads: Sequence[tuple[int, int]],
    dilation: int,
    output: np.ndarray,
    padding_mode: str = "zeros",
) -> Snippets:
    """A layer with channels: ``nn.Conv1d/Conv2d(C_in, C_out, k, …, bias, padding_mode)``
    with the page's weights, and Keras ``Conv1D/Conv2D`` with them in its layout.

    ``x`` is ``(C_in, *spatial)``, ``weight`` ``(C_out, C_in, *k)`` (PyTorch's layout),
    ``bias`` ``(C_out,)`` or None, ``output`` ``(C_out, *out)``. A padding PyTorch's layer
    cannot say (one side more, at stride > 1) is padded first with ``F.pad``.
    """
    ndim = x.ndim - 1
    c_out, c_in, *kernel = weight.shape
    size = kernel[0] if len(set(kernel)) == 1 else tuple(kernel)
    layer = "Conv1d" if ndim == 1 else "Conv2d"
    axes = "(N, C_in, L)" if ndim == 1 else "(N, C_in, H, W)"
    symmetric = all(before == after for before, after in pads)
    pad_line, padding = "", "padding=0"
    if symmetric:
        amounts = tuple(before for before, _ in pads)
        padding = f"padding={amounts[0] if len(set(amounts)) == 1 else amounts}"
    elif padding_rule == "same" and stride == 1:
        padding = "padding='same'"  # PyTorch's 'same' puts the odd pad at the end too
    else:
        flat = ", ".join(f"{before}, {after}" for before, after in reversed(pads))
        mode = "constant" if padding_mode == "zeros" else padding_mode
        pad_line = (
            "# one side padded more: pad first (F.pad lists the last axis first)\n"
            f"x = F.pad(x, ({flat}), mode='{mode}')\n"
        )
    mode_argument = (
        "" if padding_mode == "zeros" or pad_line else f", padding_mode='{padding_mode}'"
    )
    has_bias = bias is not None
    torch = (
        TORCH_HEADER
        + f"\nx = torch.tensor({literal(x)}, dtype=torch.float64)[None]  # {axes}\n"
        + pad_line
        + f"layer = torch.nn.{layer}({c_in}, {c_out}, {size}, stride={stride}, {padding}, "
        + f"dilation={dilation}, bias={has_bias}{mode_argument}, dtype=torch.float64)\n"
        + "with torch.no_grad():\n"
        + f"    layer.weight.copy_(torch.tensor({literal(weight)}))  # (C_out, C_in, k…)\n"
        + (f"    layer.bias.copy_(torch.tensor({literal(bias)}))\n" if has_bias else "")
        + "    y = layer(x)\n"
        + _printed("print(y[0].tolist())", output)
    )
    keras_layer = "Conv1D" if ndim == 1 else "Conv2D"
    if refusal := keras_refusal(keras_layer, stride, dilation):
        return Snippets(torch, None, refusal)
    keras_padding, pad_first = padding_rule, ""
    if padding_mode != "zeros" or padding_rule not in ("valid", "same"):
        keras_padding = "valid"
        if any(b or a for b, a in pads):
            pad_first = numpy_pad_first(pads, padding_mode)
    channels_last = tuple(range(1, ndim + 1)) + (0,)
    kernel_order = tuple(range(2, ndim + 2)) + (1, 0)
    keras = (
        KERAS_HEADER
        + f"\nx = np.array({literal(x)}, dtype='float32')"
        + f".transpose{channels_last}[None]  # (N, …, C_in): channels last\n"
        + f"w = np.array({literal(weight)}, dtype='float32')"
        + f".transpose{kernel_order}  # PyTorch's (C_out, C_in, k…) as Keras' (k…, C_in, C_out)\n"
        + pad_first
        + f"layer = keras.layers.{keras_layer}({c_out}, {size}, strides={stride}, "
        + f"padding='{keras_padding}', dilation_rate={dilation}, use_bias={has_bias})\n"
        + _keras_run(
            f"[w, np.array({literal(bias)}, dtype='float32')]" if has_bias else "[w]",
            "print(np.round(np.moveaxis(y[0], -1, 0), 4).tolist())  # back to (C_out, …)",
            output,
        )
    )
    return Snippets(torch, keras)


def transposed_code(
    x: np.ndarray,
    weight: np.ndarray,
    stride: int,
    padding: int,
    output_padding: int,
    dilation: int,
    output: np.ndarray,
) -> Snippets:
    """A 2-D transposed conv, one channel: ``F.conv_transpose2d`` and Keras
    ``Conv2DTranspose`` as :func:`conv_engine.keras_transpose_spelling` writes it (one layer
    where a Keras padding is PyTorch's layer, else VALID then Cropping, and ZeroPadding where
    PyTorch's output_padding reaches past the last stamp: PyTorch's result exactly)."""
    torch = (
        TORCH_HEADER
        + f"\nx = torch.tensor({literal(x)}, dtype=torch.float64)[None, None]  # (N, C, H, W)\n"
        + f"w = torch.tensor({literal(weight)}, dtype=torch.float64)[None, None]"
        + "  # (C_in, C_out, kh, kw)\n"
        + f"y = F.conv_transpose2d(x, w, stride={stride}, padding={padding}, "
        + f"output_padding={output_padding}, dilation={dilation})\n"
        + _printed("print(y[0, 0].tolist())", output)
    )
    kernel = weight.shape[0]
    try:
        spelling = ce.keras_transpose_spelling(kernel, stride, padding, output_padding, dilation)
    except ce.ConvConfigError as error:
        return Snippets(torch, None, f"{say(error)}.")
    reasons = {
        "ZeroPadding2D": "  # PyTorch's output_padding reaches past the last stamp",
        "Cropping2D": "  # PyTorch's padding crops each side",
    }
    after = "".join(
        f"y = keras.layers.{layer}(y){reasons[layer.split('(')[0]]}\n"
        for layer in keras_extra_layers(spelling)
    )
    output_padding_argument = (
        "" if spelling.output_padding is None else f"output_padding={spelling.output_padding}, "
    )
    keras = (
        KERAS_HEADER
        + f"\nx = np.array({literal(x)}, dtype='float32')[None, :, :, None]  # (N, H, W, C)\n"
        + f"w = np.array({literal(weight)}, dtype='float32')[:, :, None, None]"
        + "  # (kh, kw, C_out, C_in)\n"
        + f"layer = keras.layers.Conv2DTranspose(1, {tuple(weight.shape)}, strides={stride}, "
        + f"padding='{spelling.padding}', {output_padding_argument}dilation_rate={dilation}, "
        + "use_bias=False)\n"
        + "layer.build(x.shape)\n"
        + "layer.set_weights([w])\n"
        + "y = layer(x)\n"
        + after
        + "y = keras.ops.convert_to_numpy(y)\n"
        + _printed("print(np.round(y[0, :, :, 0], 4).tolist())", output)
    )
    return Snippets(torch, keras)


def separable_code(
    x: np.ndarray, depthwise: np.ndarray, pointwise: np.ndarray, output: np.ndarray
) -> Snippets:
    """Depthwise then pointwise (SAME, stride 1): two ``Conv2d`` in PyTorch, one
    ``SeparableConv2D`` in Keras.

    x ``(C_in, H, W)``; depthwise ``(C_in·m, 1, k, k)``; pointwise ``(C_out, C_in·m, 1, 1)``.
    """
    channels = x.shape[0]
    mid, k = depthwise.shape[0], depthwise.shape[-1]
    multiplier = mid // channels
    pads = ce.resolve_padding(x.shape[1], k, 1, 1, "same")
    pad_line, padding = _torch_padding([pads, pads])
    torch = (
        TORCH_HEADER
        + f"\nx = torch.tensor({literal(x)}, dtype=torch.float64)[None]  # (N, C_in, H, W)\n"
        + f"depthwise = torch.tensor({literal(depthwise)}, dtype=torch.float64)"
        + "  # (C_in·m, 1, k, k)\n"
        + f"pointwise = torch.tensor({literal(pointwise)}, dtype=torch.float64)"
        + "  # (C_out, C_in·m, 1, 1)\n"
        + pad_line
        + f"middle = F.conv2d(x, depthwise, {padding}, groups={channels})"
        + "  # one kernel per channel\n"
        + "y = F.conv2d(middle, pointwise)  # a 1×1 mix of every depthwise map\n"
        + _printed("print(y[0].tolist())", output)
    )
    keras = (
        KERAS_HEADER
        + f"\nx = np.transpose(np.array({literal(x)}, dtype='float32'), (1, 2, 0))[None]"
        + "  # (N, H, W, C_in)\n"
        + f"depthwise = np.array({literal(depthwise)}, dtype='float32')\n"
        + f"pointwise = np.array({literal(pointwise)}, dtype='float32')\n"
        + "# Keras: depthwise (k, k, C_in, m), pointwise (1, 1, C_in·m, C_out)\n"
        + f"depthwise = np.transpose(depthwise[:, 0].reshape({channels}, {multiplier}, {k}, {k})"
        + ", (2, 3, 0, 1))\n"
        + "pointwise = np.transpose(pointwise[:, :, 0, 0], (1, 0))[None, None]\n"
        + f"layer = keras.layers.SeparableConv2D({output.shape[0]}, {k}, padding='same', "
        + f"depth_multiplier={multiplier}, use_bias=False)\n"
        + _keras_run(
            "[depthwise, pointwise]",
            "print(np.round(np.transpose(y[0], (2, 0, 1)), 4).tolist())  # (C_out, H, W)",
            output,
        )
    )
    return Snippets(torch, keras)


def lightweight_code(
    x: np.ndarray, kernel: np.ndarray, pads: tuple[int, int], dropped: bool, output: np.ndarray
) -> Snippets:
    """A lightweight conv written in plain PyTorch (fairseq's idea, no CUDA kernels), and as
    a Keras ``DepthwiseConv1D`` with the head-shared kernel.

    x ``(C, T)``; kernel ``(H, K)`` already softmax-normalised (and DropConnected).
    """
    channels = x.shape[0]
    heads, width = kernel.shape
    origin = (
        "softmax(raw) over k, then DropConnect (training only)"
        if dropped
        else "softmax(raw) over k"
    )
    torch = (
        TORCH_HEADER
        + f"\nx = torch.tensor({literal(x)}, dtype=torch.float64)[None]  # (N, C, T)\n"
        + f"kernel = torch.tensor({literal(kernel)}, dtype=torch.float64)"
        + f"  # (H, k): {origin}\n"
        + f"# head h is shared by the contiguous block of C/H = {channels // heads} channels\n"
        + f"weight = kernel.repeat_interleave({channels // heads}, dim=0)[:, None, :]"
        + "  # (C, 1, k)\n"
        + f"x = F.pad(x, {tuple(pads)})  # (left, right): the output keeps the length\n"
        + f"y = F.conv1d(x, weight, groups={channels})\n"
        + _printed("print(y[0].tolist())", output)
    )
    keras = (
        KERAS_HEADER
        + f"\nx = np.transpose(np.array({literal(x)}, dtype='float32'))[None]  # (N, T, C)\n"
        + f"kernel = np.array({literal(kernel)}, dtype='float32')  # (H, k)\n"
        + f"weight = np.repeat(kernel, {channels // heads}, axis=0).T[:, :, None]"
        + "  # (k, C, 1)\n"
        + f"x = keras.layers.ZeroPadding1D({tuple(pads)})(x)\n"
        + f"layer = keras.layers.DepthwiseConv1D({width}, padding='valid', use_bias=False)\n"
        + _keras_run("[weight]", "print(np.round(y[0].T, 4).tolist())  # (C, T)", output)
    )
    return Snippets(torch, keras)


def stack_code(
    rows: Sequence[ce.ReceptiveFieldRow], input_size: int, position: int, seen: int
) -> Snippets:
    """A receptive-field-lab stack as ``nn.Sequential`` and as a Keras ``Sequential``, each
    printing how many input cells reach output ``position`` (all-ones weights, pools as
    averages: a max pool sees the same cells): PyTorch by autograd, Keras by one probe
    per input cell."""
    torch_layers, keras_layers = [], []
    for row in rows:
        layer, (left, right) = row.layer, row.padding
        if left or right:
            torch_layers.append(f"nn.ZeroPad1d(({left}, {right}))")
            keras_layers.append(f"keras.layers.ZeroPadding1D(({left}, {right}))")
        if layer.kind == "pool":
            torch_layers.append(f"nn.AvgPool1d({layer.kernel_size}, stride={layer.stride})")
            keras_layers.append(
                f"keras.layers.AveragePooling1D({layer.kernel_size}, strides={layer.stride})"
            )
        else:
            torch_layers.append(
                f"nn.Conv1d(1, 1, {layer.kernel_size}, stride={layer.stride}, "
                f"dilation={layer.dilation}, bias=False)"
            )
            keras_layers.append(
                f"keras.layers.Conv1D(1, {layer.kernel_size}, strides={layer.stride}, "
                f"dilation_rate={layer.dilation}, use_bias=False)"
            )
    torch_stack = ",\n    ".join(torch_layers)
    torch = (
        "import torch\nfrom torch import nn\n\n"
        f"net = nn.Sequential(\n    {torch_stack},\n).double()\n"
        "for module in net:\n"
        "    if isinstance(module, nn.Conv1d):\n"
        "        nn.init.ones_(module.weight)  # every path counts\n"
        f"x = torch.zeros(1, 1, {input_size}, dtype=torch.float64, requires_grad=True)\n"
        f"net(x)[0, 0, {position}].backward()\n"
        "print(int((x.grad != 0).sum()))  # input cells that reach this output\n"
        f"# the page computed: {seen}\n"
    )
    keras_stack = ",\n    ".join(keras_layers)
    refusal = None
    strided_dilated = [r.index for r in rows if r.layer.stride > 1 and r.layer.dilation > 1]
    if strided_dilated:
        refusal = t(
            "Keras refuses layer {index}: its Conv1D takes strides > 1 or dilation_rate > 1, "
            "not both.",
            index=strided_dilated[0],
        )
        return Snippets(torch, None, refusal)
    keras = (
        KERAS_HEADER
        + "\nnet = keras.Sequential([\n"
        + f"    keras.Input(({input_size}, 1)),\n    {keras_stack},\n])\n"
        + "for layer in net.layers:\n"
        + "    if isinstance(layer, keras.layers.Conv1D):\n"
        + "        layer.set_weights([np.ones_like(w) for w in layer.get_weights()])"
        + "  # every path counts\n"
        + f"probes = np.eye({input_size}, dtype='float32')[:, :, None]  # one input cell each\n"
        + "y = net.predict(probes, verbose=0)\n"
        + f"print(int((y[:, {position}, 0] != 0).sum()))  # input cells that reach this output\n"
        + f"# the page computed: {seen}\n"
    )
    return Snippets(torch, keras)
