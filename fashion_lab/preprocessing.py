"""Any image -> the 28x28 uint8 picture a model sees, the way Fashion-MNIST was made.

Xiao et al. 2017, section 2: trim the background, resize the longest edge to 28, extend the
short edge to 28 and centre, negate so the garment is light on black, 8-bit grayscale.
Uploaded files are untrusted: they are decoded and validated here, never trusted by name.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from fashion_lab.data import IMAGE_SHAPE

MAX_PIXELS = 40_000_000  # refuse larger images before decoding them (decompression bombs)
MAX_ASPECT = 50  # a 10000x3 strip is no garment photo
TRIM_TOLERANCE = 0.05  # "within 5% of max intensity" of the background colour


class ImageError(ValueError):
    """The file is not an image we can use; the message is meant for the user."""


@dataclass
class Preprocessed:
    """The model input and each named step that led to it (for showing the pipeline)."""

    pixels: np.ndarray  # (28, 28) uint8, garment light on black
    steps: list[tuple[str, np.ndarray]] = field(default_factory=list)


def decode_image(data: bytes) -> Image.Image:
    """Decode untrusted bytes into an 8-bit grayscale image, refusing what is unsafe or broken."""
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
    if min(width, height) < 1 or max(width, height) / min(width, height) > MAX_ASPECT:
        raise ImageError(f"the image shape {width}x{height} is too thin to hold a garment")
    return to_grayscale(ImageOps.exif_transpose(image))


def to_grayscale(image: Image.Image) -> Image.Image:
    """8-bit grayscale; transparency composited onto white, 16-bit scaled rather than clipped."""
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        values = np.asarray(image, dtype=np.float64)
        top = 65535.0 if image.mode.startswith("I;16") or values.max() > 255 else 255.0
        return Image.fromarray(np.clip(values / top * 255.0, 0, 255).astype(np.uint8), "L")
    if image.mode == "P" and "transparency" in image.info or image.mode in ("LA", "PA"):
        image = image.convert("RGBA")
    if image.mode == "RGBA":
        white = Image.new("RGBA", image.size, (255, 255, 255, 255))
        image = Image.alpha_composite(white, image)
    return image.convert("L")


def load_image_file(path: Path | str) -> Image.Image:
    """Read and decode an image file."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise ImageError(f"cannot read {path}: {error.strerror or error}") from None
    return decode_image(data)


def _border(pixels: np.ndarray) -> np.ndarray:
    return np.concatenate([pixels[0], pixels[-1], pixels[:, 0], pixels[:, -1]])


def preprocess(image: Image.Image) -> Preprocessed:
    """Turn a grayscale image into the 28x28 model input, recording each step."""
    pixels = np.asarray(image.convert("L"), dtype=np.uint8)
    steps = [("input", pixels)]
    if np.median(_border(pixels)) > 127:  # light background, as in product photos
        pixels = 255 - pixels
        steps.append(("negated", pixels))
    if pixels.shape == IMAGE_SHAPE:
        return Preprocessed(pixels, steps)  # already a Fashion-MNIST-sized picture
    background = float(np.median(_border(pixels)))
    foreground = np.abs(pixels.astype(np.int16) - background) > TRIM_TOLERANCE * 255
    rows, cols = np.flatnonzero(foreground.any(axis=1)), np.flatnonzero(foreground.any(axis=0))
    if len(rows) == 0:
        raise ImageError("the image is blank: nothing stands out from the background")
    pixels = pixels[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
    steps.append(("trimmed", pixels))
    height, width = pixels.shape
    scale = IMAGE_SHAPE[0] / max(height, width)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    resized = np.asarray(Image.fromarray(pixels).resize(size, Image.Resampling.LANCZOS))
    steps.append(("resized", resized))
    canvas = np.zeros(IMAGE_SHAPE, dtype=np.uint8)
    top, left = (IMAGE_SHAPE[0] - size[1]) // 2, (IMAGE_SHAPE[1] - size[0]) // 2
    canvas[top : top + size[1], left : left + size[0]] = resized
    steps.append(("centred 28x28", canvas))
    return Preprocessed(canvas, steps)
