"""Keep Streamlit's after-run garbage collection cheap.

After every script run Streamlit calls ``gc.collect(2)`` (``runner.postScriptGC``). A full
collection walks every tracked object: with NumPy, plotly and Streamlit loaded that is over
100 000 objects and 50–90 ms, during which the server holds the GIL and cannot send the
run's last messages. Almost all of them are module-level objects that live as long as the
server. :func:`freeze_imported_heap` moves the objects alive after a run that imported new
modules into the collector's permanent generation (``gc.freeze``), so later collections
walk only what the runs themselves create. Reference counting still frees frozen objects;
only cycles among them are no longer collected: mostly the long-lived modules, plus the
cyclic parts of the few sessions alive at a freeze. Freezes happen only when a page is
first imported (about ten times in a server's life), so that cost is bounded.
"""

from __future__ import annotations

import gc
import sys

_modules_when_frozen = 0


def freeze_imported_heap() -> None:
    """Collect, then freeze what is alive, whenever a run has imported new modules."""
    global _modules_when_frozen
    if len(sys.modules) > _modules_when_frozen:
        gc.collect()
        gc.freeze()
        _modules_when_frozen = len(sys.modules)
