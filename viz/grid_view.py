"""Turn an engine trace into what a sliding-window picture draws: 2-D grids and rectangles.

A 2-D trace is drawn as it is. A 1-D trace is drawn as a grid with one row per input
channel (one row for a plain signal; F rows for a frames × features input), and each kernel
tap covers a whole column of it: a Conv1d's window really is ``F × n``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from conv_engine import ConvTrace

from .theme import TAP_COLOURS


@dataclass(frozen=True)
class GridView:
    """Display data of a sliding-window animation.

    Attributes
    ----------
    values, kinds : ``(R, C)`` the grid the kernel slides over and its cell kinds
    row_labels, col_labels : axis labels (input coordinates; padding is negative or past the end)
    rectangles : ``(steps, n, 5)`` ``(row0, col0, row1, col1, tap)`` inclusive cell spans the
        window covers at each step, each with its tap id (colour)
    kernel, kernel_taps : ``(Rk, Ck)`` kernel values and each cell's tap id
    output : ``(Ro, Co)`` output values
    output_cells : ``(steps, 2)`` (row, col) of the output computed at each step
    output_names : ``(steps,)`` e.g. ``"y[1, 2]"``
    present : optional ``(steps,)`` grid column of "now" at each step: columns after it are
        the future (drawn masked)
    flagged : optional ``(Ro, Co)`` bool, output cells to outline in red (e.g. leaks)
    """

    values: np.ndarray
    kinds: np.ndarray
    row_labels: tuple[str, ...]
    col_labels: tuple[str, ...]
    rectangles: np.ndarray
    kernel: np.ndarray
    kernel_taps: np.ndarray
    output: np.ndarray
    output_cells: np.ndarray
    output_names: tuple[str, ...]
    present: np.ndarray | None = None
    flagged: np.ndarray | None = None

    @property
    def num_steps(self) -> int:
        return len(self.output_cells)

    def step_of(self, row: int, col: int) -> int:
        """The step that computes output cell (row, col)."""
        return int(row * self.output.shape[1] + col)


def step_names(output_shape: tuple[int, ...]) -> tuple[str, ...]:
    """``y[r, c]`` (2-D) or ``y[t]`` (1-D) for each step, in row-major order."""
    return tuple(
        "y[" + ", ".join(str(int(i)) for i in np.unravel_index(step, output_shape)) + "]"
        for step in range(int(np.prod(output_shape)))
    )


def _labels(size: int, origin: int) -> tuple[str, ...]:
    return tuple(str(i - origin) for i in range(size))


def grid_view_2d(trace: ConvTrace) -> GridView:
    """Display a single-channel 2-D trace: one rectangle per kernel tap."""
    if trace.grid.shape[0] != 1 or trace.geometry.ndim != 2:
        raise ValueError("grid_view_2d draws single-channel 2-D traces")
    windows = trace.windows  # (steps, taps, 2)
    if windows.shape[1] > len(TAP_COLOURS) and all(d == 1 for d in trace.geometry.dilation):
        # a big solid window: one rectangle in one colour reads better than cycled colours
        corners = np.concatenate([windows[:, :1], windows[:, -1:]], axis=-1)
        rectangles = np.concatenate([corners, np.zeros_like(corners[..., :1])], axis=-1)
    else:
        taps = np.broadcast_to(np.arange(windows.shape[1]), windows.shape[:2])
        rectangles = np.concatenate([windows, windows, taps[..., None]], axis=-1)
    output = trace.output
    cells = np.stack(np.unravel_index(np.arange(output.size), output.shape), axis=-1)
    return GridView(
        values=trace.grid[0],
        kinds=trace.cell_kind,
        row_labels=_labels(trace.grid.shape[1], trace.input_origin[0]),
        col_labels=_labels(trace.grid.shape[2], trace.input_origin[1]),
        rectangles=rectangles,
        kernel=trace.weight[0],
        kernel_taps=np.arange(trace.weight[0].size).reshape(trace.weight[0].shape),
        output=output,
        output_cells=cells,
        output_names=step_names(output.shape),
    )


def grid_view_1d(
    trace: ConvTrace,
    channel_labels: tuple[str, ...] | None = None,
    time_masks: bool = False,
    leaks: np.ndarray | None = None,
) -> GridView:
    """Display a 1-D trace with C channels as C rows; each tap spans every row.

    With ``time_masks`` the input after each output's own time (``t·s``) is drawn as the
    future; ``leaks`` (one bool per output) outlines outputs that read their future.
    """
    if trace.geometry.ndim != 1:
        raise ValueError("grid_view_1d draws 1-D traces")
    channels, length = trace.grid.shape
    columns = trace.windows[..., 0]  # (steps, taps)
    steps, taps = columns.shape
    rectangles = np.stack(
        [
            np.zeros_like(columns),
            columns,
            np.full_like(columns, channels - 1),
            columns,
            np.broadcast_to(np.arange(taps), (steps, taps)),
        ],
        axis=-1,
    )
    output = trace.output[None, :]
    cells = np.stack([np.zeros(steps, dtype=int), np.arange(steps)], axis=-1)
    return GridView(
        values=trace.grid,
        kinds=np.broadcast_to(trace.cell_kind, (channels, length)),
        row_labels=channel_labels or tuple(str(c) for c in range(channels)),
        col_labels=_labels(length, trace.input_origin[0]),
        rectangles=rectangles,
        kernel=trace.weight,
        kernel_taps=np.broadcast_to(np.arange(taps), trace.weight.shape),
        output=output,
        output_cells=cells,
        output_names=step_names((steps,)),
        present=(
            np.arange(steps) * trace.geometry.stride[0] + trace.input_origin[0]
            if time_masks
            else None
        ),
        flagged=None if leaks is None else np.asarray(leaks, dtype=bool)[None, :],
    )
