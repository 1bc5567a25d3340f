"""The upload corpus of awkward files, generated: (file name, bytes, expected message or None)."""

from __future__ import annotations

import io
import struct

import numpy as np
from PIL import Image

from tools.hostile_files import icon_around, png_of_zeros


def encode(image: Image.Image, format: str = "PNG", **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=format, **options)
    return buffer.getvalue()


def garment(mode: str = "RGB", size=(120, 160)) -> Image.Image:
    """A dark, trouser-like shape on a light background."""
    image = Image.new("RGB", size, (235, 235, 235))
    pixels = np.asarray(image).copy()
    pixels[20:150, 30:55] = (40, 40, 60)
    pixels[20:150, 65:90] = (40, 40, 60)
    pixels[20:40, 30:90] = (40, 40, 60)
    return Image.fromarray(pixels).convert(mode)


def awkward_files() -> list[tuple[str, bytes, str | None]]:
    rgba = np.zeros((160, 120, 4), dtype=np.uint8)
    rgba[..., :3] = np.asarray(garment())
    rgba[..., 3] = np.where(np.asarray(garment().convert("L")) < 128, 255, 0)  # background transparent
    exif = Image.Exif()
    exif[0x0112] = 6
    frames = [garment("P"), Image.new("P", (120, 160), 0)]
    gray16 = (np.asarray(garment("L"), dtype=np.uint16) * 257).astype(np.uint16)
    return [
        ("empty.png", b"", "empty"),
        ("notes.png", b"these are my notes, not a picture", "not an image"),
        ("drawing.png", b"<svg xmlns='http://www.w3.org/2000/svg' width='9' height='9'/>", "not an image"),
        ("truncated.jpg", encode(garment(size=(400, 400)), "JPEG")[:400], "could not be decoded"),
        ("bomb.png", encode(Image.new("1", (12000, 12000))), "too large"),
        ("dot.png", encode(Image.new("RGB", (1, 1))), "too small"),
        ("strip.png", encode(Image.new("RGB", (10000, 3))), "too small"),
        ("animated.gif", encode(frames[0], "GIF", save_all=True, append_images=frames[1:]), None),
        ("transparent.png", encode(Image.fromarray(rgba, "RGBA")), None),
        ("cmyk.jpg", encode(garment("CMYK"), "JPEG"), None),
        ("gray16.png", encode(Image.fromarray(gray16)), None),
        ("rotated.jpg", encode(garment().rotate(90, expand=True), "JPEG", exif=exif), None),
    ]


def oversized_file() -> tuple[str, bytes]:
    """Over the 10 MB upload limit in .streamlit/config.toml: random noise does not compress."""
    noise = np.random.default_rng(0).integers(0, 256, (2000, 2000, 3), dtype=np.uint8)
    return "huge.png", encode(Image.fromarray(noise), compress_level=0)


POSTSCRIPT = (
    b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 64 64\n%%EndComments\n0 0 moveto 64 64 lineto stroke\n"
)


def hostile_files() -> list[tuple[str, bytes, str]]:
    """Files named .png that are none of the promised formats, and a small file with a huge decode:
    each must get one clear message (issue 14: Ghostscript ran, decoder errors escaped, memory blew)."""
    noise = Image.fromarray(np.random.default_rng(1).integers(0, 256, (64, 64), dtype=np.uint8))
    spider = encode(noise.convert("F"), "SPIDER")
    dds = bytearray(encode(noise.convert("RGB"), "DDS"))
    struct.pack_into("<I4s", dds, 80, 0x4, b"ZZZZ")  # pixel format: a FourCC no decoder knows
    blp = bytearray(encode(noise.convert("P"), "BLP"))
    blp[8] = 9  # an encoding that does not exist
    unsupported = "not an image format we can read"
    return [
        ("scan.png", encode(garment(), "TIFF"), unsupported),
        ("favicon.png", encode(garment(), "ICO"), unsupported),
        ("poster.png", POSTSCRIPT + b"showpage\n%%EOF\n", unsupported),
        ("stack.png", spider[: len(spider) - 64 * 64 * 4 + 100], unsupported),
        ("texture.png", bytes(dds), unsupported),
        ("blizzard.png", bytes(blp), unsupported),
        ("icon-bomb.png", icon_around(png_of_zeros(9400, 9400, 1, 0)), unsupported),
        ("deep16.png", png_of_zeros(5470, 5470, 16, 0), "too large"),
    ]
