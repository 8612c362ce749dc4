"""The pages of the app, with the presets the home page offers to jump in.

One list serves ``app.py`` (navigation) and the home page (map and links).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Preset:
    label: str
    query: dict[str, str]


@dataclass(frozen=True)
class PageInfo:
    path: str
    title: str
    icon: str
    url_path: str
    section: str
    summary: str
    presets: tuple[Preset, ...] = ()


PAGES = (
    PageInfo(
        "app_pages/standard.py",
        "Standard convolution",
        "🔲",
        "standard",
        "Convolutions",
        "A kernel slides over a 2-D input: padding (VALID, SAME, FULL, explicit), stride and "
        "dilation, every product visible.",
        (
            Preset("VALID shrinks 6×6 → 4×4", {"p": "valid", "k": "3", "s": "1"}),
            Preset("SAME keeps the size", {"p": "same", "k": "3", "s": "1"}),
            Preset(
                "SAME, stride 2: the extra zero",
                {"p": "same", "k": "3", "s": "2", "h": "6", "w": "6"},
            ),
            Preset(
                "d2l's 3×3 example: 19, 25, 37, 43",
                {
                    "h": "3",
                    "w": "3",
                    "k": "2",
                    "input": "count",
                    "kernel": "custom",
                    "weights": "0 1; 2 3",
                },
            ),
        ),
    ),
    PageInfo(
        "app_pages/conv1d.py",
        "Conv1d",
        "〰️",
        "conv1d",
        "Convolutions",
        "A window over a sequence, and over frames × features: a Conv1d kernel of size n "
        "is really n × F.",
        (
            Preset("Dilated difference, d = 2", {"d": "2", "p": "same"}),
            Preset("Causal padding", {"p": "causal", "k": "3"}),
        ),
    ),
    PageInfo(
        "app_pages/transposed.py",
        "Transposed convolution",
        "🔼",
        "transposed",
        "Convolutions",
        "Upsampling shown three ways (scatter, zero insertion, matrix Cᵀ), why output_padding "
        "exists, and where checkerboards come from.",
        (
            Preset("The article's 7 → 15 (F = 3, S = 2)", {"n": "7", "k": "3", "s": "2"}),
            Preset("Checkerboard: k = 3, s = 2", {"k": "3", "s": "2", "n": "3"}),
            Preset("No checkerboard: k = 4, s = 2", {"k": "4", "s": "2", "n": "3"}),
        ),
    ),
    PageInfo(
        "app_pages/dilated.py",
        "Dilated convolution",
        "🕳️",
        "dilated",
        "Receptive fields",
        "Gaps inside the kernel: k_eff = k + (k − 1)(d − 1), receptive fields that grow "
        "exponentially (3 → 7 → 15), and the gridding holes of a bad schedule.",
        (
            Preset("d = 2 on a 9×9 input", {"d": "2", "k": "3", "h": "9", "w": "9"}),
            Preset("Schedule 1, 2, 5 (no holes)", {"rates": "1, 2, 5"}),
            Preset("Schedule 2, 4, 8 (gridding)", {"rates": "2, 4, 8"}),
        ),
    ),
    PageInfo(
        "app_pages/receptive-field.py",
        "Receptive-field lab",
        "🎯",
        "receptive-field",
        "Receptive fields",
        "Build any stack of conv and pooling layers: per-layer size, jump and start, what one "
        "output sees, and the effective receptive field.",
        (
            Preset("Plain 3×3 × 3", {"preset": "plain 3×3 × 3"}),
            Preset(
                "WaveNet block: 1024", {"preset": "WaveNet block (k = 2, d = 1…512)", "n": "1100"}
            ),
            Preset("VGG-like", {"preset": "VGG-like", "n": "224"}),
        ),
    ),
    PageInfo(
        "app_pages/causal.py",
        "Causal convolution",
        "⏳",
        "causal",
        "Sequences",
        "Outputs that never see the future: the left-only padding, the leak of centred "
        "padding, the WaveNet stack (1024 steps) and streaming inference.",
        (
            Preset("Leak the future", {"leak": "1", "k": "3"}),
            Preset("WaveNet: k = 2, d up to 512", {"wk": "2", "dmax": "512"}),
        ),
    ),
    PageInfo(
        "app_pages/separable.py",
        "Separable convolution",
        "🧩",
        "separable",
        "Channels",
        "Depthwise then pointwise: channels made visible, a groups slider from standard to "
        "depthwise, and live parameter counters (1/C_out + 1/k²).",
        (
            Preset("8 → 16 channels, k = 3: 1,152 vs 200", {"cin": "8", "cout": "16", "k": "3"}),
            Preset("Groups = 2", {"cin": "4", "cout": "4", "g": "2"}),
        ),
    ),
    PageInfo(
        "app_pages/lightweight.py",
        "Lightweight convolution",
        "🪶",
        "lightweight",
        "Channels",
        "Softmax-normalised kernels shared by heads, dynamic kernels predicted per step, and "
        "how a convolution's band compares with attention.",
        (
            Preset("16 channels, 4 heads, k = 5", {"c": "16", "h": "4", "k": "5"}),
            Preset("Causal, with DropConnect", {"causal": "1", "drop": "30"}),
        ),
    ),
    PageInfo(
        "app_pages/solver.py",
        "Size solver",
        "🧮",
        "solver",
        "Tools",
        "I have 224 and want 112: every k, s, p, d (and output_padding) that does it, as "
        "PyTorch and Keras layers, each a link to its page.",
        (
            Preset("224 → 112", {"kind": "conv", "n": "224", "o": "112"}),
            Preset("Upsample 7 → 15", {"kind": "transposed", "n": "7", "o": "15"}),
        ),
    ),
    PageInfo(
        "app_pages/exercises.py",
        "Exercises",
        "📝",
        "exercises",
        "Tools",
        "Predict, then reveal: question sets on every topic from a seed, checked by the "
        "engine, shareable as a link.",
        (
            Preset("Five on the standard conv", {"topic": "standard", "q": "5", "seed": "1"}),
            Preset("A mixed set of eight", {"topic": "all", "q": "8", "seed": "7"}),
        ),
    ),
)
