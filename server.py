"""The app with the live class's routes (issue 27): ``st.App`` serves the Streamlit app and
``classroom.routes`` on one port. ``PLAYGROUND_STORE`` picks the store (memory by default,
Redis for several processes).

    streamlit run server.py      # what ``make run``, the Dockerfile and the tests serve

``app.py`` stays the app's script (navigation, page config); the routes are tested through
this file in ``tests/classroom/test_routes.py``.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from classroom import shared_room
from classroom.routes import class_routes

# the pages use the same room (classroom.shared_room): what they change, the streams hear
app = st.App(Path(__file__).resolve().parent / "app.py", routes=class_routes(shared_room()))
