"""Who a phone is: an anonymous id its browser keeps in a cookie (no login), so that a reload, Back
and Forward, a locked phone and a second tab of the same browser are one person: one rate limit,
one quiz, the same class asked for (issue 39). A second browser is a second person."""

from __future__ import annotations

import contextlib
import hashlib

import streamlit as st

from components.room.shared import get_room
from components.state import PERSON_COOKIE, PHONE_ID
from fashion_lab.data.fashion_mnist import CLASS_NAMES
from fashion_lab.room.database import RoomDatabaseError
from fashion_lab.room.drawings import PRESENT_WINDOW

KEPT_DAYS = 7  # the cookie outlives a talk, not a term
HEARTBEAT_SECONDS = PRESENT_WINDOW / 2  # a phone with /play open is seen this often


def this_person() -> str:
    """This phone's person id (the browser's cookie, or a new id), and a script that makes the
    browser keep it when its cookie does not hold it yet (Streamlit reads cookies, never sets one)."""
    person = PHONE_ID.get()
    if st.context.cookies.get(PERSON_COOKIE) != person:
        st.html(
            f"<script>document.cookie = '{PERSON_COOKIE}={person}; Max-Age={KEPT_DAYS * 86400}; "
            "Path=/; SameSite=Strict';</script>",
            unsafe_allow_javascript=True,
        )
    return person


def asked_class(person: str, drawings_sent: int) -> int:
    """The class a person's next turn asks for: drawn at random once per drawing they sent, the
    same on every reload until they send it."""
    digest = hashlib.sha256(f"{person}:{drawings_sent}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % len(CLASS_NAMES)


@st.fragment(run_every=HEARTBEAT_SECONDS)
def heartbeat() -> None:
    """Tell the room this phone has the join page open, now and every HEARTBEAT_SECONDS: the
    board counts the phones in the room, not only those that sent something (issue 40)."""
    with contextlib.suppress(RoomDatabaseError):  # the board's count waits for the database
        get_room().saw_phone(PHONE_ID.get())
