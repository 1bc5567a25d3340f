"""The room's language: the presenter picks it in the sidebar of the Room page; the phones' join
page and Guess 10 speak it (components/room/play.py follows it at each run)."""

from __future__ import annotations

import streamlit as st

from components.language import _, follow_language, render_language_style
from components.room.keys import ROOM_LANGUAGE
from components.room.shared import get_room
from components.state import LANGUAGE_CHOSEN, ROOM_CONTROL_ERROR
from fashion_lab.i18n import LANGUAGES
from fashion_lab.room.database import RoomDatabaseError


def render_room_language() -> None:
    """The presenter's choice, as the database has it (another presenter's tab may have changed it)."""
    st.session_state[ROOM_LANGUAGE] = get_room().language()
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
    """This phone speaks the room's language from now on, unless its address names one (?lang=)."""
    if not LANGUAGE_CHOSEN.get():
        follow_language(get_room().language())
    render_language_style()
