"""How the frameworks say a layer: PyTorch's and Keras' size rules with the page's numbers.

Pure functions of the settings (no Streamlit), tested against each framework's documented
rules and, in CI, against the frameworks themselves.
"""

from __future__ import annotations

from dataclasses import astuple, dataclass

import conv_engine as ce
from i18n import say, t
from viz.code import keras_extra_layers


@dataclass(frozen=True)
class TransposedSize:
    """A transposed conv's settings on one axis (PyTorch's) and the output size they give."""

    input_size: int
    kernel_size: int
    stride: int
    padding: int
    output_padding: int
    dilation: int
    output_size: int


def transposed_size_latex(sizes: TransposedSize) -> str:
    """The transposed output size in PyTorch's words, with numbers."""
    i, k, s, p = sizes.input_size, sizes.kernel_size, sizes.stride, sizes.padding
    op, d, o = sizes.output_padding, sizes.dilation, sizes.output_size
    return (
        rf"o = (i-1)\,s - 2p + d(k-1) + \text{{output\_padding}} + 1 = ({i}-1)"
        rf"\cdot{s} - 2\cdot{p} + {d}\cdot({k}-1) + {op} + 1 = {o}"
    )


@dataclass(frozen=True)
class KerasTransposed:
    """The same layer in Keras: its size formula with numbers, or why Keras cannot say it.

    ``latex`` is None when Keras refuses the setting or has no matching padding; ``notes``
    are sentences (Markdown) about Keras' rule and where it differs from PyTorch's.
    """

    latex: str | None
    notes: tuple[str, ...]


def keras_transposed(sizes: TransposedSize) -> KerasTransposed:
    """Keras' ``Conv2DTranspose`` for the page's PyTorch settings, in Keras' own rule.

    Keras pads ``'valid'``/``'same'`` (no integer crop) and defaults to
    ``output_padding=None``; its sizes come from ``ce.keras_conv_transpose_output_size``.
    """
    input_size, kernel_size, stride, padding, output_padding, dilation, output_size = astuple(sizes)
    extent = ce.effective_kernel_size(kernel_size, dilation)
    notes = []
    latex = None
    try:
        spelling = ce.keras_transpose_spelling(
            kernel_size, stride, padding, output_padding, dilation
        )
    except ce.ConvConfigError as error:
        notes.append(f"**Keras:** {say(error)}.")
    else:
        _, size = ce.keras_transpose_window(
            input_size, kernel_size, stride, spelling.padding, spelling.output_padding, dilation
        )
        size += sum(spelling.zero_pad) - sum(spelling.crop)
        mode, op = spelling.padding, spelling.output_padding
        crop = r" - 2\lfloor F/2 \rfloor" if mode == "same" else ""
        crop_numbers = rf" - 2\cdot{extent // 2}" if mode == "same" else ""
        layers = rf"\texttt{{output\_padding={op}}}"
        extra_rule = extra_numbers = ""
        if spelling.zero_pad != (0, 0):
            layers += rf",\ \texttt{{ZeroPadding{spelling.zero_pad}}}"
            extra_rule += r" + \text{zeros}"
            extra_numbers += f" + {sum(spelling.zero_pad)}"
        if spelling.crop != (0, 0):
            layers += rf",\ \texttt{{Cropping({spelling.crop[0]})}}"
            extra_rule += r" - 2\,\text{crop}"
            extra_numbers += rf" - 2\cdot{spelling.crop[0]}"
        # rows (" \\ "): the Keras layers, then the size, each narrow enough for a phone
        latex = (
            rf"\text{{Keras: }}\texttt{{padding='{mode}',}} \\ {layers}: \\ "
            rf"(W-1)\,S + F{crop} + \text{{output\_padding}}{extra_rule} = ({input_size}-1)"
            rf"\cdot{stride} + {extent}{crop_numbers} + {op}{extra_numbers} = {size}"
        )
        if not spelling.layer_alone:
            notes.append(
                t(
                    "**Keras:** no padding of Keras' own crops {padding} here with "
                    "output_padding={output_padding} and keeps PyTorch's values (its 'same' "
                    "would shift them), so it is 'valid' followed by the layers above.",
                    padding=padding,
                    output_padding=output_padding,
                )
            )
    defaults = []
    for mode in ce.KERAS_TRANSPOSE_PADDINGS:
        try:
            size = ce.keras_conv_transpose_output_size(
                input_size, kernel_size, stride, mode, None, dilation
            )
        except ce.ConvConfigError:
            continue
        rule = "W·S + max(F − S, 0)" if mode == "valid" else "W·S"
        differs = t(" (PyTorch here: {size})", size=output_size) if size != output_size else ""
        defaults.append(
            t("`padding='{mode}'` gives {rule} = **{size}**", mode=mode, rule=rule, size=size)
            + differs
        )
    if defaults:
        notes.append(
            t(
                "Keras' default is `output_padding=None`, which infers the size: {defaults}.",
                defaults="; ".join(defaults),
            )
        )
    return KerasTransposed(latex, tuple(notes))


def output_padding_rows(n: int, k: int, s: int, p: int, d: int) -> dict[str, list]:
    """For each legal output_padding of a transposed conv (input n, kernel k, stride s,
    crop p, dilation d): the PyTorch output size, what a conv maps it back to, Keras'."""
    back_to = (
        t("a conv (k = {k}, s = {s}, p = {p}, d = {d}) maps it back to", k=k, s=s, p=p, d=d)
        if d > 1
        else t("a conv (k = {k}, s = {s}, p = {p}) maps it back to", k=k, s=s, p=p)
    )
    pytorch, keras_column = t("PyTorch output size"), t("Keras, same settings")
    rows: dict[str, list] = {"output_padding": [], pytorch: [], back_to: [], keras_column: []}
    for extra in range(ce.max_output_padding(s, d) + 1):
        size = ce.conv_transpose_output_size(n, k, s, p, extra, d)
        back = ce.conv_output_size(size, k, s, p, d)
        try:
            spelling = ce.keras_transpose_spelling(k, s, p, extra, d)
        except ce.ConvConfigError as error:
            keras_text = f"✗ {say(error)}"
        else:
            _, length = ce.keras_transpose_window(
                n, k, s, spelling.padding, spelling.output_padding, d
            )
            keras = length + sum(spelling.zero_pad) - sum(spelling.crop)
            layers = ", ".join([f"padding='{spelling.padding}'", *keras_extra_layers(spelling)])
            keras_text = f"{keras} ({layers})"
        rows["output_padding"].append(extra)
        rows[pytorch].append(size)
        rows[back_to].append(f"{back} ✓" if back == n else t("{back} (not {n})", back=back, n=n))
        rows[keras_column].append(keras_text)
    return rows
