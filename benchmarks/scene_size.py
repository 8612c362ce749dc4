"""Bytes a scene costs per rerun: the largest Standard and Transposed settings, and defaults.

A scene is sent to the browser whenever its setting changes; its per-step marks are packed
(``viz.scene_contract.pack``). Prints the JSON size of each scene, as the component gets it.

    .venv/bin/python -m benchmarks.scene_size
"""

from __future__ import annotations

import json
from itertools import product

import numpy as np

import conv_engine as ce
from ui.choices import MAX_INPUT_2D, MAX_KERNEL
from viz.scenes import scatter_scene, sliding_scene


def size(scene: dict) -> int:
    return len(json.dumps(scene, ensure_ascii=False).encode())


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
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value / 1000:6.1f} kB")


if __name__ == "__main__":
    main()
