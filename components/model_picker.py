"""The stored models a page offers, and which it picks by default (Classify, Inside, Compare)."""

from __future__ import annotations

import streamlit as st

from components.plain_text import plain
from components.state import get_store
from fashion_lab.architectures import is_convolutional


def default_models(models) -> list[str]:
    """The newest dense model and the newest convolutional one, side by side."""
    newest = {}
    for m in models:  # newest first: keep the first of each kind (a listed model's architecture is known)
        newest.setdefault(is_convolutional(m.architecture), m.name)
    return [newest[kind] for kind in (False, True) if kind in newest]


def choose_models(key: str) -> list:
    """A multiselect of the stored models (newest first); returns the chosen entries."""
    models = get_store().models()
    if not models:
        st.info("No trained model yet: train one on the Train page first.")
        return []
    names = st.multiselect("Models", [m.name for m in models], default=default_models(models), key=key)
    return [m for m in models if m.name in names]


def model_label(entry) -> str:
    """How a model is named in a metric's label (Markdown: a model named www.example.com would
    otherwise become a link)."""
    return f"{plain(entry.name)} ({entry.architecture})"
