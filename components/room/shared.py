"""What the room's two pages share: the room database and the classic models that answer."""

from __future__ import annotations

import streamlit as st

from components.model_picker import default_models
from components.state import get_store, loaded
from fashion_lab.room import open_room, presenter_key
from fashion_lab.room_db import RoomDatabaseError


@st.cache_resource(show_spinner=False)
def _open_room():
    """The room database of this server (one connection, shared by the sessions' threads); not
    kept when it fails, so the next run tries again."""
    return open_room()


def get_room():
    """The room database, or a clear message and the end of this run when it cannot be opened."""
    try:
        return _open_room()
    except RoomDatabaseError as error:
        st.error(f"The room is closed: {error}. The presenter can fix it and reload.")
        st.stop()


@st.cache_resource(show_spinner=False)
def get_presenter_key() -> str:
    """The presenter key, printed once in the terminal that started the server."""
    key = presenter_key()
    print(f"Fashion-MNIST Lab: the room's presenter key is {key} (open /room?key={key})", flush=True)
    return key


def classic_models() -> list[tuple]:
    """(entry, model) of the classic dense network and CNN that answer the room."""
    models = get_store().models()
    names = default_models(models)
    return loaded([m for name in names for m in models if m.name == name])
