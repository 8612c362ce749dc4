"""A plotly Figure over a ready-made spec dict.

The figure builders return plain dicts; plotly's per-property validation of an animated
figure is a large part of a rerun's time. The tests validate every builder's output with
``go.Figure(spec)`` once, so at run time the spec is handed over as it is.
"""

from __future__ import annotations

import plotly.graph_objects as go


class PlainFigure(go.Figure):
    """A ``go.Figure`` whose ``to_dict`` returns the given, already valid, spec untouched."""

    def __init__(self, spec: dict) -> None:
        super().__init__()
        self._spec = spec

    def to_dict(self) -> dict:
        return self._spec

    def to_plotly_json(self) -> dict:
        return self._spec
