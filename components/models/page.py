"""The Models page: what is in the model store, broken entries included."""

import pandas as pd
import streamlit as st

from components.language import _
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
                _("name"): m.name,  # then what tells models apart first: on a phone the rest scrolls
                _("test accuracy"): m.test_accuracy * 100,
                _("architecture"): m.architecture,
                _("epochs"): m.epochs,
                _("stopped"): m.stopped,
                _("fine-tuned from"): m.init_from or "",
                _("parameters"): m.params,
                _("train seconds"): m.train_seconds,
                _("created"): m.created[:16].replace("T", " "),
                _("bundled"): m.bundled,
            }
            for m in models
        ]
    )


def render_models() -> None:
    """List stored models, show broken ones with their reason, delete on request."""
    store = get_store()
    st.title(_("Models"))
    st.caption(
        _(
            "Your models are stored in `{folder}` (set FASHION_LAB_MODELS to use another folder); "
            "the bundled ones come with the app and are read-only. "
            "It keeps at most {limit} of yours (FASHION_LAB_MAX_MODELS) and holds {count}: "
            "a run that ends when it is full is not saved, and nothing is deleted but by you, below."
        ).format(folder=store.root, limit=store.max_models, count=store.count())
    )
    entries = store.entries()
    models = [e for e in entries if not isinstance(e, BrokenEntry)]
    if not models:
        st.info(_("No trained models yet. Train one: `python -m fashion_lab train --arch cnn`."))
    else:  # in talk mode the columns that fit a 1280 px projector
        kinds = {_("test accuracy"): "percent", _("train seconds"): "seconds", _("parameters"): "int"}
        kinds |= {_("stopped"): "yes/no", _("bundled"): "yes/no"}
        hidden = (_("fine-tuned from"), _("train seconds"), _("created"), _("bundled"))
        show_table(_models_table(models), kinds, _("name"), talk_hides=hidden)
        render_reliability(models)
    _render_broken_and_delete(entries)


def _render_broken_and_delete(entries) -> None:
    broken = [e for e in entries if isinstance(e, BrokenEntry)]
    for entry in broken:
        st.warning(
            _("**{model}** cannot be used: {reason}").format(
                model=plain(entry.name), reason=plain(entry.reason)
            )
        )
    # A folder whose name the store refuses cannot be deleted by name: its reason says to rename it.
    deletable = [e.name for e in entries if not getattr(e, "bundled", False) and is_valid_name(e.name)]
    if deletable:
        _render_delete(deletable)


def _render_delete(names: list[str]) -> None:
    with st.expander(_("Delete a model")):
        name = st.selectbox(_("Model"), names, key=DELETE_NAME)
        if st.button(_("Delete"), key=DELETE_BUTTON):
            try:
                get_store().delete(name)
            except StoreError as error:
                st.error(plain(error))
            else:
                st.toast(_("Deleted {model}.").format(model=plain(name)))
                st.rerun()
