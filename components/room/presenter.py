"""The presenter, once per server: a tab given the key gets a random token that its browser keeps
in a cookie, so a reload or another tab of that browser stays the presenter's, and the key is typed
once per server start, never in the address. The tokens live in this server's memory only: a
restart forgets them, and the key itself is never stored in the browser."""

from __future__ import annotations

import secrets
import time

import streamlit as st

from components.state import PRESENTER, PRESENTER_COOKIE, PRESENTER_TOKEN

KEPT_HOURS = 12  # a talk's day, at most


@st.cache_resource
def _tokens() -> dict[str, float]:
    """The tokens this server gave to its presenters' browsers, each with when it was given."""
    return {}


def recognise_presenter() -> None:
    """A tab whose browser holds one of this server's tokens, given less than KEPT_HOURS ago, is
    the presenter's (an older one is forgotten here too, not only by the cookie)."""
    token = st.context.cookies.get(PRESENTER_COOKIE) or ""
    given = _tokens().get(token)
    if given is not None and time.time() - given > KEPT_HOURS * 3600:
        _tokens().pop(token, None)
        given = None
    if not PRESENTER.get() and given is not None:
        PRESENTER.set(True)
        PRESENTER_TOKEN.set(token)


def remember_presenter() -> None:
    """The presenter's tab: its browser keeps a token (made once) in its cookie."""
    if not PRESENTER.get():
        return
    token = PRESENTER_TOKEN.get()
    if token is None:
        token = secrets.token_urlsafe(24)
        _tokens()[token] = time.time()
        PRESENTER_TOKEN.set(token)
    if st.context.cookies.get(PRESENTER_COOKIE) != token:  # (Streamlit reads cookies, sets none)
        st.html(
            f"<script>document.cookie = '{PRESENTER_COOKIE}={token}; Max-Age={KEPT_HOURS * 3600}; "
            "Path=/; SameSite=Strict';</script>",
            unsafe_allow_javascript=True,
        )
