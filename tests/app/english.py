"""What English prose a page still shows: for the tests of the Chinese interface."""

from __future__ import annotations

import re

# names, code and units that read the same in both languages
ALLOWED = {
    "PyTorch",
    "Keras",
    "TensorFlow",
    "NumPy",
    "SciPy",
    "WaveNet",
    "ByteNet",
    "DeepLab",
    "FCN",
    "TCN",
    "VALID",
    "SAME",
    "FULL",
    "DropConnect",
    "fairseq",
    "CUDA",
    "GIF",
    "PNG",
    "SVG",
    "MP4",
    "HDC",
    "Conv1d",
    "Conv1D",
    "Conv2d",
    "Conv2D",
    "softmax",
    "Pay",
    "Less",
    "Attention",
    "Wu",
    "Wang",
    "et",
    "al",
    "d2l",
    "VGG",
    "English",
    "Play",
    "MB",
    "px",
    "explicit",
    "valid",
    "same",
    "full",
    "causal",
    "conv",
    "pool",
    "max",
    "avg",
    "gcd",
    "min",
    "log",
    "mel",
    "ReLU",
    "ConvTranspose2d",
    "SeparableConv2D",
    "Conv2DTranspose",
    "Grace",
    "Hopper",
    "nn",
    "Module",
    "ms",
    "torch",
    "keras",
    "FFT",
    "RF",
    "sobel",
    "box",
    "ones",
    "random",
    "count",
    "ramp",
    "Sobel",
    "Laplacian",
    "identity",
    "blur",
    "sharpen",
}
ALLOWED |= {
    "Home",
    "End",
    "Conv",
    "padding",
    "strides",
    "dropout",
    "AlexNet",
    "output_padding",
    "same",
}
CODE = re.compile(
    r"`[^`]*`|\$[^$]*\$|https?://\S+|\{[^}]*\}|<[^>]*>"  # code, maths, links, markup
    r"|\b\w*_\w*\b"  # identifiers: k_eff, C_out, x_t
    r"|\b[\w.]+\([^)]*\)"  # calls: nn.Conv2d(1, 16, kernel_size=3)
    r"|\b\w+='[^']*'"  # keyword values: padding='same'
)
WORD = re.compile(r"[A-Za-z][A-Za-z'’]{2,}")


def english_phrases(text: str) -> list[str]:
    """The English words (three letters or more) of ``text`` that are not names or code."""
    plain = CODE.sub(" ", text)
    return [
        word
        for word in WORD.findall(plain)
        if word not in ALLOWED and word.rstrip("'’s") not in ALLOWED
    ]


def shown_texts(at) -> list[str]:
    """Every text a page shows: prose, notices, labels, options, help, tables."""
    texts = []
    for kind in (
        "markdown",
        "caption",
        "title",
        "header",
        "subheader",
        "info",
        "warning",
        "success",
        "error",
        "metric",
        "expander",
        "tabs",
    ):
        for element in getattr(at, kind, []):
            for attribute in ("value", "label", "body", "help"):
                value = (
                    getattr(element.proto, attribute, None) if hasattr(element, "proto") else None
                )
                if isinstance(value, str) and value:
                    texts.append(value)
    for kind in (
        "slider",
        "radio",
        "selectbox",
        "toggle",
        "button",
        "number_input",
        "text_input",
        "checkbox",
        "button_group",
    ):
        for element in getattr(at, kind, []):
            proto = element.proto
            for attribute in ("label", "help"):
                value = getattr(proto, attribute, "")
                if value:
                    texts.append(value)
            texts += [o for o in getattr(element, "options", []) or [] if isinstance(o, str)]
    for kind in ("page_link", "download_button"):
        for element in at.get(kind):
            texts.append(element.proto.label)
    for tab in at.tabs:
        texts.append(tab.label)
    for table in at.table:
        frame = table.value
        texts += [str(column) for column in frame.columns]
        texts += [str(value) for value in frame.to_numpy().ravel() if isinstance(value, str)]
    return texts


def _figure_texts(spec: dict) -> list[str]:
    layout = spec.get("layout", {})
    texts = []

    def title(value) -> None:
        if isinstance(value, dict):
            value = value.get("text")
        if isinstance(value, str):
            texts.append(value)

    title(layout.get("title"))
    for name, axis in layout.items():
        if name.startswith(("xaxis", "yaxis")) and isinstance(axis, dict):
            title(axis.get("title"))
            texts += [str(v) for v in axis.get("ticktext", []) or []]
    texts += [a.get("text", "") for a in layout.get("annotations", []) or []]
    legend = layout.get("showlegend", False)
    for trace in spec.get("data", []):
        texts += [str(trace.get("hovertemplate", ""))]
        if legend and trace.get("showlegend", True):
            texts.append(str(trace.get("name", "")))
        title((trace.get("colorbar") or {}).get("title"))
    return [re.sub(r"%\{[^}]*\}|<[^>]+>", " ", text) for text in texts if text]


def _scene_texts(scene: dict) -> list[str]:
    texts = [panel.get("title", "") for panel in scene.get("panels", [])]
    texts += [entry.get("label", "") for entry in scene.get("legend", [])]
    texts += list(scene.get("captions", []) or [])
    texts += [str(v) for v in (scene.get("words") or {}).values()]
    return texts


def figure_texts(at) -> list[str]:
    """The words inside the page's figures and animated scenes."""
    import json

    texts = []
    for element in at.get("plotly_chart"):
        texts += _figure_texts(json.loads(element.proto.spec))
    for element in at.get("bidi_component"):
        texts += _scene_texts(json.loads(element.proto.json))
    return texts
