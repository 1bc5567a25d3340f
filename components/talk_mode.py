"""Talk mode: a sidebar switch that enlarges everything and keeps the URL in step (?talk=1). In
talk mode the pages are a bar on top and the sidebar is folded away (streamlit_app.py): the page
has the projector's whole width, below the bar."""

from __future__ import annotations

import streamlit as st

from components.language import _
from components.state import TALK_MODE, talk_mode

LARGE_TEXT = """<style>
html { font-size: 22px; }
[data-testid="stMainBlockContainer"] { max-width: 100%; padding: 3rem 2rem 1rem; }
h1 { font-size: 2rem !important; padding-top: 0 !important; }
</style>"""


def _sync_url() -> None:
    if talk_mode():
        st.query_params["talk"] = "1"
    elif "talk" in st.query_params:
        del st.query_params["talk"]


def talk_mode_asked() -> bool:
    """Whether this run presents: the switch's value, or ?talk=1 before the switch is drawn (the
    navigation, drawn first, goes to the top of the page in talk mode)."""
    if TALK_MODE in st.session_state:
        return talk_mode()
    return st.query_params.get("talk") == "1"


# A metric's label (a model's name and architecture above its answer) ends in an ellipsis where
# its column is narrow: "bundled-cnn-deep-real-photos (cn…". It wraps at its spaces instead.
WRAPPED_LABELS = """<style>
[data-testid=stMetricLabel], [data-testid=stMetricLabel] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
}
</style>"""


def render_talk_switch() -> None:
    """The switch (on when the URL says ?talk=1); while on, large text and a full-width page."""
    if TALK_MODE not in st.session_state:
        st.session_state[TALK_MODE] = st.query_params.get("talk") == "1"
    st.sidebar.toggle(
        _("Talk mode"),
        key=TALK_MODE,
        on_change=_sync_url,
        help=_("Large text, just the essentials. Bookmark the page with it on: ?talk=1"),
    )
    st.html(WRAPPED_LABELS)
    if talk_mode():
        st.query_params["talk"] = "1"  # page switches drop query parameters: put it back
        st.html(LARGE_TEXT)
