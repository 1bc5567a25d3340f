"""What the canvas sends from the browser is checked like any upload: its objects and its picture."""

import io
import struct

import pytest
from PIL import Image

from components.canvas_data import MAX_DRAWING_BYTES, canvas_pixels, checked_drawing
from fashion_lab.images.decoding import ImageError


def png(size: tuple[int, int], mode: str = "RGBA") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, (255, 255, 255, 255) if mode == "RGBA" else 255).save(buffer, "PNG")
    return buffer.getvalue()


def test_only_a_drawing_of_reasonable_size_is_kept():
    drawing = {"version": "6.0", "objects": [{"type": "rect", "left": 80, "width": 45}]}
    assert checked_drawing(drawing) is drawing
    huge = {"objects": [{"type": "path", "path": "M 0 0" * (MAX_DRAWING_BYTES // 5)}]}
    for sent in (None, [], "objects", {"objects": "rect"}, {"version": "6.0"}, huge):
        assert checked_drawing(sent) is None


def test_the_picture_is_decoded_as_an_untrusted_image():
    pixels = canvas_pixels(png((280, 280)), 280)
    assert pixels.shape == (280, 280, 4) and pixels.min() == 255
    assert canvas_pixels(png((280, 280), "L"), 280).shape == (280, 280, 4)
    assert canvas_pixels(png((400, 400)), 280) is None  # not this canvas's picture
    assert canvas_pixels(b"", 280) is None
    eps = b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 280 280\nshowpage\n"
    for sent in (eps, b"not an image", png((280, 280))[:60]):
        with pytest.raises(ImageError):
            canvas_pixels(sent, 280)


def test_a_picture_of_another_size_is_refused_by_its_header_before_any_pixel():
    """A PNG header announcing 20000x20000, then garbage: refused as not this canvas's picture
    (the garbage is never decoded)."""
    header = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\x0dIHDR" + struct.pack(">II", 20_000, 20_000)
    assert canvas_pixels(header + b"\x08\x06\x00\x00\x00" + b"x" * 1000, 280) is None
