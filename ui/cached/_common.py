"""Shared pieces of the cached computations: the sample photo and the cache size."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import streamlit as st
from matplotlib.image import imread

ASSETS = Path(__file__).resolve().parents[2] / "assets"


ENTRIES = 64


@st.cache_resource
def sample_image() -> np.ndarray:
    """The 96×96 RGB photo in ``assets/`` (values 0–1)."""
    return imread(ASSETS / "grace_hopper_96.png")[..., :3]
