"""Guess 10 on a phone: the round's ten test images one at a time, as the models see them; tap a
class; Back to change an answer; Finish; then your score beside both networks' on the same ten."""

from __future__ import annotations

import time

import streamlit as st

from components.image_views import tile
from components.language import N_, _, class_name
from components.room.keys import QUIZ_ANSWER, QUIZ_BACK
from components.room.room_language import rerun_if_the_room_switched
from components.room.shared import get_room, quiz_round
from components.session_values import QuizState
from components.state import PHONE_ID, QUIZ
from fashion_lab.data.fashion_mnist import CLASS_NAMES
from fashion_lab.room.database import RoomDatabaseError
from fashion_lab.room.quiz import QUIZ_SIZE, summarize
from fashion_lab.room.quiz_tables import QuizClosed

ICONS = ("👕", "👖", "🧶", "👗", "🧥", "👡", "👔", "👟", "👜", "👢")  # one per class, in CLASS_NAMES order
IMAGE_SIDE = 224  # px: the 28x28 at 8x, sharp, on its black background
BUTTON_WIDTH = 170  # px: two class buttons a row on a 390 px phone
SCORERS = (N_("You"), N_("Dense"), N_("CNN"))  # the results' three metrics


@st.fragment
def render_quiz() -> None:
    """The quiz of the room's current round (a new round: a new quiz)."""
    rerun_if_the_room_switched()
    room = get_room()
    try:
        current = room.current_round()
        phone = PHONE_ID.get()
        mine = room.quiz_answers(current, phone, finished=False)
        state = QUIZ.get()
        if state is None or state.round != current:  # this tab's first look, or a new round
            # The ten and the models' answers, once a round: a tap reruns this fragment, and
            # need not list the store and look up the models again (about 2 ms a tap).
            ten = quiz_round(room, current)
            if ten is None:
                return
            answered = {a.position for a in mine}  # this person's, from another tab or before a reload
            if state is not None:  # the presenter started a round while this phone answered
                st.info(
                    _("A new round has started: here is its Guess 10 (your answers to the last are kept).")
                )
            state = QuizState(
                current, next((p for p in range(QUIZ_SIZE) if p not in answered), QUIZ_SIZE), ten=ten
            )
            QUIZ.set(state)
        ten = state.ten
        if room.has_finished(current, phone):
            _results(ten, mine)
        else:
            _ask(room, ten, state, {a.position: a.answer for a in mine})
    except RoomDatabaseError as error:
        st.warning(
            _("The room's database did not answer: {error}. Try again in a moment.").format(error=error)
        )


def _ask(room, ten, state: QuizState, answers: dict[int, int]) -> None:
    position = state.position
    if problem := state.problem:
        state.problem = None
        st.warning(problem)
    if position >= QUIZ_SIZE:  # all answered: finish, or go back and change one
        st.markdown(
            _("**All {count} answered.** Your answers are final once you finish.").format(count=QUIZ_SIZE)
        )
        st.button(
            _("Finish: see my score"), type="primary", width="stretch", on_click=_finish, args=(room, state)
        )
        _back_button(state)
        return
    st.markdown(_("**Image {number} of {count}** · what is it?").format(number=position + 1, count=QUIZ_SIZE))
    st.image(tile(ten.pixels[position], side=IMAGE_SIDE), width=IMAGE_SIDE)
    grid = st.container(horizontal=True, wrap=True, gap="small")  # two a row on a phone, in order
    for c in range(len(CLASS_NAMES)):
        grid.button(
            f"{ICONS[c]} {class_name(c)}",
            key=QUIZ_ANSWER.format(ten.round_id, position, c),
            type="primary" if answers.get(position) == c else "secondary",
            width=BUTTON_WIDTH,
            on_click=_tap,
            args=(room, ten, state, position, c, answers.get(position)),
        )
    if position:
        _back_button(state)


def _back_button(state: QuizState) -> None:
    st.button(_("‹ Back"), key=QUIZ_BACK.format(state.position), on_click=_move, args=(state, -1))


def _move(state: QuizState, step: int) -> None:
    state.position = max(0, min(QUIZ_SIZE, state.position + step))
    state.shown = time.time()


def _tap(room, ten, state: QuizState, position: int, answer: int, stored: int | None) -> None:
    if problem := record_tap(room, ten, state, PHONE_ID.get(), position, answer, stored):
        state.problem = problem


def record_tap(
    room, ten, state: QuizState, phone: str, position: int, answer: int, stored: int | None
) -> str | None:
    """A tap on ``answer`` for the image at ``position`` (``stored``: the answer it had): store it
    with the time since the image was shown, then show the next image. A tap meant for an image
    no longer shown (a quick second tap) is dropped; the same answer again is no change; an answer
    changed too often keeps its last value, and the quiz still moves on. Returns what to say."""
    if state.position != position:
        return None
    problem = None
    if answer != stored:
        try:
            seconds = time.time() - state.shown
            room.answer_quiz(ten.round_id, phone, position, ten.images[position], answer, seconds)
        except QuizClosed as error:
            problem = str(error)
        except RoomDatabaseError as error:
            return _("Not stored, try again: {error}").format(error=error)
    _move(state, 1)
    return problem


def _finish(room, state: QuizState) -> None:
    try:
        room.finish_quiz(state.round, PHONE_ID.get())
    except (ValueError, RoomDatabaseError) as error:
        state.problem = _("Not finished: {error}.").format(error=error)


def _results(ten, mine: list) -> None:
    """Your score, the networks' on the same ten, and the images you missed with every answer."""
    answers = {a.position: a.answer for a in mine}
    summary = summarize(mine, ten.images, ten.truths, ten.dense_answers, ten.cnn_answers)  # of this phone
    st.success(_("Your answers are in: the big screen counts them."))
    row = st.container(horizontal=True)  # side by side on a phone too
    scores = (summary.right, summary.dense_right, summary.cnn_right)
    for label, score in zip(SCORERS, scores, strict=True):
        row.metric(_(label), f"{score}/{QUIZ_SIZE}")
    missed = summary.missed
    if not missed:
        st.markdown(_("All ten right."))
        return
    st.markdown(_("**The ones you missed**"))
    captions = [
        _("{truth} · you: {answer} · dense {dense} · CNN {cnn}").format(
            truth=class_name(truth),
            answer=class_name(answers[p]),
            dense=_mark(ten.dense_answers[p], truth),
            cnn=_mark(ten.cnn_answers[p], truth),
        )
        for p, truth in ((p, ten.truths[p]) for p in missed)
    ]
    st.image([tile(ten.pixels[p], side=112) for p in missed], caption=captions, width=112)
    people = _("People got {percent} of such images right in a crowd-sourced test (Fashion-MNIST README).")
    st.caption(people.format(percent="83.5%"))


def _mark(answer: int, truth: int) -> str:
    return "✓" if answer == truth else f"✗ {class_name(answer)}"
