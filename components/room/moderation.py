"""The presenter's moderation on the room page (issue 39): Pause, so that no new drawing reaches
the board (phones are told), and Hide or Block by picking a drawing that is then confirmed. The
tiles move as drawings arrive; the pick is shown above them, still, with the buttons that act on
exactly that drawing."""

from __future__ import annotations

import streamlit as st

from components.image_views import tile
from components.language import _, class_name
from components.room.keys import BLOCK, CANCEL_PICK, HIDE, HIDE_PICKED, PAUSE
from components.state import MODERATION_PICK
from fashion_lab.room.drawings import pixels_of

PICK_SIDE = 112  # px: the picked drawing, as a tile of the laptop's board


def render_moderation(room, control) -> None:
    """Pause, and the picked drawing with Hide, Block and Cancel; ``control(action, *args)`` runs a
    presenter's action and says on the board what failed."""
    paused = room.is_paused()
    st.toggle(
        _("Pause: phones are told to wait, the board takes nothing new"),
        value=paused,
        key=PAUSE,
        on_change=lambda: control(room.set_paused, st.session_state[PAUSE]),
    )
    picked = MODERATION_PICK.get()
    if picked is None:
        return
    with st.container(border=True, horizontal=True, vertical_alignment="center"):
        st.image(tile(pixels_of(picked.png), side=PICK_SIDE), width=PICK_SIDE)
        st.markdown(
            _("Drawing #{id}, asked **{asked}**").format(id=picked.id, asked=class_name(picked.asked))
        )
        hide, block = (control, room.hide, picked.id), (control, room.block_phone_of, picked.id)
        st.button(_("Hide it"), key=HIDE_PICKED, type="primary", on_click=_act, args=hide)
        st.button(_("Block its phone this round"), key=BLOCK, on_click=_act, args=block)
        st.button(_("Cancel"), key=CANCEL_PICK, on_click=MODERATION_PICK.take)


def pick_button(drawing) -> None:
    """Under a tile: pick it to hide or block (confirmed above the board)."""
    st.button(_("Hide…"), key=HIDE.format(drawing.id), on_click=MODERATION_PICK.set, args=(drawing,))


def _act(control, action, drawing_id: int) -> None:
    MODERATION_PICK.take()
    control(action, drawing_id)
