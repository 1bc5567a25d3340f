"""The room page (/room): the join address and its QR code, the phones in the room, the board
of the newest drawings with both models' answers, the scoreboard; the presenter's controls with
the key (``?key=...`` once, remembered for the tab)."""

from __future__ import annotations

import os
import time
from urllib.parse import urlsplit

import pandas as pd
import segno
import streamlit as st

from components.image_views import tile
from components.plain_text import plain
from components.room.shared import get_presenter_key, get_room
from components.state import PRESENTER, talk_mode
from components.tables import show_table
from fashion_lab.data import CLASS_NAMES
from fashion_lab.room import PRESENT_WINDOW, is_presenter, pixels_of, scoreboard

PUBLIC_URL_ENV = "FASHION_LAB_PUBLIC_URL"
BOARD_SIZE = 24  # newest drawings shown


def join_address() -> str:
    """Where phones go: ``$FASHION_LAB_PUBLIC_URL`` + /play, else the host this browser uses."""
    public = os.environ.get(PUBLIC_URL_ENV)
    if public:
        return public.rstrip("/") + "/play"
    parts = urlsplit(st.context.url or "http://localhost:8501")
    return f"{parts.scheme}://{parts.netloc}/play"


def render_room() -> None:
    """Join address, QR and phones beside each other; the board below, updated every 2 s."""
    key = get_presenter_key()
    if is_presenter(st.query_params.get("key"), key):
        st.session_state[PRESENTER] = True
        del st.query_params["key"]  # off the projected address bar
    address = join_address()
    code, words = st.columns([1, 2])
    code.image(segno.make(address, error="m").svg_data_uri(scale=8, dark="#000"), width=180)
    words.markdown(f"### Join: {plain(address)}")  # the host comes from the browser: plain text
    words.markdown(
        "Draw the garment your phone asks for, then **Send**: the board shows what both networks see."
    )
    _board()


@st.fragment(run_every=2.0)
def _board() -> None:
    room = get_room()
    presenter = bool(st.session_state.get(PRESENTER))
    phones = room.phones_since(time.time() - PRESENT_WINDOW)
    drawings = room.drawings()
    score = scoreboard(drawings)
    st.markdown(f"**{phones} phone(s)** in the room · **{score.count}** drawing(s) this round")
    if score.count:
        dense, cnn = score.dense_right / score.count, score.cnn_right / score.count
        st.markdown(f"### Dense {dense:.0%} · CNN {cnn:.0%} right on the room's {score.count} drawing(s)")
    side, columns = (150, st.columns(5)) if talk_mode() else (112, st.columns(8))  # talk: the room reads them
    for index, drawing in enumerate(drawings[:BOARD_SIZE]):
        with columns[index % len(columns)]:
            st.image(tile(pixels_of(drawing.png), side=side), caption=_caption(drawing), width=side)
            if presenter:
                st.button("Hide", key=f"hide_{drawing.id}", on_click=room.hide, args=(drawing.id,))
    if score.count:
        rows = [
            {"asked": name, "drawings": n, "dense right": d, "CNN right": c}
            for name, (n, d, c) in sorted(score.per_class.items())
        ]
        show_table(pd.DataFrame(rows), {}, "asked")
    if presenter:
        st.button("New round (the board empties; this round is kept)", on_click=room.new_round)


def _caption(drawing) -> str:
    """What was asked and each model's mark; a wrong answer says what it was."""
    dense = "✓" if drawing.dense_right else f"✗ {CLASS_NAMES[drawing.dense_answer]}"
    cnn = "✓" if drawing.cnn_right else f"✗ {CLASS_NAMES[drawing.cnn_answer]}"
    return f"asked {CLASS_NAMES[drawing.asked]} · dense {dense} · CNN {cnn}"
