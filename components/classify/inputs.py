"""The Classify page's own sources of an image: a drawing and an upload (a test image is picked
by components/test_image_picker.py, shared with Inside the CNN)."""

from __future__ import annotations

import streamlit as st
from streamlit_drawable_canvas import st_canvas

from components.classify.keys import BRUSH, CANVAS, TOOL, UPLOAD
from components.plain_text import plain
from fashion_lab.imaging import ImageError, decode_image
from fashion_lab.preprocessing import Preprocessed, preprocess_drawing, preprocess_upload

CANVAS_SIDE = 280
UPLOAD_TYPES = ["png", "jpg", "jpeg", "webp", "bmp", "gif"]
TOOLS = {
    "Free drawing": "freedraw",
    "Rectangle": "rect",
    "Circle": "circle",
    "Polygon": "polygon",
    "Line": "line",
}


def drawing_input() -> Preprocessed | None:
    """A black canvas with a white brush; None until something is drawn."""
    tool, brush = st.columns(2)
    mode = tool.selectbox(
        "Tool",
        list(TOOLS),
        key=TOOL,
        help="Filled shapes draw a garment solid, as in Fashion-MNIST.",
    )
    width = brush.slider("Brush size", 2, 40, 18, key=BRUSH)
    canvas = st_canvas(
        fill_color="white",
        stroke_width=width,
        stroke_color="white",
        background_color="black",
        height=CANVAS_SIDE,
        width=CANVAS_SIDE,
        drawing_mode=TOOLS[mode],
        return_image_data=True,
        key=CANVAS,
    )
    st.caption("Undo, redo and clear are in the canvas toolbar. The answer updates after each stroke.")
    pixels = canvas.image_data
    if pixels is None or not (pixels[..., :3] > 0).any():  # black everywhere: nothing drawn yet
        st.info("Draw a garment: a T-shirt, trousers, a bag, a shoe...")
        return None
    return preprocess_drawing(pixels)


def upload_input() -> Preprocessed | None:
    """A photo or image file, decoded and validated before anything else touches it."""
    upload = st.file_uploader(
        "Photo of a garment",
        type=UPLOAD_TYPES,
        key=UPLOAD,
        help="PNG, JPEG, WebP, BMP or GIF (first frame), up to 10 MB.",
    )
    if upload is None:
        st.info("Upload a photo: one garment, the whole of it in the picture.")
        return None
    try:
        return preprocess_upload(decode_image(upload.getvalue()))
    except ImageError as error:
        st.error(f"**{plain(upload.name)}** cannot be used: {plain(error)}.")
        return None
