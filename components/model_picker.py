"""The stored models a page offers and which it picks: Classify's choice (Inside follows it) and
Compare's, each the classic dense network and CNN until someone picks others, kept for the whole
session."""

from __future__ import annotations

import streamlit as st

from components.language import N_, _, class_name
from components.plain_text import plain
from components.resources import get_store
from components.state import DRAWING_PICK, PHOTO_PICK, Slot, kept, preset_picked
from fashion_lab.models.registry import is_convolutional

CLASSICS = ("dense", "cnn")  # the two architectures the app is about
# The classic pair trained on drawings too, with the same recipe (make models): what answers a
# drawing until someone picks other models. docs/drawings.md says why.
DRAWING_MODELS = ("bundled-dense-drawings", "bundled-cnn-drawings")
# The same network trained on Fashion-MNIST only, and also on real phone photos: what answers a
# photo until someone picks other models, the lesson of domain shift side by side (docs/photos.md).
PHOTO_MODELS = ("bundled-cnn-deep", "bundled-cnn-deep-real-photos")
# Models one page works with at once: each adds its predictions, heatmaps or arrangement to every
# rerun (Compare's arrangement of ~20 models took 117 s and 73 CPU-seconds).
MODELS_PER_VIEW = 8
MODELS_PARAMETER = "models"  # the address's name for a page's choice of models


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


def photo_models(models) -> list[str]:
    """For photos: the network without and with real photos when both are stored, else the
    default models."""
    return list(PHOTO_MODELS) if set(PHOTO_MODELS) <= {m.name for m in models} else default_models(models)


def input_defaults(models, drawing: bool = False, photo: bool = False) -> list[str]:
    """The models that answer an input of this kind until a choice is made."""
    return drawing_models(models) if drawing else photo_models(models) if photo else default_models(models)


def chosen_models(models, choice: Slot, drawing: bool = False, photo: bool = False) -> list:
    """The entries of a page's ``choice`` that still exist (until one is made, those the address
    names, else the defaults for the input: ``input_defaults``)."""
    names = {m.name for m in models}
    if choice.get() is None:  # a new session opened from an address that names models
        named = [n for n in st.query_params.get_all(MODELS_PARAMETER) if n in names]
        choice.set(named[:MODELS_PER_VIEW] or None)
    chosen = choice.get()
    defaults = input_defaults(models, drawing, photo)
    kept = [n for n in (defaults if chosen is None else chosen) if n in names][:MODELS_PER_VIEW]
    return [m for n in kept for m in models if m.name == n]


def choose_models(key: str, choice: Slot, models=None, drawing: bool = False, photo: bool = False) -> list:
    """A multiselect of the stored models (newest first) showing the page's ``choice``, which a
    change sets. ``drawing``, ``photo``: the input is a drawing or a photo (its own defaults, and
    its own widget, so that the defaults follow the input until a choice is made). Returns the
    chosen entries."""
    models = get_store().models() if models is None else models
    if not models:
        st.info(_("No trained model yet: train one on the Train page first."))
        return []
    key = DRAWING_PICK.format(key) if drawing else PHOTO_PICK.format(key) if photo else key
    _shown, keep = kept(key, None, shared=choice)
    chosen = [m.name for m in chosen_models(models, choice, drawing, photo)]
    default = None if preset_picked(key) else chosen  # (Streamlit warns when a widget is given both)
    names = st.multiselect(
        _("Models"),
        [m.name for m in models],
        default,
        key=key,
        on_change=keep,
        max_selections=MODELS_PER_VIEW,
        placeholder=_("Choose options"),  # Streamlit's own words, in the tab's language
        help=_("At most {count} at once: each adds its work to every rerun of the page.").format(
            count=MODELS_PER_VIEW
        ),
    )
    keep_in_address(names, input_defaults(models, drawing, photo))
    return [m for n in names[:MODELS_PER_VIEW] for m in models if m.name == n]


def keep_in_address(names: list[str], defaults: list[str]) -> None:
    """Put the page's choice in its address (?models=a&models=b) unless it is the defaults, so
    that a reload or a bookmark opens the same models."""
    if names == defaults:
        if MODELS_PARAMETER in st.query_params:
            del st.query_params[MODELS_PARAMETER]
    elif st.query_params.get_all(MODELS_PARAMETER) != names:
        st.query_params[MODELS_PARAMETER] = names


def show_answer(where, entry, probabilities) -> None:
    """A model's answer: its top class, large, with its confidence."""
    top = int(probabilities.argmax())
    label, sure = model_label(entry), _("{percent} sure").format(percent=f"{probabilities[top]:.1%}")
    where.metric(label, class_name(top), sure, delta_color="off", delta_arrow="off")


ARCHITECTURE_WORDS = {"dense": N_("dense"), "cnn": "CNN"}  # how sentences name the classic pair


def architecture_word(architecture: str) -> str:
    """How a sentence names ``architecture``: the classic pair as CNN and, in the shown language,
    dense ("완전연결망"); any other by its name (cnn_deep, dense_wide, ...)."""
    word = ARCHITECTURE_WORDS.get(architecture)
    return _(word) if word else architecture


def model_label(entry) -> str:
    """How a model is named in a metric's label (Markdown: a model named www.example.com would
    otherwise become a link)."""
    return f"{plain(entry.name)} ({entry.architecture})"
