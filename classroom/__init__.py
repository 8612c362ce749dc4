"""The live class: forty students follow the teacher's page, settings and step, and answer
"predict, then reveal" questions on their own devices (issue 27).

Pure Python, no Streamlit: :mod:`.rules` holds who may change what and the limits a real
class needs; :mod:`.store` keeps the state, in this process's memory (the default) or in
Redis for several app processes (``PLAYGROUND_STORE=redis://host:6379/0``).
"""

from __future__ import annotations

import threading

from .codes import ALPHABET, CODE_LENGTH, normalised_code
from .errors import ClassError
from .rules import (
    IDLE_SECONDS,
    MAX_ANSWER,
    MAX_CLASSES,
    MAX_NICKNAME,
    MAX_STUDENTS,
    Asked,
    Classroom,
    ClassState,
    Started,
    View,
)
from .store import MemoryStore, RedisStore, Store, store_from_env

_shared: Classroom | None = None
_shared_lock = threading.Lock()


def shared_room() -> Classroom:
    """The room of this process, on the store ``PLAYGROUND_STORE`` names: the routes
    (``server.py``) and the pages share it, so a class a teacher starts on a page is the
    one the students' event streams hear (a memory store is one per process)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = Classroom(store_from_env())
        return _shared


__all__ = [
    "ALPHABET",
    "CODE_LENGTH",
    "IDLE_SECONDS",
    "MAX_ANSWER",
    "MAX_CLASSES",
    "MAX_NICKNAME",
    "MAX_STUDENTS",
    "Asked",
    "ClassError",
    "ClassState",
    "Classroom",
    "MemoryStore",
    "RedisStore",
    "Started",
    "Store",
    "View",
    "normalised_code",
    "shared_room",
    "store_from_env",
]
