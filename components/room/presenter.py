"""The presenter, once per server: a tab given the key gets a random token that its browser keeps
in a cookie, so a reload or another tab of that browser stays the presenter's, and the key is typed
once per server start, never in the address. The tokens live in this server's memory only: a
restart forgets them, and the key itself is never stored in the browser."""

from __future__ import annotations

import secrets

import streamlit as st

from components.state import PRESENTER, PRESENTER_COOKIE, PRESENTER_TOKEN

KEPT_HOURS = 12  # a talk's day, at most


@st.cache_resource
def _tokens() -> set[str]:
    """The tokens this server gave to its presenters' browsers."""
    return set()


def recognise_presenter() -> None:
    """A tab whose browser holds one of this server's tokens is the presenter's."""
    token = st.context.cookies.get(PRESENTER_COOKIE)
    if not PRESENTER.get() and token in _tokens():
        PRESENTER.set(True)
        PRESENTER_TOKEN.set(token)


def remember_presenter() -> None:
    """The presenter's tab: its browser keeps a token (made once) in its cookie."""
    if not PRESENTER.get():
        return
    token = PRESENTER_TOKEN.get()
    if token is None:
        token = secrets.token_urlsafe(24)
        _tokens().add(token)
        PRESENTER_TOKEN.set(token)
    if st.context.cookies.get(PRESENTER_COOKIE) != token:  # (Streamlit reads cookies, sets none)
        st.html(
            f"<script>document.cookie = '{PRESENTER_COOKIE}={token}; Max-Age={KEPT_HOURS * 3600}; "
            "Path=/; SameSite=Strict';</script>",
            unsafe_allow_javascript=True,
        )
