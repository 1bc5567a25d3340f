"""The Classify page: draw or upload a garment, see the 28x28 the models saw and their answers."""

from __future__ import annotations

import streamlit as st

from components.classify.inputs import CANVAS_SIDE, TALK_CANVAS_SIDE, drawing_input, upload_input
from components.classify.keys import HEATMAP_METHOD, MODELS, PHOTO_GALLERY, SOURCE
from components.classify.predictions import render_predictions
from components.heatmaps import render_heatmaps
from components.image_views import render_pipeline, render_pixel_grid
from components.language import N_, _
from components.model_picker import choose_models
from components.photo_lesson import render_photo_lesson
from components.state import CLASSIFY_CHOICE, CLASSIFY_INPUT, kept, talk_mode
from components.test_image_picker import test_image_input

SOURCES = [N_("Draw"), N_("Upload a photo"), N_("Test image")]  # the values kept; shown translated


def render_classify() -> None:
    """The input on the left and, beside it (below it on a phone), what the models answer."""
    talk = talk_mode()
    st.title(_("Classify"))
    if not talk:
        st.caption(
            _(
                "Draw a garment or upload a photo. It is turned into a 28x28 grayscale picture the way "
                "Fashion-MNIST was made, and every chosen model says what it sees. Softmax turns the "
                "network's last 10 numbers into probabilities that add up to 1."
            )
        )
    shown, keep = kept(SOURCE, SOURCES[0])
    source = st.radio(
        _("Input"),
        SOURCES,
        index=SOURCES.index(shown),
        format_func=_,
        horizontal=True,
        key=SOURCE,
        on_change=keep,
        label_visibility="collapsed",
    )
    left, right = st.columns([1, 1], gap="large")
    truth = None
    with left:
        if source == "Draw":
            result = drawing_input(TALK_CANVAS_SIDE if talk else CANVAS_SIDE)
        elif source == "Upload a photo":
            result = upload_input()
        else:
            result, truth = test_image_input() or (None, None)
    CLASSIFY_INPUT.set(result.pixels if result else None)
    with right:
        models = choose_models(
            MODELS, CLASSIFY_CHOICE, drawing=source == "Draw", photo=source == "Upload a photo"
        )
        if result is None:
            return
        answers = render_predictions(result, models, compact=talk)
        if source == "Upload a photo":
            render_photo_lesson(models, PHOTO_GALLERY)
        if truth:
            st.markdown(_("True label: **{label}**").format(label=truth))
    if answers:
        st.subheader(_("What each model looked at"))
        if result.extra_views and not talk:
            st.caption(
                _(
                    "On {first_view}; each answer is the mean of the model's answers on {views} "
                    "(see How the picture was made)."
                ).format(first_view=_(result.first_view), views=_(result.views))
            )
        render_heatmaps(result.pixels, answers, HEATMAP_METHOD)
    if len(result.steps) > 1:
        st.subheader(_("How the picture was made"))
        render_pipeline(result)
    if not talk:  # the cut-out on a line of its own: the chart clipped a longer title
        cutout = [f"({_(result.first_view)})"] if result.extra_views else []
        render_pixel_grid(result.pixels, title=[_("What the model sees: 28x28"), *cutout])
