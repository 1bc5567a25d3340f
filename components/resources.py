"""The app's shared resources, each made once per server: the model store and the models loaded
from it, what `make models` computed ahead for the bundled ones, and the Fashion-MNIST test images
(read-only, shared by every session)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import streamlit as st

from components.language import _
from components.plain_text import plain
from fashion_lab.models.stored import open_store
from model_store import ModelStore, StoreError


def get_store() -> ModelStore:
    """The model store (FASHION_LAB_MODELS or the default folder); cheap, so built per call."""
    return open_store()


@st.cache_resource(show_spinner=False)
def remove_store_leftovers() -> None:
    """Once per server, at its start: the half-written saves a killed process left in the store."""
    get_store().remove_leftovers()


@st.cache_resource(max_entries=8, show_spinner=False)
def _load_model(root: str, name: str, weights_sha256: str):
    return open_store(root).load(name)


def load_stored_model(entry):
    """A stored model, loaded once per server and reused (keyed by its weights' checksum)."""
    return _load_model(str(get_store().root), entry.name, entry.weights_sha256)


@st.cache_resource(max_entries=32, show_spinner=False)
def _precomputed(folder: str, weights_sha256: str):
    from fashion_lab.analysis.precomputed import read

    return read(Path(folder), weights_sha256)


def precomputed(entry):
    """What `make models` computed ahead for this bundled model and these weights (shift curves,
    arrangement, test answers, temperatures: fashion_lab/analysis/precomputed.py), or None: a
    model of the user's, or a file that does not match, and the page computes as before."""
    return _precomputed(str(entry.path), entry.weights_sha256) if entry.bundled else None


@st.cache_resource(max_entries=16, show_spinner=False)
def _learning(root: str, name: str, learning_sha256: str):
    return open_store(root).learning(name)


def learning_record(entry):
    """The snapshots that replay how ``entry`` learned (read once per server), or None after a
    warning saying why they cannot be read."""
    try:
        return _learning(str(get_store().root), entry.name, entry.meta.get("learning_sha256", ""))
    except StoreError as error:
        st.warning(
            _("**{name}** cannot be replayed: {error}").format(name=plain(entry.name), error=plain(error))
        )


def ahead_or_here(entry, field: str, spinner: str, compute: Callable):
    """What a page shows of a model: computed ahead for a bundled model (its precomputed
    ``field``); otherwise the model is loaded and ``compute(name, weights_sha256, model)`` runs here
    under ``spinner`` (shown only after half a second: not when cached), or None after a warning
    when the model cannot be loaded."""
    ahead = precomputed(entry)
    if ahead is not None:
        return getattr(ahead, field)
    pairs = loaded([entry])
    if not pairs:
        return None
    with st.spinner(spinner):
        return compute(entry.name, entry.weights_sha256, pairs[0][1])


def loaded(entries: list) -> list[tuple]:
    """(entry, model) for each entry whose model loads (once per server), in order; a warning with
    the reason for any that does not (its files changed since it was listed), and the page goes
    on. Pages use these models, not a second load that could meet changed files."""
    pairs = []
    for entry in entries:
        try:
            pairs.append((entry, load_stored_model(entry)))
        except StoreError as error:
            st.warning(
                _("**{name}** cannot be used: {error}").format(name=plain(entry.name), error=plain(error))
            )
    return pairs


def test_images():
    """The 10,000 test images and their labels: read-only arrays, loaded once per server and
    shared (st.cache_data handed every call a copy of its 8 MB), without the training images."""
    from fashion_lab.data.fashion_mnist import load_test_split

    return load_test_split()


def available_test_images():
    """``test_images()``, or None after one clear message saying how to get the dataset."""
    from fashion_lab.data.fashion_mnist import DatasetError

    try:
        return test_images()
    except DatasetError as error:
        st.error(
            _("The Fashion-MNIST test images are needed here but cannot be read: {error}").format(
                error=plain(error)
            )
        )
        return None
