"""Untrusted image bytes -> a small, validated 8-bit Pillow image (RGB or L), or one clear ImageError.

`st.file_uploader(type=...)` checks only the file name: this module decodes to validate. Only the
promised formats are decoded (Pillow would otherwise open dozens, EPS through Ghostscript), the
pixels are bounded before anything is decoded, and the image is shrunk to WORKING_SIDE at once:
the pipeline works at 160 pixels, so full-size copies would only cost memory.
"""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

import numpy as np
from PIL import Image, UnidentifiedImageError

from fashion_lab.i18n import N_, _

FORMATS = ("PNG", "JPEG", "WEBP", "BMP", "GIF")  # what the upload promises; nothing else is decoded
FORMAT_NAMES = N_("PNG, JPEG, WebP, BMP or GIF")  # said as _(FORMAT_NAMES)
MAX_PIXELS = 16_000_000  # decoded pixels (Pillow keeps up to 4 bytes each: 64 MB at most)
MAX_JPEG_PIXELS = 100_000_000  # a baseline JPEG's, decoded at a fraction of its size
MAX_FILE_BYTES = 50 * 2**20  # a photo file read from disk (an upload: 10 MB at most)
WORKING_SIDE = 1024  # longest side kept once decoded
BAND_ROWS = 128  # rows of the shrunk image made at a time
MIN_SIDE = 8  # smaller than this holds no recognisable garment
MAX_ASPECT = 50  # a 10000x3 strip is no garment photo
RESIZABLE_MODES = {"L", "LA", "RGB", "RGBA", "CMYK", "I", "I;16", "I;16B", "I;16L", "F"}
WIDE_MODES = {"I", "I;16", "I;16B", "I;16L", "F"}  # more than 8 bits a pixel: scaled, not clipped
ORIENTATION_TAG = 0x0112
TRANSPOSES = {  # EXIF orientation -> the transpose that shows the picture upright
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


class ImageError(ValueError):
    """The file is not an image we can use; the message is meant for the user."""


def decode_image(data: bytes) -> Image.Image:
    """Decode untrusted bytes into a small 8-bit image, refusing what is unsafe, broken or unusable."""
    if not data:
        raise ImageError(_("the file is empty"))
    try:
        image = _open_bounded(data)
        orientation = image.getexif().get(ORIENTATION_TAG, 1)
        image.load()
        image = to_eight_bit(_shrink(image))  # the full-size decode is freed here
    except ImageError:
        raise
    except UnidentifiedImageError:
        raise ImageError(
            _("the file is not an image format we can read ({formats})").format(formats=_(FORMAT_NAMES))
        ) from None
    except Image.DecompressionBombError:
        raise ImageError(_("the image is too large (a decompression bomb?)")) from None
    except Exception as error:  # noqa: BLE001 - whatever a decoder raises on untrusted bytes is the file's fault
        raise ImageError(
            _("the image could not be decoded ({reason})").format(reason=_describe(error))
        ) from None
    transpose = TRANSPOSES.get(orientation) if isinstance(orientation, int) else None
    return image.transpose(transpose) if transpose is not None else image


def _open_bounded(data: bytes) -> Image.Image:
    """Read the header of one of FORMATS and check its size before a single pixel is decoded."""
    image = Image.open(io.BytesIO(data), formats=FORMATS)
    width, height = image.size
    if min(width, height) < MIN_SIDE:
        raise ImageError(
            _("the image is too small ({width}x{height} pixels) to show a garment").format(
                width=width, height=height
            )
        )
    if max(width, height) / min(width, height) > MAX_ASPECT:
        raise ImageError(
            _("the image shape {width}x{height} is too thin to hold a garment").format(
                width=width, height=height
            )
        )
    jpeg = image.format in ("JPEG", "MPO")  # MPO: a phone's JPEG with a second picture inside
    streams = jpeg and decodes_as_it_streams(data)
    if width * height > (MAX_JPEG_PIXELS if streams else MAX_PIXELS):
        raise ImageError(
            _("the image is too large ({width}x{height} pixels)").format(width=width, height=height)
        )
    if jpeg:
        image.draft(None, (WORKING_SIDE, WORKING_SIDE))
    if image.size[0] * image.size[1] > MAX_PIXELS:
        raise ImageError(
            _("the image is too large ({width}x{height} pixels)").format(width=width, height=height)
        )
    image.seek(0)  # first frame of an animation
    return image


def decodes_as_it_streams(jpeg: bytes) -> bool:
    """Whether libjpeg decodes this JPEG as it streams, at 1/2, 1/4 or 1/8 of its size if asked
    (Pillow's draft): a sequential Huffman file whose first scan holds every colour component.
    Otherwise (progressive, lossless or arithmetic coding, or components in separate scans) it
    keeps the whole image's coefficients while decoding: a 1 MB 10000x10000 file took 580 MB."""
    position, components = 2, None  # after the start-of-image marker
    while position + 4 <= len(jpeg) and jpeg[position] == 0xFF:
        marker = jpeg[position + 1]
        if marker == 0xFF:  # a fill byte
            position += 1
            continue
        length = int.from_bytes(jpeg[position + 2 : position + 4], "big")
        body = jpeg[position + 4 : position + 2 + length]
        if marker in (0xC0, 0xC1) and len(body) > 5:  # start of a sequential Huffman frame
            components = body[5]
        elif 0xC2 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):  # any other kind of frame
            return False
        elif marker == 0xDA:  # the first scan
            return components is not None and len(body) > 0 and body[0] == components
        position += 2 + length
    return False


