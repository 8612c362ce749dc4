"""Page sections that rerun on their own: a slider redraws its section, not the page.

On every rerun the browser redraws each element the script sends, a few milliseconds
apiece whatever its size. A page is a header, one or more interactive sections and static
text; as an ``st.fragment``, a section's widgets rerun only that section, so the header,
the explanations, the code and the other sections are neither recomputed nor redrawn.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from contextlib import nullcontext

import streamlit as st

from conv_engine import ConvConfigError
from i18n import N_, t

from .language import current
from .panels import config_error
from .params import PageParams

# the hint of the last-resort net below (tests assert it never shows)
UNBOUNDED_HINT = N_(
    "This combination slipped past the controls' bounds: move the last control back, or "
    "reopen the page from the menu to start from its defaults."
)


def section(params: PageParams, body: Callable[..., None], *args: object) -> None:
    """Run ``body(params, *args)`` as a page section that reruns on its own.

    A section's widgets rerun only the section (an ``st.fragment``); on those reruns
    Streamlit calls it again with the same arguments, and the section keeps its part of
    the URL current. The page still calls :func:`ui.page.finish_page` after its last
    section, which writes the whole query (and drops keys the page does not know).

    Controls are bounded so that impossible settings cannot be reached, and pages explain
    the combinations that remain; should one still reach the engine, the section shows the
    engine's sentence instead of a traceback.
    """

    @st.fragment
    @functools.wraps(body)
    def run(*arguments: object) -> None:
        current()  # a section's own rerun does not pass through app.py
        try:
            body(params, *arguments)
        except ConvConfigError as error:
            config_error(error, t(UNBOUNDED_HINT))
        params.update_url()

    place, params.body = params.body, None  # presenter mode: the first section's place
    with place or nullcontext():
        run(*args)
