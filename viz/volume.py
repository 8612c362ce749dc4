"""A convolution layer's scene: the input volume, the kernels and the output volume.

The same ``sliding`` scene as one kernel over one map (:func:`viz.scenes.sliding_scene`),
its three panels each now holding a stack of maps, laid out so a step reads left to right:

- **input**: the ``C_in`` maps side by side, channel 0 first (a 1-D input: one row each);
- **kernels**: kernel ``o`` is row ``o``, its ``C_in`` slices side by side in the input's
  channel order (a 1-D kernel: its slices are rows, kernels one under the other);
- **output**: the ``C_out`` maps side by side, map ``o`` written by kernel ``o`` (a 1-D
  output: one row each).

Side by side, not one under the other: a stack of four 12 × 12 maps in a column would not
fit a 1280 × 720 screen under the step's sum, where a row wraps onto a second line.

Blank cells separate the maps. Each step's marks come from the layer's traces (the engine's
index map): every product's input cell (in every input channel), its weight in the current
kernel, the output cell written, and the step's sum grouped by input channel with the
channel's bias (the player writes a line per channel under the sum).
"""

from __future__ import annotations

import numpy as np

from conv_engine import PADDING, LayerTrace
from i18n import pt, t

from . import theme
from .scene_contract import CELL_KINDS, pack, pack_texts, shown
from .scenes import FILL_WORDS, Panel, _scene, padding_sources_of

BLANK = CELL_KINDS.index("blank")


