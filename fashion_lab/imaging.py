"""Untrusted image bytes -> a validated 8-bit Pillow image (RGB or L), or one clear ImageError.

`st.file_uploader(type=...)` checks only the file name: this module decodes to validate."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_PIXELS = 30_000_000  # refuse larger images before decoding them (decompression bombs)
MIN_SIDE = 8  # smaller than this holds no recognisable garment
MAX_ASPECT = 50  # a 10000x3 strip is no garment photo


class ImageError(ValueError):
    """The file is not an image we can use; the message is meant for the user."""


def decode_image(data: bytes) -> Image.Image:
    """Decode untrusted bytes into an 8-bit image, refusing what is unsafe, broken or unusable."""
    if not data:
        raise ImageError("the file is empty")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
        width, height = image.size
        if width * height > MAX_PIXELS:
            raise ImageError(f"the image is too large ({width}x{height} pixels)")
        image.seek(0)  # first frame of an animation
        image.load()
    except ImageError:
        raise
    except UnidentifiedImageError:
        raise ImageError("the file is not an image format we can read") from None
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise ImageError("the image is too large (a decompression bomb?)") from None
    except (OSError, SyntaxError, ValueError) as error:
        raise ImageError(f"the image could not be decoded ({error})") from None
    if min(width, height) < MIN_SIDE:
        raise ImageError(f"the image is too small ({width}x{height} pixels) to show a garment")
    if max(width, height) / min(width, height) > MAX_ASPECT:
        raise ImageError(f"the image shape {width}x{height} is too thin to hold a garment")
    try:
        return to_eight_bit(ImageOps.exif_transpose(image))
    except (OSError, ValueError) as error:
        raise ImageError(f"the image could not be decoded ({error})") from None


def to_eight_bit(image: Image.Image) -> Image.Image:
    """8-bit RGB or grayscale: transparency onto white, 16-bit scaled (not clipped), CMYK as RGB."""
    if image.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        values = np.asarray(image, dtype=np.float64)
        top = 65535.0 if image.mode.startswith("I;16") or values.max() > 255 else 255.0
        return Image.fromarray(np.clip(values / top * 255.0, 0, 255).astype(np.uint8), "L")
    if image.mode == "P" and "transparency" in image.info or image.mode in ("LA", "PA", "La"):
        image = image.convert("RGBA")
    if image.mode in ("RGBA", "RGBa"):
        white = Image.new("RGBA", image.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, image.convert("RGBA")).convert("RGB")
    return image if image.mode == "L" else image.convert("RGB")


def load_image_file(path: Path | str) -> Image.Image:
    """Read and decode an image file."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise ImageError(f"cannot read {path}: {error.strerror or error}") from None
    return decode_image(data)
