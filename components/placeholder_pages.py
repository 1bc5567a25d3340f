"""Pages whose content arrives with later issues: each says what it will show."""

import streamlit as st


def _render_upcoming(title: str, promise: str) -> None:
    st.title(title)
    st.info(f"Not built yet. {promise}")


def render_compare() -> None:
    _render_upcoming(
        "Compare",
        "Here the CNN and the dense network will stand side by side: curves, accuracy, confusion.",
    )