def _shrink(image: Image.Image) -> Image.Image:
    """The longest side at most WORKING_SIDE, each pixel the mean of those it covers. Band by band,
    so no full-size copy is made (converting or resizing the whole image would make one or two)."""
    factor = -(-max(image.size) // WORKING_SIDE)
    if factor == 1:
        return _resizable(image)
    width, height = image.size
    size = (-(-width // factor), -(-height // factor))
    shrunk = None
    for top in range(0, height, BAND_ROWS * factor):
        band = _resizable(image.crop((0, top, width, min(height, top + BAND_ROWS * factor))))
        band = band.resize((size[0], -(-band.height // factor)), Image.Resampling.BOX)
        shrunk = shrunk or Image.new(band.mode, size)
        shrunk.paste(band, (0, top // factor))
    return shrunk


def _resizable(image: Image.Image) -> Image.Image:
    """Palette and 1-bit images as colours or grays: resizing those modes would pick, not average."""
    if image.mode in RESIZABLE_MODES:
        return image
    return image.convert("L" if image.mode == "1" else "RGBA" if image.mode in ("P", "PA") else "RGB")


def to_eight_bit(image: Image.Image) -> Image.Image:
    """8-bit RGB or grayscale: transparency onto white, 16-bit scaled (not clipped), CMYK as RGB."""
    if image.mode in WIDE_MODES:
        values = np.asarray(image, dtype=np.float32)
        top = 65535.0 if image.mode.startswith("I;16") or values.max() > 255 else 255.0
        return Image.fromarray(np.clip(values / top * 255.0, 0, 255).astype(np.uint8), "L")
    if image.mode == "P" and "transparency" in image.info or image.mode in ("LA", "PA", "La"):
        image = image.convert("RGBA")
    if image.mode in ("RGBA", "RGBa"):
        white = Image.new("RGBA", image.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, image.convert("RGBA")).convert("RGB")
    return image if image.mode == "L" else image.convert("RGB")


def _describe(error: Exception) -> str:
    """The first line of a decoder's message (or its kind), short enough for one clear message."""
    text = str(error).strip()
    return text.splitlines()[0][:200] if text else type(error).__name__


def load_image_file(path: Path | str) -> Image.Image:
    """Read and decode an image file; errors name the file. Only a regular file of at most
    MAX_FILE_BYTES is read (a FIFO would wait for ever, /dev/zero never end)."""
    try:
        data = _read_regular_file(Path(path))
    except OSError as error:
        raise ImageError(
            _("cannot read {path}: {error}").format(path=path, error=error.strerror or error)
        ) from None
    try:
        return decode_image(data)
    except ImageError as error:
        raise ImageError(f"{path}: {error}") from None


def _read_regular_file(path: Path) -> bytes:
    """The bytes of ``path`` if it is a regular file (after its links) of at most MAX_FILE_BYTES;
    opened without blocking, so a FIFO is refused, not waited on."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    with os.fdopen(descriptor, "rb") as handle:
        facts = os.fstat(descriptor)
        if not stat.S_ISREG(facts.st_mode):
            raise ImageError(_("{path} is not a regular file").format(path=path))
        if facts.st_size > MAX_FILE_BYTES:
            raise ImageError(
                _("{path} is larger than {megabytes} MB").format(path=path, megabytes=MAX_FILE_BYTES // 2**20)
            )
        return handle.read(MAX_FILE_BYTES + 1)[:MAX_FILE_BYTES]
