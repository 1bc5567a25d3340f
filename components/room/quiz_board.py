"""The quiz board on the room page: how many finished, the room's accuracy with its 95% interval
beside both networks' on the same ten and the published human figure, each image with the
share of the room that got it right, and where the room and the CNN mix classes up. Until the
presenter reveals them (or every phone that began has finished) the projector shows no true
class: each image says only how many phones answered it."""

from __future__ import annotations

import streamlit as st

from components.chart_style import show_chart
from components.image_views import tile
from components.room.keys import REPLAY
from components.room.quiz_charts import accuracy_chart, answers_chart
from components.room.shared import quiz_round
from components.state import talk_mode
from fashion_lab.analysis.comparison import row_normalised
from fashion_lab.data.fashion_mnist import CLASS_NAMES
from fashion_lab.room.quiz import QUIZ_SIZE, summarize


def render_quiz_board(room, presenter: bool, control) -> None:
    """The current round's Guess 10 (``control`` runs a presenter's action, reporting a failure)."""
    round_id = room.current_round()
    ten = quiz_round(room, round_id)
    if ten is None:
        return
    finished, answering = room.quiz_progress(round_id)
    answers = room.quiz_answers(round_id)
    summary = summarize(answers, ten.images, ten.truths, ten.dense_answers, ten.cnn_answers)
    st.markdown(
        f"**{finished}** finished · **{answering}** still answering · round {round_id}: "
        "on the phones, choose *Guess 10*"
    )
    talk = talk_mode()
    revealed = room.is_revealed(round_id) or (finished > 0 and answering == 0)
    _headline(summary)
    left, right = st.columns([2, 3], gap="large")
    show_chart(*accuracy_chart(summary), where=left, width="stretch")
    left.caption(
        f"Dashed: people in a crowd-sourced test (Fashion-MNIST README), {summary.human:.1%}. "
        "On the room's bar: its 95% interval."
    )
    with right:
        if revealed:
            _images(ten, summary, talk)
        else:
            _images_unrevealed(ten, room.quiz_answers(round_id, finished=False), talk)
            if presenter:
                st.button("Reveal the answers", type="primary", on_click=control, args=(room.reveal,))
    if summary.answers and revealed:
        matrices = (row_normalised(summary.confusion), row_normalised(summary.cnn_confusion))
        for column, title, matrix in zip(
            st.columns(2), ("the room's answers", "the CNN's answer"), matrices, strict=True
        ):
            show_chart(*answers_chart(matrix, title, talk), where=column, width="stretch")
    if presenter:
        st.button("New round (new ten images; this round is kept)", on_click=control, args=(room.new_round,))
        _replay(room, round_id, control)


def _headline(summary) -> None:
    if summary.accuracy is None:
        st.markdown("### The room's score appears with the first finished phone.")
        return
    low, high = summary.interval
    room, dense, cnn = summary.accuracy, summary.dense_accuracy, summary.cnn_accuracy
    st.markdown(f"### Room {room:.0%} · Dense {dense:.0%} · CNN {cnn:.0%}")
    st.markdown(f"The room: 95% interval {low:.0%}-{high:.0%}, from {summary.answers} answers.")


def _images(ten, summary, talk: bool) -> None:
    """The ten, each with the room's share right, and which network missed it."""
    columns = st.columns(5)
    for position in range(QUIZ_SIZE):
        truth, share = ten.truths[position], summary.share_right[position]
        room = "room -" if share is None else f"room {share:.0%}"
        wrong = [  # only the networks that missed it: short enough for a projector's tile
            f"{who} ✗ {CLASS_NAMES[answer]}"
            for who, answer in (("dense", ten.dense_answers[position]), ("CNN", ten.cnn_answers[position]))
            if answer != truth
        ]
        caption = " · ".join([f"{CLASS_NAMES[truth]}: {room}", *wrong])
        side = 96 if talk else 80
        columns[position % 5].image(tile(ten.pixels[position], side=side), caption=caption, width=side)


def _images_unrevealed(ten, answers, talk: bool) -> None:
    """The ten, each with how many phones answered it so far: no true class, no network's answer."""
    columns, side = st.columns(5), 96 if talk else 80
    for position in range(QUIZ_SIZE):
        answered = sum(1 for answer in answers if answer.position == position)
        caption = f"{position + 1}: {answered} answered"
        columns[position % 5].image(tile(ten.pixels[position], side=side), caption=caption, width=side)


def _replay(room, round_id: int, control) -> None:
    """A new round with an earlier round's ten images (the board empties; every round is kept)."""
    if round_id < 2:
        return
    st.number_input("Round to replay", 1, round_id - 1, round_id - 1, key=REPLAY)

    def replay() -> None:  # the number as the click found it, not as the last run drew it
        room.new_round(quiz_seed=room.quiz_seed(int(st.session_state[REPLAY])))

    st.button("New round with that round's ten images", on_click=control, args=(replay,))
