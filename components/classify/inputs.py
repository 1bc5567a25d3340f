"""The Classify page's own sources of an image: a drawing and an upload (a test image is picked
by components/test_image_picker.py, shared with Inside the CNN)."""

from __future__ import annotations

import streamlit as st

from components.canvas_data import canvas_picture, checked_drawing, has_strokes, read_canvas
from components.classify.keys import BRUSH, CANVAS, CLEAR, TOOL, UPLOAD
from components.language import N_, _, translate_the_uploader
from components.plain_text import plain
from components.state import DRAWING, DRAWING_AT_MOUNT, DRAWING_CLEARED, DRAWN_PIXELS, kept
from fashion_lab.images.decoding import ImageError, decode_image
from fashion_lab.images.drawings import preprocess_drawing
from fashion_lab.images.preprocessing import Preprocessed, preprocess_upload

CANVAS_SIDE = 280
TALK_CANVAS_SIDE = 400  # in talk mode: the room sees the strokes, the answer beside them
UPLOAD_TYPES = ["png", "jpg", "jpeg", "webp", "bmp", "gif"]
TOOLS = {  # the name kept (shown translated) -> the canvas's drawing mode
    N_("Free drawing"): "freedraw",
    N_("Rectangle"): "rect",
    N_("Circle"): "circle",
    N_("Polygon"): "polygon",
    N_("Line"): "line",
}
FILLED = ("rect", "circle", "polygon")  # filled without a stroke, so they cover what was dragged
# The canvas adds a shape only on a mouse button event (its shape tools test MouseEvent.button):
# a finger draws freehand only. Phones get freehand, and preprocessing fills a closed outline.
TOUCH_DEVICES = ("Mobi", "Android", "iPhone", "iPad")  # what their browsers' User-Agent says


def on_touch_screen() -> bool:
    agent = st.context.headers.get("User-Agent", "")
    return any(word in agent for word in TOUCH_DEVICES)


def drawing_input(side: int = CANVAS_SIDE) -> Preprocessed | None:
    """A black canvas with a white brush; None until something is drawn. The drawing, the tool
    and the brush stay as they were when the page or the input is left and shown again."""
    tool, brush = st.columns(2)
    if on_touch_screen():
        mode = TOOLS["Free drawing"]
        tool.caption(_("Draw with a finger: the outline of a garment is filled, as garments are solid."))
    else:
        name, keep = kept(TOOL, "Free drawing")
        help_text = _("Filled shapes draw a garment solid, as in Fashion-MNIST; a closed outline is filled.")
        index = list(TOOLS).index(name)
        mode = TOOLS[
            tool.selectbox(
                _("Tool"), list(TOOLS), index, format_func=_, key=TOOL, on_change=keep, help=help_text
            )
        ]
    size, keep = kept(BRUSH, 18)
    width = brush.slider(_("Brush size"), 2, 40, size, key=BRUSH, on_change=keep)
    touch = on_touch_screen()
    canvas = read_canvas(
        CANVAS.format(DRAWING_CLEARED.get()),
        fill_color="white",
        stroke_width=0 if mode in FILLED else width,
        stroke_color="white",
        background_color="black",
        height=side,
        width=side,
        drawing_mode=mode,
        initial_drawing=_drawing_to_restore(),
        return_image_data=True,
    )
    DRAWING.set(checked_drawing(canvas.json_data) if canvas else None)
    if touch:  # a touch screen has no canvas toolbar (components/canvas_data.py)
        st.button(_("Clear"), key=CLEAR, on_click=_clear_drawing)
    else:
        st.caption(_("Undo, redo and clear are in the canvas toolbar. The answer updates after each stroke."))
    pixels, unreadable = canvas_picture(canvas, side)
    if unreadable:
        st.warning(_("The drawing could not be read: clear the canvas and draw again."))
    if pixels is None and DRAWING.get() == DRAWING_AT_MOUNT.get():  # restored, not yet sent
        pixels = DRAWN_PIXELS.get()
    DRAWN_PIXELS.set(pixels)
    if pixels is None or pixels.shape[:2] != (side, side) or not has_strokes(pixels):
        st.info(_("Draw a garment: a T-shirt, trousers, a bag, a shoe..."))
        return None
    try:
        return preprocess_drawing(pixels)
    except ImageError:  # strokes too faint to see (what a crafted client may send)
        st.info(_("Nothing to see in that drawing: draw a garment in white."))
        return None


def _clear_drawing() -> None:
    """A new, empty canvas (a new key: the old one would keep its strokes)."""
    DRAWING_CLEARED.set(DRAWING_CLEARED.get() + 1)
    DRAWING.set(None)
    DRAWN_PIXELS.set(None)


def _drawing_to_restore() -> dict | None:
    """The drawing the canvas had when it was last on screen, handed to it when it mounts again;
    while it stays mounted, the same value (a new one would make it reload and lose its undo)."""
    canvas = CANVAS.format(DRAWING_CLEARED.get())
    if canvas not in st.session_state:  # not drawn by the last run: it mounts now
        DRAWING_AT_MOUNT.set(DRAWING.get())
    return DRAWING_AT_MOUNT.get()


def upload_input() -> Preprocessed | None:
    """A photo or image file, decoded and validated before anything else touches it."""
    translate_the_uploader(UPLOAD_TYPES)
    upload = st.file_uploader(
        _("Photo of a garment"),
        type=UPLOAD_TYPES,
        key=UPLOAD,
        help=_("PNG, JPEG, WebP, BMP or GIF (first frame), up to 10 MB."),
    )
    if upload is None:
        st.info(_("Upload a photo: one garment, the whole of it in the picture."))
        return None
    try:
        return preprocess_upload(decode_image(upload.getvalue()))
    except ImageError as error:
        st.error(
            _("**{name}** cannot be used: {reason}.").format(name=plain(upload.name), reason=plain(error))
        )
        return None