def tile(maps: np.ndarray, columns: int, blank: float = np.nan) -> tuple[np.ndarray, list]:
    """``maps`` ``(n, h, w)`` on one grid, ``columns`` to a row, one blank cell between
    neighbours; returns the grid and each map's top-left ``(row, col)``."""
    count, height, width = maps.shape
    rows = -(-count // columns)
    used = min(count, columns)
    grid = np.full((rows * (height + 1) - 1, used * (width + 1) - 1), blank, dtype=float)
    corners = []
    for index in range(count):
        top, left = (index // columns) * (height + 1), (index % columns) * (width + 1)
        grid[top : top + height, left : left + width] = maps[index]
        corners.append((top, left))
    return grid, corners


# the room a scene's grids have on a 1280 × 720 projector, in cells' px: its width, and
# its height under the toolbar and the step's sum (what the tiling below optimises for)
NOMINAL_ROOM = (900, 400)


def map_columns(
    input_shape: tuple[int, ...], weight_shape: tuple[int, ...], output_shape: tuple[int, ...]
) -> tuple[int, int]:
    """How many input maps and output maps go to a row: all of them (one row, read left to
    right), or half (two rows) where that lets the cells of the whole scene be larger in
    :data:`NOMINAL_ROOM` (four 12 × 12 maps in a row would leave 7 px cells, in two rows 12)."""
    c_in, height, width = input_shape
    c_out, _, k_h, k_w = weight_shape
    _, out_h, out_w = output_shape
    kernel_cols = c_in * (k_w + 1) - 1
    kernel_rows = c_out * (k_h + 1) - 1

    def extent(count: int, columns: int, rows: int, cols: int) -> tuple[int, int]:
        return -(-count // columns) * (rows + 1) - 1, columns * (cols + 1) - 1

    def cell(choice: tuple[int, int]) -> float:
        (in_rows, in_cols) = extent(c_in, choice[0], height, width)
        (out_rows, out_cols) = extent(c_out, choice[1], out_h, out_w)
        total_cols = in_cols + kernel_cols + out_cols
        total_rows = max(in_rows, kernel_rows, out_rows)
        return min(NOMINAL_ROOM[0] / total_cols, NOMINAL_ROOM[1] / total_rows)

    choices = [(a, b) for a in {c_in, -(-c_in // 2)} for b in {c_out, -(-c_out // 2)}]
    return max(sorted(choices, reverse=True), key=cell)  # ties: one row


def _flat(corner: tuple[int, int], cols: int, cells: np.ndarray, width: int) -> np.ndarray:
    """Flat indices on a tiled grid ``cols`` wide of a map's own flat ``cells``."""
    rows, columns = np.divmod(cells, width)
    return (corner[0] + rows) * cols + corner[1] + columns


def _named(shape: tuple[int, int], corners: list, block: tuple[int, int], name) -> tuple:
    """A tiled panel's cell names (``""`` for a blank cell), and the flat cell of every
    map's cells in order (map by map, row-major): ``name(map, row, col)`` names each."""
    names = [""] * (shape[0] * shape[1])
    cells = []
    for index, (top, left) in enumerate(corners):
        for row in range(block[0]):
            for col in range(block[1]):
                at = (top + row) * shape[1] + left + col
                names[at] = name(index, row, col)
                cells.append(at)
    return names, cells


def layer_scene(layer: LayerTrace, *, start: int = 0) -> dict:
    """The animation of a layer: output channel by output channel, position by position."""
    first = layer.first
    geometry = first.geometry
    one_d = geometry.ndim == 1
    c_in, c_out = layer.in_channels, layer.out_channels
    grid = first.grid  # (C_in, *padded): the same for every kernel
    weight = layer.weight  # (C_out, C_in, *k)
    output = layer.output  # (C_out, *out)
    coordinates = [
        [str(i - origin) for i in range(size)]
        for size, origin in zip(grid.shape[1:], first.input_origin, strict=True)
    ]
    if one_d:
        input_grid, input_corners = grid, [(c, 0) for c in range(c_in)]
        kinds = np.broadcast_to(first.cell_kind, grid.shape)
        kernel_grid, kernel_corners = tile(weight, c_out)  # kernels side by side
        output_grid, output_corners = output, [(o, 0) for o in range(c_out)]
    else:
        across_in, across_out = map_columns(grid.shape, weight.shape, output.shape)
        input_grid, input_corners = tile(grid, across_in)
        kinds = tile(np.broadcast_to(first.cell_kind, grid.shape), across_in, BLANK)[0]
        slices = weight.reshape(c_out * c_in, *weight.shape[2:])
        kernel_grid, kernel_corners = tile(slices, c_in)
        output_grid, output_corners = tile(output, across_out)
    kinds = np.asarray(kinds, dtype=np.int8)
    kernel_kinds = np.where(np.isnan(kernel_grid), BLANK, 0)

    # every cell's name, and each map's cells in order: x[c, i, j] by the input's
    # coordinates (padding negative), w[o, c, i, j], y[o, i, j]
    def x_name(c: int, row: int, col: int) -> str:
        where = [coordinates[-1][col]] if one_d else [coordinates[0][row], coordinates[1][col]]
        return f"x[{', '.join([str(c), *where])}]"

    def w_name(block: int, row: int, col: int) -> str:
        if one_d:  # kernel o's slices are its rows
            return f"w[{block}, {row}, {col}]"
        o, c = divmod(block, c_in)
        return f"w[{o}, {c}, {row}, {col}]"

    def y_name(o: int, row: int, col: int) -> str:
        return f"y[{o}, {col}]" if one_d else f"y[{o}, {row}, {col}]"

    map_shape = (1, grid.shape[1]) if one_d else grid.shape[1:]
    slice_shape = (c_in, weight.shape[2]) if one_d else weight.shape[2:]
    out_shape = (1, output.shape[1]) if one_d else output.shape[1:]
    input_names, _ = _named(input_grid.shape, input_corners, map_shape, x_name)
    kernel_names, kernel_cells = _named(kernel_grid.shape, kernel_corners, slice_shape, w_name)
    output_names, written_cells = _named(output_grid.shape, output_corners, out_shape, y_name)

    # every step's marks: what each product reads (in every channel) and its weight
    windows = first.windows  # (positions, taps, ndim): the index map, over one padded map
    taps = windows.shape[1]
    own = (
        windows[..., 0]
        if one_d
        else np.ravel_multi_index(tuple(np.moveaxis(windows, -1, 0)), grid.shape[1:])
    )
    cols = input_grid.shape[1]
    reads = np.concatenate(
        [_flat(input_corners[c], cols, own, map_shape[1]) for c in range(c_in)], axis=1
    )  # (positions, C_in · taps): channel by channel, tap by tap
    reads = np.tile(reads, (c_out, 1))
    # the kernel cells in the reads' order: kernel by kernel, slice by slice, tap by tap
    weights = np.repeat(np.reshape(kernel_cells, (c_out, c_in * taps)), layer.positions, axis=0)
    products = np.concatenate([kernel.products for kernel in layer.kernels])  # (steps, C_in, taps)
    group_sums = products.sum(axis=2)
    tap_colours = theme.tap_colour_indices(*((1, taps) if one_d else weight.shape[2:]))
    kernel_colours = np.zeros(kernel_grid.size, dtype=int)
    kernel_colours[kernel_cells] = np.array(tap_colours)[np.arange(len(kernel_cells)) % taps]

    padded = PADDING in np.unique(first.cell_kind)
    # the maps show how many channels; the kernels' title says their shape and the biases
    biases = [theme.format_number(float(b)) for b in layer.biases]
    kernel_title = t("{count} kernels of {slices} slices", count=c_out, slices=c_in)
    if layer.has_bias:
        kernel_title = t(
            "{count} kernels of {slices} slices, biases {biases}",
            count=c_out,
            slices=c_in,
            biases=", ".join(shown(b) for b in biases),
        )
    panels = [
        Panel(
            t("Input (padded)") if padded else t("Input"),
            input_grid,
            "kinds",
            "x",
            kinds,
            sources=_sources(layer, input_corners, cols, one_d),
            names=input_names,
        ),
        Panel(
            kernel_title,
            kernel_grid,
            "taps",
            "w",
            kernel_kinds,
            tap_colours=kernel_colours.tolist(),
            names=kernel_names,
        ),
        Panel(
            t("Output"),
            output_grid,
            "output",
            "y",
            names=output_names,
        ),
    ]
    keys = [("input", pt("a legend key: a cell of the input, not padding", "input"))]
    keys += [("padding", FILL_WORDS[layer.padding_mode]())] if padded else []
    keys += [
        ("taps", t("kernel taps (a tap and the cell it reads share a colour)")),
        ("pending", t("not computed yet")),
        ("current", t("this step's output")),
    ]
    step_bias = None
    if layer.has_bias:
        step_bias = pack_texts([biases[o] for o in range(c_out) for _ in range(layer.positions)])
    return _scene(
        "sliding",
        panels,
        layer.num_steps,
        start,
        stacked=one_d,
        reads=pack(reads),
        weights=pack(weights),
        written=pack(np.array(written_cells)),
        shade=None,
        flagged=[],
        bias=step_bias,
        groupSums=pack_texts([theme.format_number(float(v)) for v in group_sums.ravel()])
        if c_in > 1
        else None,
        legend=[{"swatch": swatch, "label": label} for swatch, label in keys],
    )


def _sources(layer: LayerTrace, corners: list, cols: int, one_d: bool) -> np.ndarray | None:
    """Each padded cell's source (a padding that copies the input), on the tiled grid."""
    own = padding_sources_of(layer.first)
    if own is None:
        return None
    if one_d:
        return own  # already one row per channel
    height, width = layer.first.grid.shape[1:]
    tiled = np.full((height, cols), -1, dtype=np.int64)
    copies = own >= 0
    for corner in corners:
        target = np.where(copies, _flat(corner, cols, np.where(copies, own, 0), width), -1)
        tiled[:, corner[1] : corner[1] + width] = target
    return tiled
