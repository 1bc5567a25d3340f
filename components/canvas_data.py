"""What the canvas sends back from the browser, checked like any untrusted input: its objects
(kept for the session and handed back to it) and its picture."""

from __future__ import annotations

import json

import numpy as np

from fashion_lab.images.decoding import ImageError, decode_image

MAX_DRAWING_BYTES = 2_000_000  # of a drawing's JSON kept for the session (a long freehand: ~100 KB)


def checked_drawing(drawing) -> dict | None:
    """The canvas's objects, kept only if they look like a drawing and are not too large to hand
    back to the canvas (anything else: an empty canvas next time)."""
    if not isinstance(drawing, dict) or not isinstance(drawing.get("objects"), list):
        return None
    return drawing if len(json.dumps(drawing)) <= MAX_DRAWING_BYTES else None


def canvas_pixels(data: bytes | None, side: int) -> np.ndarray | None:
    """The canvas's picture as RGBA, decoded as any untrusted image is (fashion_lab.images.decoding: the
    safe formats only, bounded); None if there is none or it is not the canvas's size. Raises
    ImageError for bytes that are no image we read."""
    if not data:
        return None
    image = decode_image(data)
    return np.asarray(image.convert("RGBA")) if image.size == (side, side) else None


def canvas_picture(canvas, side: int) -> tuple[np.ndarray | None, bool]:
    """(the canvas's picture as RGBA, or None; whether what came was no image at all: not base64,
    not a data URL, not an image we read)."""
    try:
        return canvas_pixels(canvas.image_bytes, side), False
    except (ValueError, ImageError, AttributeError, TypeError):  # what a crafted client may send
        return None, True


def has_strokes(pixels: np.ndarray | None) -> bool:
    """Whether anything is drawn (white strokes on the canvas's black)."""
    return pixels is not None and bool((pixels[..., :3] > 0).any())
