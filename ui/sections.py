"""Page sections that rerun on their own: a slider redraws its section, not the page.

On every rerun the browser redraws each element the script sends, a few milliseconds
apiece whatever its size. A page is a header, one or more interactive sections and static
text; as an ``st.fragment``, a section's widgets rerun only that section, so the header,
the explanations, the code and the other sections are neither recomputed nor redrawn.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

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
T = TypeVar("T")


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


@contextmanager
def controls_last(params: PageParams, controls: Callable[[PageParams], T]) -> Iterator[T]:
    """Read a section's ``controls`` first and draw them last, in a place kept above.

    The browser renders a rerun's elements in the order they arrive, and the figure it is
    waiting for comes after the controls it depends on. So ``controls`` first run with
    :meth:`PageParams.undrawn` (values only), the ``with`` body computes and sends the
    figure, and the controls are drawn afterwards, above it, with the same values (a dozen
    widgets: ~10 ms less from a key press to the redrawn figure).
    """
    area = st.container()
    values = controls(params.undrawn())
    try:
        yield values
    finally:
        with area:
            controls(params)
