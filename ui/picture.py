"""A viewer's own picture: uploaded once, used wherever the app shows its photo.

:func:`decode_picture` reads an upload safely — a size limit on the file, the pixel count
read from the header before anything is decoded (a decompression bomb is refused unread),
PNG, JPEG or WebP only — and returns it as the app's photo is: a 96 × 96 RGB array (its
centre square, values 0–1). :func:`picture_uploader` puts it in the viewer's session only:
it is never written to disk, never shared with another viewer (the computations that use it
skip the shared cache, :class:`Picture`), and it goes when the session ends or when the
viewer drops it. A link cannot carry it.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass

import numpy as np
import streamlit as st
from PIL import Image, ImageOps, UnidentifiedImageError

from i18n import t

from .cache import sample_image

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 25_000_000
MIN_SIDE = 8  # pixels: a smaller picture has nothing to filter
MAX_ASPECT = 20  # a side at most 20 times the other: the views are square
FORMATS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}
SIDE = 96  # the app's own photo's side: every view sizes from it
SESSION_KEY = "my_picture"  # (digest, array): this session's picture
DROPPED_KEY = "my_picture_dropped"  # the digest of an upload the viewer put away


class PictureError(ValueError):
    """An upload the app cannot use, said in a sentence (in the page's language)."""


@dataclass(frozen=True)
class Picture:
    """The viewer's picture, by its digest: a computation given one is not shared (``private``:
    :func:`ui.cache.cached` runs it uncached) and reads the array from the session."""

    digest: str

    @property
    def private(self) -> bool:
        return True

    def array(self) -> np.ndarray:
        stored = st.session_state.get(SESSION_KEY)
        if stored is None or stored[0] != self.digest:
            return sample_image()  # dropped meanwhile: the app's photo
        return stored[1]


def decode_picture(data: bytes) -> np.ndarray:
    """A PNG, JPEG or WebP upload as a ``SIDE × SIDE × 3`` array of 0–1 (its centre square,
    resized); :class:`PictureError` with a sentence for anything else."""
    if len(data) > MAX_BYTES:
        raise PictureError(
            t(
                "The file has {size:.1f} MB: pictures up to 5 MB are read.",
                size=len(data) / 1024 / 1024,
            )
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))  # reads the header only
            if image.format not in FORMATS:
                raise PictureError(
                    t(
                        "This is a {format} picture: upload a PNG, JPEG or WebP.",
                        format=image.format or "?",
                    )
                )
            width, height = image.size
            _check_size(width, height)
            image.load()  # decoded only now, its size known to be bounded
            image = ImageOps.exif_transpose(image).convert("RGB")
    except PictureError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PictureError(
            t(
                "The picture would be far more than 25 megapixels decoded: pictures up to 25 "
                "megapixels are read."
            )
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise PictureError(
            t("This file is not a PNG, JPEG or WebP picture, or it is damaged.")
        ) from None
    side = min(image.size)
    left, top = (image.width - side) // 2, (image.height - side) // 2
    square = image.crop((left, top, left + side, top + side))
    small = square.resize((SIDE, SIDE), Image.Resampling.LANCZOS)
    return np.asarray(small, dtype=float) / 255


def _check_size(width: int, height: int) -> None:
    if width * height > MAX_PIXELS:
        raise PictureError(
            t(
                "The picture is {width} × {height} pixels, {megapixels:.0f} megapixels "
                "decoded: pictures up to 25 megapixels are read.",
                width=width,
                height=height,
                megapixels=width * height / 1e6,
            )
        )
    if min(width, height) < MIN_SIDE:
        raise PictureError(
            t(
                "The picture is {width} × {height} pixels: it needs at least {least} on each side.",
                width=width,
                height=height,
                least=MIN_SIDE,
            )
        )
    if max(width, height) > MAX_ASPECT * min(width, height):
        raise PictureError(
            t(
                "The picture is {width} × {height} pixels: one side more than {most} times "
                "the other is too thin for the square views.",
                width=width,
                height=height,
                most=MAX_ASPECT,
            )
        )


def current_picture() -> Picture | None:
    """The viewer's picture, or None (the app's own photo)."""
    stored = st.session_state.get(SESSION_KEY)
    return Picture(stored[0]) if stored else None


def picture_array(picture: Picture | None) -> np.ndarray:
    """The array a view draws: the viewer's picture, or the app's photo."""
    return sample_image() if picture is None else picture.array()


def picture_uploader(key: str) -> Picture | None:
    """The upload box (one picture for the whole session: every page that shows the photo
    uses it) and, with a picture, the way back to the app's photo; the picture in use."""
    upload = st.file_uploader(
        t("Your own picture (PNG, JPEG or WebP, up to 5 MB)"),
        type=list(dict.fromkeys(FORMATS.values())) + ["jpeg"],
        key=key,
        # the browser refuses a larger file before sending it; decode_picture checks again
        max_upload_size=MAX_BYTES // (1024 * 1024),
        help=t(
            "It replaces the app's photo on every page for as long as this tab is open. It "
            "is never stored: the link cannot carry it."
        ),
    )
    if upload is not None:
        data = upload.getvalue()
        digest = hashlib.blake2b(data, digest_size=12).hexdigest()
        stored = st.session_state.get(SESSION_KEY)
        dropped = st.session_state.get(DROPPED_KEY) == digest  # "use the app's photo again"
        if (stored is None or stored[0] != digest) and not dropped:
            try:
                st.session_state[SESSION_KEY] = (digest, decode_picture(data))
            except PictureError as error:
                st.error(str(error), icon="🖼️")
    picture = current_picture()
    if picture is not None:
        if st.button(t("Use the app's photo again"), key=f"{key}_drop", type="tertiary"):
            st.session_state[DROPPED_KEY] = st.session_state.pop(SESSION_KEY)[0]
            return None
        st.caption(
            t("Your picture is in use here and on the other pages; the link cannot carry it.")
        )
    return picture
