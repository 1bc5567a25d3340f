"""Inside the CNN: what each convolution extracts, what pooling keeps, the kernels, the shift test."""

from __future__ import annotations

import streamlit as st

from components.inside.keys import MODEL, SOURCE
from components.inside.shift import render_shift_test
from components.inside.views import render_channel_detail, render_dense_view, render_kernels, render_maps
from components.language import N_, _
from components.model_picker import chosen_models, default_models, keep_in_address
from components.plain_text import unbroken
from components.resources import get_store, loaded
from components.state import CLASSIFY_CHOICE, CLASSIFY_INPUT, kept, talk_mode
from components.test_image_picker import test_image_input
from fashion_lab.models.registry import is_convolutional

SOURCES = [N_("Test image"), N_("My drawing or upload")]  # the values kept; shown translated


def _pick_input():
    source = st.radio(
        _("Input"), SOURCES, format_func=_, horizontal=True, key=SOURCE, persist_state="session"
    )
    if source == "Test image":
        picked = test_image_input(key_prefix="inside")
        if picked is None:
            return None, ""
        result, truth = picked
        return result.pixels, _("test image, true label {label}").format(label=unbroken(truth))
    pixels = CLASSIFY_INPUT.get()
    if pixels is None:
        st.info(_("Nothing drawn or uploaded yet: do it on the Classify page, then come back."))
    return pixels, _("your drawing or upload")


def render_inside() -> None:
    st.title(_("Inside the CNN"))
    if not talk_mode():  # on a projector, the presenter says it: the maps come up on the first screen
        st.caption(
            _(
                "A convolution slides small 3x3 filters (kernels) over the image; each filter lights up "
                "where its pattern appears (an edge, a line, a blob), giving one feature map per filter. "
                "Max pooling keeps the strongest response of each 2x2 window: the map shrinks and a "
                "feature may move a little without changing the result."
            )
        )
    models = get_store().models()
    conv_models = [m for m in models if is_convolutional(m.architecture)]
    if not conv_models:
        st.info(_("No convolutional model in the store yet: train a CNN on the Train page first."))
        return
    picks, pick_model = st.columns([3, 2])
    with picks:
        pixels, described = _pick_input()
    chosen = chosen_models(models, CLASSIFY_CHOICE)  # Classify's (the classics until others are picked)
    keep_in_address([m.name for m in chosen], default_models(models))
    first_cnn = next((m.name for m in chosen if m in conv_models), conv_models[0].name)
    names = [m.name for m in conv_models]
    shown, keep = kept(MODEL, first_cnn)
    index = names.index(shown) if shown in names else names.index(first_cnn)  # kept, unless deleted since
    name = pick_model.selectbox(_("CNN"), names, index, key=MODEL, on_change=keep)
    entry = next(m for m in conv_models if m.name == name)
    cnn_pair = loaded([entry]) if pixels is not None else []
    if not cnn_pair:
        return
    model = cnn_pair[0][1]
    maps = render_maps(model, pixels, described, layer_picker=pick_model)
    render_channel_detail(model, pixels, maps, numbers=not talk_mode())
    render_kernels(model)
    dense = next((m for m in chosen if m not in conv_models), None)
    dense_pair = loaded([dense]) if dense else []
    render_dense_view(dense_pair[0][1] if dense_pair else None, pixels)
    others = [m for m in chosen if m not in (dense, entry)]  # the shift test follows the choice
    render_shift_test(dense_pair + cnn_pair + loaded(others), pixels)
