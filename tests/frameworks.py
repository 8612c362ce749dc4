"""The frameworks the engine is compared against: PyTorch and Keras 3 (torch backend).

They are large and optional: on a user's machine without them the comparison tests are
skipped with a clear message; CI installs them (``requirements-frameworks.txt``) and sets
``REQUIRE_FRAMEWORKS=1``, which turns that skip into a failure.
"""

from __future__ import annotations

import importlib
import os
from types import ModuleType

import pytest


def framework(name: str) -> ModuleType:
    """Import ``torch`` or ``keras`` for a test module, or skip it (fail under CI)."""
    if name == "keras":
        os.environ.setdefault("KERAS_BACKEND", "torch")  # Keras 3 on PyTorch: no TensorFlow
    try:
        return importlib.import_module(name)
    except ImportError as error:
        message = (
            f"FRAMEWORK TESTS SKIPPED: {name} is not installed ({error}); "
            "pip install -r requirements-frameworks.txt to run them"
        )
        if os.environ.get("REQUIRE_FRAMEWORKS") == "1":
            pytest.fail(f"REQUIRE_FRAMEWORKS=1 but {message}", pytrace=False)
        pytest.skip(message, allow_module_level=True)
