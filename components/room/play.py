"""The join page for phones (/play): draw the garment asked for, send it, see both answers."""

from __future__ import annotations

import random
import secrets

import streamlit as st
from streamlit_drawable_canvas import st_canvas

from components.canvas_data import canvas_pixels
from components.image_views import tile
from components.model_picker import model_label
from components.room.shared import classic_models, get_room
from components.state import PHONE_ID, PLAY_ASKED, PLAY_ROUND
from fashion_lab.data import CLASS_NAMES
from fashion_lab.imaging import ImageError
from fashion_lab.preprocessing import preprocess_drawing
from fashion_lab.room import TooManyDrawings, send_drawing

CANVAS_SIDE, BRUSH = 280, 18
NO_SIDEBAR = (  # a phone's page: all of the screen for the canvas
    "<style>[data-testid='stSidebar'], [data-testid='stSidebarCollapsedControl'],"
    " [data-testid='stExpandSidebarButton'] {display: none}</style>"
)


def render_play() -> None:
    """The class to draw, a canvas for a finger, Send; then both answers and Draw another."""
    st.html(NO_SIDEBAR)
    state = st.session_state
    state.setdefault(PHONE_ID, secrets.token_hex(8))  # anonymous: this tab, nothing more
    state.setdefault(PLAY_ASKED, random.randrange(len(CLASS_NAMES)))
    state.setdefault(PLAY_ROUND, 0)
    turn = state[PLAY_ROUND]  # a new turn: a new, empty canvas
    asked = st.selectbox(
        "Draw a",
        range(len(CLASS_NAMES)),
        index=state[PLAY_ASKED],
        format_func=CLASS_NAMES.__getitem__,
        key=f"play_asked_{turn}",
    )
    st.caption("Draw the whole garment with a finger: an outline is filled.")
    canvas = st_canvas(
        stroke_width=BRUSH,
        stroke_color="white",
        background_color="black",
        height=CANVAS_SIDE,
        width=CANVAS_SIDE,
        drawing_mode="freedraw",
        return_image_data=True,
        key=f"play_canvas_{turn}",
    )
    send, again = st.columns(2)
    if send.button("Send", type="primary", key=f"play_send_{turn}", width="stretch"):
        _send(canvas, asked)
    if again.button("Draw another", key=f"play_again_{turn}", width="stretch"):
        state[PLAY_ROUND] += 1
        state[PLAY_ASKED] = random.randrange(len(CLASS_NAMES))
        st.rerun()


def _send(canvas, asked: int) -> None:
    try:
        data = canvas.image_bytes
        pixels = canvas_pixels(data, CANVAS_SIDE)
    except (ValueError, ImageError):  # what came from the browser is no picture of this canvas
        data, pixels = b"?", None
    if data and pixels is None:
        st.error("That drawing could not be read (not a picture of this canvas): draw again.")
        return
    if pixels is None or not (pixels[..., :3] > 0).any():
        st.warning("Draw something first: the canvas is empty.")
        return
    result = preprocess_drawing(pixels)
    pairs = classic_models()
    if len(pairs) < 2:
        st.error("The room's models are not ready: ask the presenter.")
        return
    try:
        models = [model for _, model in pairs]
        answers = send_drawing(
            get_room(), st.session_state[PHONE_ID], asked, result.pixels, CANVAS_SIDE, models
        )
    except TooManyDrawings as error:
        st.warning(str(error))
        return
    seen, *columns = st.columns(3)
    seen.image(tile(result.pixels, side=84), caption="what they saw")
    for column, (entry, _), (answer, confidence) in zip(columns, pairs, answers, strict=True):
        mark = "right:" if answer == asked else "wrong:"
        label, sure = model_label(entry), f"{confidence:.0%} sure"
        column.metric(label, f"{mark} {CLASS_NAMES[answer]}", sure, delta_color="off", delta_arrow="off")
    st.success("Sent to the board.")
