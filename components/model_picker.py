"""The stored models a page offers and which it picks: one choice for Classify, Inside and Compare,
the classic dense network and CNN until the presenter picks others, kept for the whole session."""

from __future__ import annotations

import streamlit as st

from components.plain_text import plain
from components.resources import get_store
from components.state import CHOSEN_MODELS, DRAWING_PICK, kept, preset_picked
from fashion_lab.data.fashion_mnist import CLASS_NAMES
from fashion_lab.models.registry import is_convolutional

CLASSICS = ("dense", "cnn")  # the two architectures the app is about
# The classic pair trained on drawings too, with the same recipe (make models): what answers a
# drawing until someone picks other models. docs/drawings.md says why.
DRAWING_MODELS = ("bundled-dense-drawings", "bundled-cnn-drawings")
# Models one page works with at once: each adds its predictions, heatmaps or arrangement to every
# rerun (Compare's arrangement of ~20 models took 117 s and 73 CPU-seconds).
MODELS_PER_VIEW = 8


def default_models(models) -> list[str]:
    """One dense and one convolutional model: the bundled classics when present, else the newest
    model of each classic architecture, else the newest of each family (``models`` newest first)."""
    picks = []
    for architecture in CLASSICS:
        family = [m for m in models if is_convolutional(m.architecture) == is_convolutional(architecture)]
        ranked = sorted(family, key=lambda m: (m.architecture != architecture, *first_of_kind(m)))
        picks += [ranked[0].name] if ranked else []
    return picks


def first_of_kind(entry) -> tuple[bool, bool]:
    """A sort key that puts first, among models of one architecture, the bundled one trained on
    the images alone (bundled-<architecture>: not the -drawings or -photos variants)."""
    return not entry.bundled, entry.name != "bundled-" + entry.architecture.replace("_", "-")


def drawing_models(models) -> list[str]:
    """For drawings: the classic pair that learned drawings too when both are stored, else the
    default models."""
    return list(DRAWING_MODELS) if set(DRAWING_MODELS) <= {m.name for m in models} else default_models(models)


def chosen_models(models, drawing: bool = False) -> list:
    """The entries of this session's choice that still exist (until one is made, the defaults:
    for a drawing, ``drawing_models``)."""
    names, chosen = {m.name for m in models}, CHOSEN_MODELS.get()
    defaults = drawing_models(models) if drawing else default_models(models)
    kept = [n for n in (defaults if chosen is None else chosen) if n in names][:MODELS_PER_VIEW]
    return [m for n in kept for m in models if m.name == n]


def choose_models(key: str, models=None, drawing: bool = False) -> list:
    """A multiselect of the stored models (newest first) showing this session's choice; a change
    is the choice of every page. ``drawing``: the input is a drawing (its own defaults, and its
    own widget, so that the defaults follow the input until a choice is made). Returns the
    chosen entries."""
    models = get_store().models() if models is None else models
    if not models:
        st.info("No trained model yet: train one on the Train page first.")
        return []
    key = DRAWING_PICK.format(key) if drawing else key
    _, keep = kept(key, None, shared=CHOSEN_MODELS)
    chosen = [m.name for m in chosen_models(models, drawing)]
    default = None if preset_picked(key) else chosen  # (Streamlit warns when a widget is given both)
    names = st.multiselect(
        "Models",
        [m.name for m in models],
        default,
        key=key,
        on_change=keep,
        max_selections=MODELS_PER_VIEW,
        help=f"At most {MODELS_PER_VIEW} at once: each adds its work to every rerun of the page.",
    )
    return [m for n in names[:MODELS_PER_VIEW] for m in models if m.name == n]


def show_answer(where, entry, probabilities) -> None:
    """A model's answer: its top class, large, with its confidence."""
    top = int(probabilities.argmax())
    label, sure = model_label(entry), f"{probabilities[top]:.1%} sure"
    where.metric(label, CLASS_NAMES[top], sure, delta_color="off", delta_arrow="off")


def model_label(entry) -> str:
    """How a model is named in a metric's label (Markdown: a model named www.example.com would
    otherwise become a link)."""
    return f"{plain(entry.name)} ({entry.architecture})"
