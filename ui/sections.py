"""Page sections that rerun on their own: a slider redraws its section, not the page.

On every rerun the browser redraws each element the script sends, a few milliseconds
apiece whatever its size. A page is a header, one or more interactive sections and static
text; as an ``st.fragment``, a section's widgets rerun only that section, so the header,
the explanations, the code and the other sections are neither recomputed nor redrawn.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec

import streamlit as st

from conv_engine import ConvConfigError

from .panels import config_error
from .params import PageParams

# the hint of the last-resort net below (tests assert it never shows)
UNBOUNDED_HINT = (
    "This combination slipped past the controls' bounds: move the last control back, or "
    "reopen the page from the sidebar to start from its defaults."
)

P = ParamSpec("P")


def section(params: PageParams) -> Callable[[Callable[P, None]], Callable[P, None]]:
    """Decorate a page section: it reruns alone and keeps its part of the URL current.

    A section may take arguments (e.g. a spec from the section around it, when nested):
    on its own reruns Streamlit calls it again with the arguments of its last call. The
    page still calls :meth:`PageParams.publish` after its last section, which writes the
    whole query (and drops keys the page does not know) on a full run.

    Controls are bounded so that impossible settings cannot be reached, and pages explain
    the combinations that remain; should one still reach the engine, the section shows the
    engine's sentence instead of a traceback.
    """

    def decorate(body: Callable[P, None]) -> Callable[P, None]:
        @st.fragment
        @functools.wraps(body)
        def run(*args: P.args, **kwargs: P.kwargs) -> None:
            try:
                body(*args, **kwargs)
            except ConvConfigError as error:
                config_error(error, UNBOUNDED_HINT)
            params.update_url()

        return run

    return decorate
