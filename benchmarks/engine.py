"""Engine throughput: median time per call, and its ratio to SciPy and PyTorch (1 thread).

Run: ``.venv/bin/python -m benchmarks.engine`` (or ``make bench``). Prints a table; not a test.
"""

from __future__ import annotations

import os
import timeit

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np

import conv_engine as ce

try:
    import torch

    torch.set_num_threads(1)
    F = torch.nn.functional
except ImportError:
    torch = None
try:
    from scipy import signal
except ImportError:
    signal = None


def median_seconds(call, budget: float = 0.4) -> float:
    """Median of repeated timings, with the repeat count chosen to fill about ``budget`` s."""
    timer = timeit.Timer(call)
    number, elapsed = timer.autorange()
    per_call = elapsed / number
    number = max(1, int(budget / 7 / per_call))
    return float(np.median(timer.repeat(7, number)) / number)


def cases():
    rng = np.random.default_rng(0)

    def arr(*shape):
        return rng.normal(size=shape)

    x, w = arr(1, 1, 7, 7), arr(1, 1, 3, 3)
    yield (
        "conv2d 1×1×7×7, k=3",
        lambda: ce.conv2d(x, w),
        (lambda: signal.correlate2d(x[0, 0], w[0, 0], mode="valid")),
        ("conv2d", x, w, {}),
    )
    x2, w2 = arr(1, 3, 128, 128), arr(8, 3, 3, 3)
    yield (
        "conv2d 1×3×128² → 8, k=3 same",
        lambda: ce.conv2d(x2, w2, padding="same"),
        None,
        ("conv2d", x2, w2, {"padding": 1}),
    )
    x3, w3 = arr(1, 64, 56, 56), arr(64, 64, 3, 3)
    yield "conv2d 1×64×56² → 64, k=3", lambda: ce.conv2d(x3, w3), None, ("conv2d", x3, w3, {})
    wd = arr(64, 1, 3, 3)
    yield (
        "depthwise 64 ch 56², k=3",
        lambda: ce.conv2d(x3, wd, groups=64),
        None,
        ("conv2d", x3, wd, {"groups": 64}),
    )
    x4, w4 = arr(1, 16, 32, 32), arr(16, 8, 4, 4)
    yield (
        "conv_transpose2d 1×16×32² → 8, k=4 s=2",
        (lambda: ce.conv_transpose2d(x4, w4, stride=2)),
        None,
        ("conv_transpose2d", x4, w4, {"stride": 2}),
    )
    seq, wc = arr(1, 1, 16000), arr(1, 1, 3)
    for d in (1, 512):
        yield (
            f"conv1d causal 16000, k=3, d={d}",
            (lambda d=d: ce.conv1d(seq, wc, padding="causal", dilation=d)),
            None,
            ("conv1d", np.pad(seq, ((0, 0), (0, 0), (2 * d, 0))), wc, {"dilation": d}),
        )


def main() -> None:
    print(
        f"{'case':42s} {'engine':>10s} {'scipy':>10s} {'torch':>10s} {'÷scipy':>7s} {'÷torch':>7s}"
    )
    for name, ours, scipy_call, torch_spec in cases():
        t_ours = median_seconds(ours)
        t_scipy = median_seconds(scipy_call) if scipy_call and signal else float("nan")
        t_torch = float("nan")
        if torch is not None:
            op, x, w, kwargs = torch_spec
            tx, tw = torch.tensor(x), torch.tensor(w)
            t_torch = median_seconds(
                lambda op=op, tx=tx, tw=tw, kw=kwargs: getattr(F, op)(tx, tw, **kw)
            )
        print(
            f"{name:42s} {t_ours * 1e6:9.1f}µ {t_scipy * 1e6:9.1f}µ {t_torch * 1e6:9.1f}µ "
            f"{t_ours / t_scipy:7.2f} {t_ours / t_torch:7.2f}"
        )


def sequence_mixing() -> None:
    """Lightweight conv vs one attention head in NumPy, d = 512, k = 7, H = 16 (1 thread)."""
    rng = np.random.default_rng(0)
    width = 512
    print(f"\n{'n':>6s} {'lightweight conv':>17s} {'attention (1 head)':>19s}")
    for length in (256, 1024, 4096):
        x, weight = rng.normal(size=(1, width, length)), rng.normal(size=(16, 7))
        q, k, v = (rng.normal(size=(length, width)) for _ in range(3))

        def attention(q=q, k=k, v=v):
            scores = ce.softmax(q @ k.T / np.sqrt(width), axis=-1)
            return scores @ v

        conv = median_seconds(lambda x=x, weight=weight: ce.lightweight_conv1d(x, weight), 1.0)
        attend = median_seconds(attention, 1.0)
        print(f"{length:6d} {conv * 1e3:15.1f}ms {attend * 1e3:17.1f}ms")


if __name__ == "__main__":
    main()
    sequence_mixing()
