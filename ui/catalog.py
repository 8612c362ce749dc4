"""The pages of the app, with the presets the home page offers to jump in.

One list serves ``app.py`` (navigation) and the home page (map and links).
"""

from __future__ import annotations

from dataclasses import dataclass

from i18n import N_


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
        N_("Standard convolution"),
        "🔲",
        "standard",
        N_("Convolutions"),
        N_(
            "A kernel slides over a 2-D input: padding (VALID, SAME, FULL, explicit), stride and "
            "dilation, every product visible."
        ),
        (
            Preset(N_("VALID shrinks 6×6 → 4×4"), {"p": "valid", "k": "3", "s": "1"}),
            Preset(N_("SAME keeps the size"), {"p": "same", "k": "3", "s": "1"}),
            Preset(
                N_("SAME, stride 2: the extra zero"),
                {"p": "same", "k": "3", "s": "2", "h": "6", "w": "6"},
            ),
            Preset(
                N_("d2l's 3×3 example: 19, 25, 37, 43"),
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
        N_("Conv1d"),
        "〰️",
        "conv1d",
        N_("Convolutions"),
        N_(
            "A window over a sequence, and over frames × features: a Conv1d kernel of size n "
            "is really n × F."
        ),
        (
            Preset(N_("Dilated difference, d = 2"), {"d": "2", "p": "same"}),
            Preset(N_("Causal padding"), {"p": "causal", "k": "3"}),
        ),
    ),
    PageInfo(
        "app_pages/transposed.py",
        N_("Transposed convolution"),
        "🔼",
        "transposed",
        N_("Convolutions"),
        N_(
            "Upsampling shown three ways (scatter, zero insertion, matrix Cᵀ), why output_padding "
            "exists, and where checkerboards come from."
        ),
        (
            Preset(N_("The article's 7 → 15 (F = 3, S = 2)"), {"n": "7", "k": "3", "s": "2"}),
            Preset(N_("Checkerboard: k = 3, s = 2"), {"k": "3", "s": "2", "n": "3"}),
            Preset(N_("No checkerboard: k = 4, s = 2"), {"k": "4", "s": "2", "n": "3"}),
        ),
    ),
    PageInfo(
        "app_pages/dilated.py",
        N_("Dilated convolution"),
        "🕳️",
        "dilated",
        N_("Receptive fields"),
        N_(
            "Gaps inside the kernel: k_eff = k + (k − 1)(d − 1), receptive fields that grow "
            "exponentially (3 → 7 → 15), and the gridding holes of a bad schedule."
        ),
        (
            Preset(N_("d = 2 on a 9×9 input"), {"d": "2", "k": "3", "h": "9", "w": "9"}),
            Preset(N_("Schedule 1, 2, 5 (no holes)"), {"rates": "1, 2, 5"}),
            Preset(N_("Schedule 2, 4, 8 (gridding)"), {"rates": "2, 4, 8"}),
        ),
    ),
    PageInfo(
        "app_pages/receptive-field.py",
        N_("Receptive-field lab"),
        "🎯",
        "receptive-field",
        N_("Receptive fields"),
        N_(
            "Build any stack of conv and pooling layers: per-layer size, jump and start, what one "
            "output sees, and the effective receptive field."
        ),
        (
            Preset(N_("Plain 3×3 × 3"), {"preset": "plain 3×3 × 3"}),
            Preset(
                N_("WaveNet block: 1024"),
                {"preset": "WaveNet block (k = 2, d = 1…512)", "n": "1100"},
            ),
            Preset(N_("VGG-like"), {"preset": "VGG-like", "n": "224"}),
        ),
    ),
    PageInfo(
        "app_pages/causal.py",
        N_("Causal convolution"),
        "⏳",
        "causal",
        N_("Sequences"),
        N_(
            "Outputs that never see the future: the left-only padding, the leak of centred "
            "padding, the WaveNet stack (1024 steps) and streaming inference."
        ),
        (
            Preset(N_("Leak the future"), {"leak": "1", "k": "3"}),
            Preset(N_("WaveNet: k = 2, d up to 512"), {"wk": "2", "dmax": "512"}),
        ),
    ),
    PageInfo(
        "app_pages/separable.py",
        N_("Separable convolution"),
        "🧩",
        "separable",
        N_("Channels"),
        N_(
            "Depthwise then pointwise: channels made visible, a groups slider from standard to "
            "depthwise, and live parameter counters (1/C_out + 1/k²)."
        ),
        (
            Preset(
                N_("8 → 16 channels, k = 3: 1,152 vs 200"), {"cin": "8", "cout": "16", "k": "3"}
            ),
            Preset(N_("Groups = 2"), {"cin": "4", "cout": "4", "g": "2"}),
        ),
    ),
    PageInfo(
        "app_pages/lightweight.py",
        N_("Lightweight convolution"),
        "🪶",
        "lightweight",
        N_("Channels"),
        N_(
            "Softmax-normalised kernels shared by heads, dynamic kernels predicted per step, and "
            "how a convolution's band compares with attention."
        ),
        (
            Preset(N_("16 channels, 4 heads, k = 5"), {"c": "16", "h": "4", "k": "5"}),
            Preset(N_("Causal, with DropConnect"), {"causal": "1", "drop": "30"}),
        ),
    ),
    PageInfo(
        "app_pages/solver.py",
        N_("Size solver"),
        "🧮",
        "solver",
        N_("Tools"),
        N_(
            "I have 224 and want 112: every k, s, p, d (and output_padding) that does it, as "
            "PyTorch and Keras layers, each a link to its page."
        ),
        (
            Preset(N_("224 → 112"), {"kind": "conv", "n": "224", "o": "112"}),
            Preset(N_("Upsample 7 → 15"), {"kind": "transposed", "n": "7", "o": "15"}),
        ),
    ),
    PageInfo(
        "app_pages/exercises.py",
        N_("Exercises"),
        "📝",
        "exercises",
        N_("Tools"),
        N_(
            "Predict, then reveal: question sets on every topic from a seed, checked by the "
            "engine, shareable as a link."
        ),
        (
            Preset(N_("Five on the standard conv"), {"topic": "standard", "q": "5", "seed": "1"}),
            Preset(N_("A mixed set of eight"), {"topic": "all", "q": "8", "seed": "7"}),
        ),
    ),
)
