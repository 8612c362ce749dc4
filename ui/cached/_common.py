"""Shared pieces of the cached computations: the cache decorator and the sample photo."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ParamSpec, TypeVar

import numpy as np
import streamlit as st
from matplotlib.image import imread

ASSETS = Path(__file__).resolve().parents[2] / "assets"


# results kept per function: the largest figure is ~1 MB in memory, so a function holds
# at most ~32 MB however many students explore how many settings
ENTRIES = 32
P = ParamSpec("P")
R = TypeVar("R")


def cached(function: Callable[P, R]) -> Callable[P, R]:
    """Cache a pure function of hashable specs; every session shares each result, uncopied.

    The app never mutates a cached result: figures are plain dicts handed to plotly as they
    are, traces hold read-only arrays, tables are only displayed. ``st.cache_data`` would
    unpickle a fresh copy on every hit instead (5–10 ms a rerun for an animation's figure
    and trace, in the slider's critical path). At most ``ENTRIES`` results per function.
    """
    return st.cache_resource(max_entries=ENTRIES, show_spinner=False)(function)


@st.cache_resource
def sample_image() -> np.ndarray:
    """The 96×96 RGB photo in ``assets/`` (values 0–1)."""
    return imread(ASSETS / "grace_hopper_96.png")[..., :3]
