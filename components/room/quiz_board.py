"""The quiz board on the room page: how many finished, the room's accuracy with its 95% interval
beside both networks' on the same ten and the published human figure, each image with the
share of the room that got it right, and where the room and the CNN mix classes up. Until the
presenter reveals them (or every phone that began has finished) the projector shows no true
class: each image says only how many phones answered it."""

from __future__ import annotations

import streamlit as st

from components.chart_style import show_chart
from components.image_views import tile
from components.language import _, class_name
from components.room.keys import REPLAY
from components.room.quiz_charts import accuracy_chart, answers_chart
from components.room.shared import quiz_round
from components.state import talk_mode
from fashion_lab.analysis.comparison import row_normalised
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
        _(
            "**{finished}** finished · **{answering}** still answering · round {round}: "
            "on the phones, choose *Guess 10*"
        ).format(finished=finished, answering=answering, round=round_id)
    )
    talk = talk_mode()
    revealed = room.is_revealed(round_id) or (finished > 0 and answering == 0)
    _headline(summary)
    left, right = st.columns([2, 3], gap="large")
    show_chart(*accuracy_chart(summary), where=left, width="stretch")
    left.caption(
        _(
            "Dashed: people in a crowd-sourced test (Fashion-MNIST README), {human}. "
            "On the room's bar: its {level} interval."
        ).format(human=f"{summary.human:.1%}", level="95%")
    )
    with right:
        if revealed:
            _images(ten, summary, talk)
        else:
            _images_unrevealed(ten, room.quiz_answers(round_id, finished=False), talk)
            if presenter:
                st.button(_("Reveal the answers"), type="primary", on_click=control, args=(room.reveal,))
    if summary.answers and revealed:
        matrices = (row_normalised(summary.confusion), row_normalised(summary.cnn_confusion))
        for column, title, matrix in zip(
            st.columns(2), (_("the room's answers"), _("the CNN's answer")), matrices, strict=True
        ):
            show_chart(*answers_chart(matrix, title, talk), where=column, width="stretch")
    if presenter:
        st.button(
            _("New round (new ten images; this round is kept)"), on_click=control, args=(room.new_round,)
        )
        _replay(room, round_id, control)


def _headline(summary) -> None:
    if summary.accuracy is None:
        st.markdown("### " + _("The room's score appears with the first finished phone."))
        return
    low, high = summary.interval
    room, dense, cnn = summary.accuracy, summary.dense_accuracy, summary.cnn_accuracy
    headline = _("Room {room} · Dense {dense} · CNN {cnn}").format(
        room=f"{room:.0%}", dense=f"{dense:.0%}", cnn=f"{cnn:.0%}"
    )
    st.markdown(f"### {headline}")
    st.markdown(
        _("The room: {level} interval {low}-{high}, from {answers} answers.").format(
            level="95%", low=f"{low:.0%}", high=f"{high:.0%}", answers=summary.answers
        )
    )


def _images(ten, summary, talk: bool) -> None:
    """The ten, each with the room's share right, and which network missed it."""
    columns = st.columns(5)
    for position in range(QUIZ_SIZE):
        truth, share = ten.truths[position], summary.share_right[position]
        room = _("room {share}").format(share="-" if share is None else f"{share:.0%}")
        missed = (
            (_("dense ✗ {answer}"), ten.dense_answers[position]),
            (_("CNN ✗ {answer}"), ten.cnn_answers[position]),
        )
        wrong = [  # only the networks that missed it: short enough for a projector's tile
            who.format(answer=class_name(answer)) for who, answer in missed if answer != truth
        ]
        caption = " · ".join([f"{class_name(truth)}: {room}", *wrong])
        side = 96 if talk else 80
        columns[position % 5].image(tile(ten.pixels[position], side=side), caption=caption, width=side)


def _images_unrevealed(ten, answers, talk: bool) -> None:
    """The ten, each with how many phones answered it so far: no true class, no network's answer."""
    columns, side = st.columns(5), 96 if talk else 80
    for position in range(QUIZ_SIZE):
        answered = sum(1 for answer in answers if answer.position == position)
        caption = _("{position}: {count} answered").format(position=position + 1, count=answered)
        columns[position % 5].image(tile(ten.pixels[position], side=side), caption=caption, width=side)


def _replay(room, round_id: int, control) -> None:
    """A new round with an earlier round's ten images (the board empties; every round is kept)."""
    if round_id < 2:
        return
    st.number_input(_("Round to replay"), 1, round_id - 1, round_id - 1, key=REPLAY)

    def replay() -> None:  # the number as the click found it, not as the last run drew it
        room.new_round(quiz_seed=room.quiz_seed(int(st.session_state[REPLAY])))

    st.button(_("New round with that round's ten images"), on_click=control, args=(replay,))
