"""What the canvas sends back from the browser, checked like any untrusted input: its objects
(kept for the session and handed back to it) and its picture."""

from __future__ import annotations

import json
import logging
import struct

import numpy as np
import streamlit as st

from fashion_lab.images.decoding import ImageError, decode_image

MAX_DRAWING_BYTES = 1_000_000  # of a drawing's JSON kept for the session (a long freehand: ~100 KB)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# What a crafted client's canvas value makes st_canvas raise: {"drawing": "x"}, {"drawing": [1]}
CRAFTED_VALUE_ERRORS = (AttributeError, TypeError, ValueError, KeyError)


# The canvas's toolbar waits, invisible (opacity 0) until the pointer hovers the canvas, over the
# canvas's top right corner. A touch screen has no hover: the strokes that began there drew nothing
# and a tap there pressed the hidden "Reset canvas & history" (issue 39). Now a hidden toolbar
# takes no touch, and on a touch screen there is none: the page has its own Clear.
INERT_TOOLBAR = (
    "<style>.dc-toolbar{pointer-events:none}"
    ".dc-root:hover>.dc-toolbar,.dc-toolbar:focus-within,.dc-toolbar[data-pinned=true]"
    "{pointer-events:auto}"
    "@media (hover:none){.dc-toolbar{display:none!important}}</style>"
)
CANVAS_COMPONENT = "streamlit-drawable-canvas.streamlit_drawable_canvas"  # as the package names it


def read_canvas(key: str, **options):
    """``st_canvas(key=key, **options)``'s CanvasResult; None, with the canvas reset, when what
    the browser sent for it cannot be read (a crafted client's value): the caller says so in a
    line. (The component registers itself on import, which only a running app allows.)"""
    st_canvas = _canvas_with_inert_toolbar()
    try:
        return st_canvas(key=key, **options)
    except CRAFTED_VALUE_ERRORS:
        st.session_state.pop(key, None)  # the next run draws an empty canvas
        return None


def _canvas_with_inert_toolbar():
    """``st_canvas``, its component registered once more with INERT_TOOLBAR in its shadow root
    (its own styles are isolated there: no style of the page reaches the toolbar)."""
    import streamlit_drawable_canvas as canvas

    if not getattr(canvas, "toolbar_made_inert", False):
        registry = logging.getLogger("streamlit.components.v2.component_registry")
        level = registry.level
        registry.setLevel(logging.ERROR)  # "already registered. Overwriting": as meant
        try:
            canvas.out = st.components.v2.component(
                CANVAS_COMPONENT,
                js="index-*.js",
                css="index-*.css",
                html=INERT_TOOLBAR + '<div class="canvas-root"></div>',
                isolate_styles=True,
            )
        finally:
            registry.setLevel(level)
        canvas.toolbar_made_inert = True
    return canvas.st_canvas


def checked_drawing(drawing) -> dict | None:
    """The canvas's objects, kept only if they look like a drawing and are not too large to hand
    back to the canvas (anything else: an empty canvas next time)."""
    if not isinstance(drawing, dict) or not isinstance(drawing.get("objects"), list):
        return None
    return drawing if len(json.dumps(drawing)) <= MAX_DRAWING_BYTES else None


def canvas_pixels(data: bytes | None, side: int) -> np.ndarray | None:
    """The canvas's picture as RGBA, decoded as any untrusted image is (fashion_lab.images.decoding: the
    safe formats only, bounded); None if there is none or its header says it is not the canvas's
    size. Raises ImageError for bytes that are no PNG or no image we read."""
    if not data:
        return None
    size = png_size(data)  # read off the header: no pixel is decoded for a wrong one
    if size is None:
        raise ImageError("the canvas sends a PNG; this is none")
    if size != (side, side):
        return None
    return np.asarray(decode_image(data).convert("RGBA"))


def png_size(data: bytes) -> tuple[int, int] | None:
    """A PNG's width and height from its header (IHDR comes first), or None if it is no PNG."""
    if len(data) < 24 or not data.startswith(PNG_SIGNATURE) or data[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", data[16:24])


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
