"""The room's language: the presenter picks it in the sidebar of the Room page; the phones' join
page and Guess 10 speak it (components/room/play.py follows it at each run)."""

from __future__ import annotations

import streamlit as st

from components.language import _, follow_language, render_language_style
from components.room.keys import ROOM_LANGUAGE
from components.room.shared import get_room
from components.state import LANGUAGE, LANGUAGE_CHOSEN, ROOM_CONTROL_ERROR, is_fragment_run
from fashion_lab.i18n import LANGUAGES
from fashion_lab.room.database import RoomDatabaseError


def render_room_language() -> None:
    """The presenter's choice, as the database has it (another presenter's tab may have changed it);
    none while the database cannot say (the board says why)."""
    try:
        st.session_state[ROOM_LANGUAGE] = get_room().language()
    except RoomDatabaseError:
        return
    st.sidebar.radio(
        _("Room language"),
        list(LANGUAGES),
        format_func=LANGUAGES.get,
        key=ROOM_LANGUAGE,
        on_change=_chosen,
        horizontal=True,
        help=_("What the phones show: the join page and Guess 10. They follow a change at their next tap."),
    )


def _chosen() -> None:
    try:
        get_room().set_language(st.session_state[ROOM_LANGUAGE])
    except RoomDatabaseError as error:
        ROOM_CONTROL_ERROR.set(_("The room's language is unchanged: {error}").format(error=error))


def follow_the_room() -> None:
    """This phone speaks the room's language from now on, unless its address names one (?lang=);
    the one it spoke while the database cannot say (Send says why)."""
    if not LANGUAGE_CHOSEN.get():
        follow_language(_rooms_language() or LANGUAGE.get())
    render_language_style()


def rerun_if_the_room_switched() -> None:
    """A tap reruns only its part of the phone's page: when the presenter has switched the room's
    language meanwhile, the whole page is drawn again in it (a run of the whole page has just
    followed the room: no second read)."""
    if is_fragment_run() and not LANGUAGE_CHOSEN.get() and _rooms_language() not in (None, LANGUAGE.get()):
        st.rerun(scope="app")


def _rooms_language() -> str | None:
    try:
        return get_room().language()
    except RoomDatabaseError:
        return None
