"""Bytes a scene costs per rerun: the largest Standard (one map, and a layer) and Transposed
settings, and defaults.

A scene is sent to the browser whenever its setting changes; its per-step marks are packed
(``viz.scene_contract.pack``). Prints the JSON size of each scene, as the component gets it.

    .venv/bin/python -m benchmarks.scene_size
"""

from __future__ import annotations

import json
from itertools import product

import numpy as np

import conv_engine as ce
from ui.channels import LAYER_LIMITS, MAX_CHANNELS, MAX_LAYER_KERNEL
from ui.choices import MAX_INPUT_2D, MAX_KERNEL, kernel_bounds
from viz.scenes import scatter_scene, sliding_scene
from viz.volume import layer_scene


def size(scene: dict) -> int:
    return len(json.dumps(scene, ensure_ascii=False).encode())


def layer_rows(rng: np.random.Generator) -> list[tuple[str, int]]:
    """The Standard page as a layer (4 channels in and out, a bias): its largest scene over
    every padding and kernel the layer's bounds reach, and a default-sized one."""
    largest, padded = LAYER_LIMITS
    x = rng.integers(0, 10, size=(MAX_CHANNELS, largest, largest)).astype(float)
    biases = np.ones(MAX_CHANNELS)
    found = []
    for rule, pad in [("valid", 0), ("same", 0), ("full", 0), *((p, p) for p in range(1, 4))]:
        explicit = 2 * pad if isinstance(rule, int) else 0
        mode = "explicit" if isinstance(rule, int) else rule
        k_limit, _ = kernel_bounds(largest, mode, explicit, max_padded=padded)
        for k in range(1, min(k_limit, MAX_LAYER_KERNEL) + 1):
            _, d_limit = kernel_bounds(largest, mode, explicit, k, max_padded=padded)
            for d in range(1, d_limit + 1):
                w = rng.integers(-2, 3, size=(MAX_CHANNELS, MAX_CHANNELS, k, k)).astype(float)
                layer = ce.layer_trace(x, w, biases, 1, rule, d)
                found.append((size(layer_scene(layer)), f"{rule} k={k} d={d}"))
    bytes_, label = max(found)
    small = ce.layer_trace(x[:, :6, :6], np.ones((MAX_CHANNELS, MAX_CHANNELS, 3, 3)), biases)
    return [
        (f"Standard layer 4→4 + b, 8×8 {label} (largest)", bytes_),
        ("Standard layer 4→4 + b, 6×6 k=3", size(layer_scene(small))),
    ]


def main() -> None:
    rng = np.random.default_rng(0)
    x = rng.integers(0, 10, size=(MAX_INPUT_2D, MAX_INPUT_2D)).astype(float)
    rows = []
    standard = max(
        (
            (size(sliding_scene(ce.conv_trace(x, np.ones((k, k)), 1, "full", d))), k, d)
            for k, d in product(range(1, MAX_KERNEL + 1), range(1, 3))
            if ce.effective_kernel_size(k, d) <= MAX_INPUT_2D + 2 * (k - 1)
        ),
    )
    rows.append((f"Standard 12×12 full, k={standard[1]} d={standard[2]} (largest)", standard[0]))
    default = sliding_scene(ce.conv_trace(x[:6, :6], np.ones((3, 3))))
    rows.append(("Standard default 6×6 k=3", size(default)))
    # the largest transposed scenes the page reaches (found by a search over every setting
    # it can reach), and its default
    for n, k, stride, d, p, op in [(7, 4, 2, 1, 0, 1), (4, 4, 3, 2, 0, 2), (3, 3, 2, 1, 0, 0)]:
        xt = rng.integers(1, 10, size=(n, n)).astype(float)
        w = rng.integers(-2, 3, size=(k, k)).astype(float)
        args = {"stride": stride, "padding": p, "output_padding": op, "dilation": d}
        label = f"Transposed n={n} k={k} s={stride} d={d} p={p} op={op}"
        rows.append(
            (label + ": scatter", size(scatter_scene(ce.scatter_trace(xt, w, **args), (0, 0))))
        )
        rows.append(
            (label + ": zero insertion", size(sliding_scene(ce.transposed_trace(xt, w, **args))))
        )
    rows += layer_rows(rng)
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value / 1000:6.1f} kB")


if __name__ == "__main__":
    main()
