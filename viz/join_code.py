"""The live class's join link as a QR code, drawn as SVG (``segno``) for the projector.

Dark modules on white with the standard four-module quiet zone, whatever the page's theme
(a phone's camera reads dark-on-light best); ``omitsize`` lets the picture scale to the
width it is given, so it can be drawn large enough to scan from the back of a room.
"""

from __future__ import annotations

import io

import segno


def qr_svg(link: str, title: str) -> str:
    """``link`` as an SVG QR code (error correction M: a smudged projector still reads),
    titled ``title`` for assistive technology."""
    code = segno.make(link, error="m", micro=False)
    out = io.BytesIO()
    code.save(
        out,
        kind="svg",
        scale=1,
        border=4,
        dark="#000000",
        light="#ffffff",
        xmldecl=False,
        omitsize=True,
        title=title,
    )
    return out.getvalue().decode()
