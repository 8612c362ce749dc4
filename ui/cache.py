"""The one cache decorator of the app, and the sample photo every page can use."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import ParamSpec, TypeVar

import numpy as np
import streamlit as st
from matplotlib.image import imread

import i18n

ASSETS = Path(__file__).resolve().parents[1] / "assets"

# results kept per function: scenes are a few kB and static charts tens of kB, so a
# function holds a few MB however many students explore how many settings
ENTRIES = 64
P = ParamSpec("P")
R = TypeVar("R")


def cached(function: Callable[P, R]) -> Callable[P, R]:
    """Cache a pure function of hashable specs; every session shares each result, uncopied.

    The app never mutates a cached result: scenes and figures are plain dicts handed over
    as they are, traces hold read-only arrays, tables are only displayed. ``st.cache_data``
    would unpickle a fresh copy on every hit instead. At most ``ENTRIES`` per function.
    Results are kept per language: figures and scenes carry words. A call given a private
    value (one whose ``private`` is true: a viewer's own picture, :mod:`ui.picture`) is run
    uncached, so nothing made from it outlives the viewer's session or reaches another.
    """

    @st.cache_resource(max_entries=ENTRIES, show_spinner=False)
    @functools.wraps(function)
    def in_language(language: str, *args: P.args, **kwargs: P.kwargs) -> R:
        return function(*args, **kwargs)

    @functools.wraps(function)
    def call(*args: P.args, **kwargs: P.kwargs) -> R:
        if any(getattr(value, "private", False) for value in (*args, *kwargs.values())):
            return function(*args, **kwargs)  # a viewer's own picture: never shared or kept
        return in_language(i18n.language(), *args, **kwargs)

    return call


@st.cache_resource
def sample_image() -> np.ndarray:
    """The 96×96 RGB photo in ``assets/`` (values 0–1)."""
    return imread(ASSETS / "grace_hopper_96.png")[..., :3]
