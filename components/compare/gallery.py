"""Compare's gallery: the test images that tell two models apart, with both answers."""

from __future__ import annotations

import streamlit as st

from components.image_views import tile
from components.language import _, class_name
from components.model_picker import architecture_word
from components.plain_text import plain, unbroken
from components.resources import ahead_or_here, test_images
from components.state import talk_mode
from fashion_lab.analysis.comparison import Answers, confidently_wrong, right_and_wrong

GALLERY = 8
TILE, TALK_TILE = 112, 180  # px of a gallery image


@st.cache_data(show_spinner=False, max_entries=16)  # its spinner: test_answers' (in the shown language)
def _test_answers(name: str, weights_sha256: str, _model) -> Answers:
    from fashion_lab.analysis.evaluation import predict_images

    return Answers.of(predict_images(_model, test_images()[0]))


def test_answers(entry) -> Answers | None:
    """The model's answer on each test image: computed ahead for a bundled model; otherwise the
    model is loaded and classifies them here (once), or None when it cannot be loaded."""
    return ahead_or_here(entry, "answers", _("Classifying the 10,000 test images..."), _test_answers)


def render_gallery(first, second, test_set) -> None:
    """The test images one model gets right and the other wrong, both ways; off a projector also
    each model's most confidently wrong answers."""
    images, labels = test_set
    p1, p2 = test_answers(first), test_answers(second)
    if p1 is None or p2 is None:
        return
    for title, indices in (
        (
            _("{first} right, {second} wrong").format(first=first.name, second=second.name),
            right_and_wrong(p1, p2, labels, GALLERY),
        ),
        (
            _("{first} right, {second} wrong").format(first=second.name, second=first.name),
            right_and_wrong(p2, p1, labels, GALLERY),
        ),
        *(
            []
            if talk_mode()
            else [
                (
                    _("{model}: most confidently wrong").format(model=first.name),
                    confidently_wrong(p1, labels, GALLERY),
                ),
                (
                    _("{model}: most confidently wrong").format(model=second.name),
                    confidently_wrong(p2, labels, GALLERY),
                ),
            ]
        ),
    ):
        st.markdown(f"**{plain(title)}**")
        if len(indices) == 0:
            st.caption(_("none"))
            continue
        captions = [
            _("true {true_class} · {first}: {first_answer} · {second}: {second_answer}").format(
                true_class=unbroken(class_name(labels[i])),
                first=architecture_word(first.architecture),
                first_answer=_answer(p1, i),
                second=architecture_word(second.architecture),
                second_answer=_answer(p2, i),
            )
            for i in indices
        ]
        side = TALK_TILE if talk_mode() else TILE  # talk: tiles and captions the room can read
        st.image([tile(images[i], side=side) for i in indices], caption=captions, width=side)


def _answer(answers: Answers, index: int) -> str:
    return f"{unbroken(class_name(answers.top[index]))} {answers.confidence[index]:.0%}"
