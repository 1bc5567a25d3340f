"""The Models page: what is in the model store, broken entries included."""

import pandas as pd
import streamlit as st

from components.models.keys import DELETE_BUTTON, DELETE_NAME
from components.models.reliability import render_reliability
from components.plain_text import plain
from components.resources import get_store
from components.tables import show_table
from model_store import BrokenEntry, StoreError, is_valid_name


def _models_table(models) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "name": m.name,  # then what tells models apart first: on a phone the rest scrolls
                "test accuracy": m.test_accuracy * 100,
                "architecture": m.architecture,
                "epochs": m.epochs,
                "stopped": m.stopped,
                "fine-tuned from": m.init_from or "",
                "parameters": m.params,
                "train seconds": m.train_seconds,
                "created": m.created[:16].replace("T", " "),
                "bundled": m.bundled,
            }
            for m in models
        ]
    )


def render_models() -> None:
    """List stored models, show broken ones with their reason, delete on request."""
    store = get_store()
    st.title("Models")
    st.caption(
        f"Your models are stored in `{store.root}` (set FASHION_LAB_MODELS to use another folder); "
        "the bundled ones come with the app and are read-only. "
        f"It keeps at most {store.max_models} of yours (FASHION_LAB_MAX_MODELS) and holds {store.count()}: "
        "a run that ends when it is full is not saved, and nothing is deleted but by you, below."
    )
    entries = store.entries()
    models = [e for e in entries if not isinstance(e, BrokenEntry)]
    if not models:
        st.info("No trained models yet. Train one: `python -m fashion_lab train --arch cnn`.")
    else:  # in talk mode the columns that fit a 1280 px projector
        kinds = {"test accuracy": "percent", "train seconds": "seconds", "parameters": "int"}
        hidden = ("fine-tuned from", "train seconds", "created", "bundled")
        show_table(_models_table(models), kinds, "name", talk_hides=hidden)
        render_reliability(models)
    _render_broken_and_delete(entries)


def _render_broken_and_delete(entries) -> None:
    broken = [e for e in entries if isinstance(e, BrokenEntry)]
    for entry in broken:
        st.warning(f"**{plain(entry.name)}** cannot be used: {plain(entry.reason)}")
    # A folder whose name the store refuses cannot be deleted by name: its reason says to rename it.
    deletable = [e.name for e in entries if not getattr(e, "bundled", False) and is_valid_name(e.name)]
    if deletable:
        _render_delete(deletable)


def _render_delete(names: list[str]) -> None:
    with st.expander("Delete a model"):
        name = st.selectbox("Model", names, key=DELETE_NAME)
        if st.button("Delete", key=DELETE_BUTTON):
            try:
                get_store().delete(name)
            except StoreError as error:
                st.error(plain(error))
            else:
                st.toast(f"Deleted {plain(name)}.")
                st.rerun()
