"""The room's join screen for a hall (talk mode, until the presenter presses Start): the QR code
most of the projector's height, the address beside it in large type, and how many phones have
the join page open, counted live as they join."""

from __future__ import annotations

import time
from collections.abc import Callable

import segno
import streamlit as st

from components.language import _, ngettext
from components.plain_text import plain
from components.room.keys import JOIN_START
from components.state import ROOM_STARTED
from fashion_lab.room.database import RoomDatabaseError
from fashion_lab.room.drawings import PRESENT_WINDOW

BOARD_PARAMETER = "board"  # ?board=1: past the join screen (a reload of the projector stays there)


def show_the_board(shown: bool) -> None:
    """Start's callback (``shown``), or Join screen's: kept for the tab and in its address."""
    ROOM_STARTED.set(shown)
    if shown:
        st.query_params[BOARD_PARAMETER] = "1"
    elif BOARD_PARAMETER in st.query_params:
        del st.query_params[BOARD_PARAMETER]


def board_shown() -> bool:
    """Whether this tab is past the join screen: Start pressed, or an address that says so."""
    if st.query_params.get(BOARD_PARAMETER) == "1":
        ROOM_STARTED.set(True)
    return ROOM_STARTED.get()


def qr_code(address: str, border: int = 4) -> str:
    """The join address as a QR code (an SVG data URI, sharp at any size): black on white, with
    ``border`` modules of white around it."""
    return segno.make(address, error="m").svg_data_uri(scale=8, dark="#000", light="#fff", border=border)


def render_join_screen(join_address: Callable[[], str], room: Callable) -> None:
    """The code, the address (``join_address`` gives it, and says beside the code why phones
    cannot reach it, if so), the phones joined (``room`` gives the room) and Start, which shows
    the board with the code small in its corner (the board's Join screen brings this back)."""
    code, words = st.columns([1, 1], gap="large", vertical_alignment="center")
    with words:
        address = join_address()
    # Half the width, so most of the height: a code scans from about ten times its side (98 px on
    # a 4 m screen reached row 3, not row 15). Its own white margin: a dark theme's page is not.
    code.image(qr_code(address, border=2), width="stretch")
    with words:
        st.markdown("## " + _("Scan to join"))
        st.markdown(f"### {plain(address)}")  # the host comes from the browser: plain text
        st.markdown(
            _("Draw the garment your phone asks for, or play **Guess 10**: you against the networks.")
        )
        _joined(room)
        st.button(_("Start"), key=JOIN_START, type="primary", on_click=show_the_board, args=(True,))


@st.fragment(run_every=2.0)
def _joined(room: Callable) -> None:
    try:
        phones = room().phones_since(time.time() - PRESENT_WINDOW)
    except RoomDatabaseError as error:  # PostgreSQL restarted: the next update tries again
        st.warning(_("The count waits for its database: {error}").format(error=error))
        return
    joined = ngettext("{count} phone joined", "{count} phones joined", phones).format(count=phones)
    st.markdown(f"## {joined}")
