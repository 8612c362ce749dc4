"""A viewer's own picture: decoded safely with limits, or refused in a sentence."""

from __future__ import annotations

import io
import struct
import zlib

import numpy as np
import pytest
from PIL import Image

from ui.picture import MAX_BYTES, SIDE, PictureError, decode_picture


def encoded(width: int, height: int, format: str = "PNG", mode: str = "RGB") -> bytes:
    rng = np.random.default_rng(width * height)
    pixels = rng.integers(0, 256, size=(height, width, 3), dtype=np.uint8)
    image = Image.fromarray(pixels).convert(mode)
    out = io.BytesIO()
    image.save(out, format=format)
    return out.getvalue()


@pytest.mark.parametrize("format", ["PNG", "JPEG", "WEBP"])
def test_a_picture_becomes_the_apps_photo_size(format):
    picture = decode_picture(encoded(300, 200, format))
    assert picture.shape == (SIDE, SIDE, 3)
    assert picture.min() >= 0 and picture.max() <= 1


def test_the_centre_square_is_kept():
    """A wide picture loses its sides, not its middle: left red, middle green, right blue."""
    pixels = np.zeros((100, 300, 3), dtype=np.uint8)
    pixels[:, :100, 0] = pixels[:, 100:200, 1] = pixels[:, 200:, 2] = 255
    out = io.BytesIO()
    Image.fromarray(pixels).save(out, format="PNG")
    picture = decode_picture(out.getvalue())
    assert picture[..., 1].mean() > 0.95 and picture[..., 0].mean() < 0.05


def test_a_grey_or_transparent_picture_is_read_as_colour():
    assert decode_picture(encoded(50, 50, "PNG", "L")).shape == (SIDE, SIDE, 3)
    assert decode_picture(encoded(50, 50, "PNG", "RGBA")).shape == (SIDE, SIDE, 3)


def _bomb(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width × height`` pixels (a decompression bomb)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"", "not a PNG, JPEG or WebP"),
        (b"GIF89a" + b"\x00" * 100, "not a PNG, JPEG or WebP"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "not a PNG, JPEG or WebP"),
        (encoded(40, 40)[:200], "damaged"),
        (encoded(40, 40, "GIF"), "GIF picture"),
        (encoded(40, 40, "BMP"), "BMP picture"),
        (encoded(1, 1), "at least 8"),
        (encoded(20_000, 20), "too thin"),
        (_bomb(60_000, 60_000), "25 megapixels"),
        (_bomb(6_000, 5_000), "6000 × 5000 pixels, 30 megapixels"),
        (b"\x00" * (MAX_BYTES + 1), "5 MB"),
    ],
)
def test_an_unusable_upload_is_a_sentence(data, says):
    with pytest.raises(PictureError, match=says):
        decode_picture(data)
