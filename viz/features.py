"""Conv1d over frames × features: the window really is n × F, the output C_out × T'.

A speech input is a sequence of T feature vectors (e.g. 80 log-mel values per frame). A
Conv1d treats the F features as input channels, so each output value is computed from an
``F × n`` block of the spectrogram, and ``C_out`` kernels give a ``C_out × T'`` output.
"""

from __future__ import annotations

import numpy as np

from i18n import t

from .scenes import Box, Panel, boxes_scene

MAX_OUTPUT_ROWS = 16  # output channels drawn (cells a projector shows); the title gives all


def features_scene(x: np.ndarray, kernel: np.ndarray, output: np.ndarray) -> dict:
    """The ``F × n`` window sliding over a spectrogram, one kernel, and the output columns.

    Parameters
    ----------
    x : ``(F, T)`` features × frames
    kernel : ``(F, n)`` the weights of output channel 0
    output : ``(C_out, T')`` the full Conv1d output (valid padding, stride 1)
    """
    features, frames = x.shape
    n = kernel.shape[1]
    channels, steps = output.shape
    drawn = output[:MAX_OUTPUT_ROWS]
    more = (
        t(" (first {drawn} of {channels} drawn)", drawn=drawn.shape[0], channels=channels)
        if channels > drawn.shape[0]
        else ""
    )
    panels = [
        Panel(
            t("Input: {features} features × {frames} frames", features=features, frames=frames),
            x,
            "value",
            "x",
        ),
        Panel(
            t("Kernel 0: {features} × {n}", features=features, n=n),
            kernel,
            "diverging",
            "w",
            symmetric=True,
        ),
        Panel(
            t("Output: {channels} channels × {steps}", channels=channels, steps=steps) + more,
            drawn,
            "diverging",
            "y",
            symmetric=True,
        ),
    ]
    boxes = [
        [Box(0, 0, t, features - 1, t + n - 1), Box(2, 0, t, drawn.shape[0] - 1, t)]
        for t in range(steps)
    ]
    captions = [
        t(
            "y[:, {frame}]: the {features} × {n} window at frames {frame} … {last} against "
            "each of the {channels} kernels ({products} products each) gives one column of "
            "{channels} values",
            frame=frame,
            features=features,
            n=n,
            last=frame + n - 1,
            channels=channels,
            products=features * n,
        )
        for frame in range(steps)
    ]
    return boxes_scene(
        panels,
        boxes,
        captions,
        legend=[("window", t("the window and the output column it makes"))],
    )
