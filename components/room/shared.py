"""What the room's two pages share: the room database, the classic models that answer, and a
round's Guess 10 (its ten images and the models' answers on them)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

from components.language import _
from components.model_picker import default_models, drawing_models
from components.resources import available_test_images, get_store, loaded, test_images
from fashion_lab.room.database import RoomDatabaseError
from fashion_lab.room.drawings import KEY_FILE, data_folder, open_room, presenter_key
from fashion_lab.room.quiz import model_answers, quiz_images


@st.cache_resource(show_spinner=False)
def _open_room():
    """The room database of this server (one connection, shared by the sessions' threads); not
    kept when it fails, so the next run tries again."""
    return open_room()


def get_room():
    """The room database, or a clear message and the end of this run when it cannot be opened."""
    try:
        return _open_room()
    except RoomDatabaseError as error:
        st.error(_("The room is closed: {error}. The presenter can fix it and reload.").format(error=error))
        st.stop()


@st.cache_resource(show_spinner=False)
def get_presenter_key() -> str:
    """The presenter key. The server's log says where it is kept and how it ends, never the key
    itself (logs are read and shipped by others; `make run` prints it once, to the presenter)."""
    key = presenter_key()
    where = data_folder() / KEY_FILE
    print(f"Fashion-MNIST Lab: the room's presenter key (ending ...{key[-4:]}) is in {where}", flush=True)
    return key


def classic_models(drawing: bool = False) -> list[tuple]:
    """(entry, model) of the classic dense network and CNN that answer the room: for its
    drawings, the pair that learned drawings too, when stored."""
    models = get_store().models()
    names = drawing_models(models) if drawing else default_models(models)
    return loaded([m for name in names for m in models if m.name == name])


@dataclass(frozen=True)
class QuizRound:
    """A round's Guess 10: its ten test images in order, their labels, both networks' answers."""

    round_id: int
    images: list[int]
    pixels: np.ndarray  # (10, 28, 28)
    truths: list[int]
    dense_answers: list[int]
    cnn_answers: list[int]


def quiz_round(room, round_id: int) -> QuizRound | None:
    """The round's ten and the classics' answers on them (None, said, without the dataset or the
    models)."""
    test_set, pairs = available_test_images(), classic_models()
    if test_set is None:
        return None
    if len(pairs) < 2:
        st.error(_("The room's models are not ready: ask the presenter."))
        return None
    images, labels = test_set
    chosen = quiz_images(labels, room.quiz_seed(round_id))
    answers = [_quiz_answers(tuple(chosen), e.name, e.weights_sha256, model) for e, model in pairs]
    truths = [int(labels[i]) for i in chosen]
    return QuizRound(round_id, chosen, images[chosen], truths, *answers)


@st.cache_data(show_spinner=False, max_entries=64)
def _quiz_answers(chosen: tuple[int, ...], name: str, weights_sha256: str, _model) -> list[int]:
    return model_answers(_model, test_images()[0][list(chosen)])
