"""Every colour and font of the scenes and figures, in one place (static/scene.js gets them
through :func:`scene_palette`).

Colours come from the Okabe–Ito palette (safe for the common colour-vision deficiencies)
and read on a projector: light cell fills, dark numbers, strong outlines. A kernel tap and
the input cell it meets share a tap colour; padding and inserted zeros are neutral greys
with a hatch. The fills behind numbers have dark twins for dark-themed viewers.
"""

from __future__ import annotations

FONT_FAMILY = "'Source Sans', 'Segoe UI', 'Helvetica Neue', Arial, sans-serif"
TEXT = "#1b1f24"
MUTED_TEXT = "#6b7280"

INPUT_FILL = "#eef3fb"
PADDING_FILL = "#d9d9d9"
INSERTED_FILL = "#ececec"
HATCH = "#b0b0b0"

WINDOW_OUTLINE = "#d55e00"  # vermillion: the kernel window and the current output cell
PINNED_OUTLINE = "#0072b2"
OUTPUT_SCALE = [[0.0, "#f7fbff"], [0.5, "#c6dbef"], [1.0, "#6baed6"]]
PENDING_FILL = "#fbfbfb"  # covers output cells not computed yet
PENDING_LINE = "#c8c8c8"
VALUE_SCALE = [[0.0, "#00204c"], [0.5, "#7c7b78"], [1.0, "#ffe945"]]  # cividis, 3 stops

TAP_COLOURS = (
    "#e69f00",  # orange
    "#56b4e9",  # sky blue
    "#009e73",  # bluish green
    "#f0e442",  # yellow
    "#0072b2",  # blue
    "#d55e00",  # vermillion
    "#cc79a7",  # reddish purple
    "#999999",  # grey
    "#8c6d31",  # brown
)
TAP_ALPHA = 0.6

FRAME_MS = 700  # animation: one step per FRAME_MS at 1×


def figure_layout(**settings: object) -> dict:
    """The frame every static figure shares: no legend, the page's background and text.

    Backgrounds are transparent and the text colour is left to Streamlit's plotly theme,
    so a figure reads on a light and on a dark page. ``settings`` (height, margin, …) are
    added and win over the frame.
    """
    return {
        "showlegend": False,
        "plot_bgcolor": "rgba(0,0,0,0)",
        "paper_bgcolor": "rgba(0,0,0,0)",
        "font": {"family": FONT_FAMILY},
        **settings,
    }


def tap_colour_indices(rows: int, cols: int) -> list[int]:
    """Each tap's colour (an index into ``TAP_COLOURS``) of a ``rows × cols`` kernel, row-major.

    A tap and the cell it reads share a colour while there are colours enough; a larger
    kernel (k ≥ 4 in 2-D: 16 taps, 9 colours) is coloured by row, so a kernel row, the
    window row it reads and their products still share one (recycled colours would link a
    product to two cells).
    """
    count = len(TAP_COLOURS)
    if rows * cols <= count:
        return list(range(rows * cols))
    return [(tap // cols) % count for tap in range(rows * cols)]


def taps_by_row(rows: int, cols: int) -> bool:
    """Whether :func:`tap_colour_indices` colours this kernel by row."""
    return rows * cols > len(TAP_COLOURS)


def with_alpha(hex_colour: str, alpha: float) -> str:
    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha})"


def format_number(value: float) -> str:
    """Short, exact-looking numbers: ints without decimals, others with at most 2."""
    if abs(value - round(value)) < 1e-9:
        return str(round(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")


DIVERGING = [[0.0, "#67a9cf"], [0.5, "#f7f7f7"], [1.0, "#ef8a62"]]  # negative · 0 · positive
COUNT_SCALE = [[0.0, "#ffffff"], [1e-6, "#deebf7"], [0.5, "#6baed6"], [1.0, "#08306b"]]
"""Path counts and gradients: zero (a hole) stays white, more paths are darker blue."""
GAP_ZERO = "#a8a8a8"  # the zeros dilation inserts into a kernel, lighter than the taps
MASK_SCALE = [[0.0, "#ffffff"], [1.0, "#9aa0a6"]]  # a 0/1 mask: white masked, grey kept
TREE_NODE = "#d0d0d0"  # a time step of the WaveNet tree that the output does not depend on
FUTURE_FILL = "rgba(60,60,60,0.28)"  # inputs after the current time step (causal pages)
FUTURE_LINE = "#555555"
LEAK = "#c0392b"  # outputs that read their future
GRID_LINES = "#dde3ec"  # shows through the gaps between heatmap cells

# --- The animated scenes (static/scene.js) follow the viewer's light or dark theme: the
# fills that sit behind numbers have a dark twin; tap colours, outlines and the diverging
# and count scales' strong ends read on both.
DARK = {
    "text": "#e8eaed",
    "muted": "#9aa0a6",
    "input": "#1e2a3a",
    "padding": "#3b3f45",
    "inserted": "#2c3036",
    "hatch": "#6b7078",
    "pending": "#262a30",
    "pendingLine": "#4a4f57",
    "gridLines": "#3a3f47",
}
LIGHT = {
    "text": TEXT,
    "muted": MUTED_TEXT,
    "input": INPUT_FILL,
    "padding": PADDING_FILL,
    "inserted": INSERTED_FILL,
    "hatch": HATCH,
    "pending": PENDING_FILL,
    "pendingLine": PENDING_LINE,
    "gridLines": GRID_LINES,
}
DARK_SCALES = {
    "output": [[0.0, "#1c2733"], [0.5, "#2f5f8a"], [1.0, "#4f9bd9"]],
    "count": [[0.0, "#0e1117"], [1e-6, "#1f3550"], [0.5, "#3f7fbf"], [1.0, "#9ecae1"]],
    "diverging": [[0.0, "#4f9bd9"], [0.5, "#2a2d33"], [1.0, "#f28e5b"]],
}


def scene_palette() -> dict:
    """Every colour an animated scene uses, for light and for dark viewers."""
    return {
        "light": {**LIGHT, "scales": {**SCENE_SCALES}},
        "dark": {**DARK, "scales": {**SCENE_SCALES, **DARK_SCALES}},
        "taps": list(TAP_COLOURS),
        "tapAlpha": TAP_ALPHA,
        "window": WINDOW_OUTLINE,
        "pinned": PINNED_OUTLINE,
        "future": FUTURE_FILL,
        "futureLine": FUTURE_LINE,
        "leak": LEAK,
    }


SCENE_SCALES = {
    "output": OUTPUT_SCALE,
    "count": COUNT_SCALE,
    "diverging": DIVERGING,
    "value": VALUE_SCALE,
}
