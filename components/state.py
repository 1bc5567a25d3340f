"""The one owner of st.session_state keys and of the app's shared resources."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from components.plain_text import plain
from fashion_lab.models.stored import open_store
from model_store import ModelStore, StoreError

TRAIN_JOB = "train_job"  # this tab's TrainingJob (running or ended), kept across pages
TRAIN_REFUSAL = "train_refusal"  # why the last Train press started nothing (shown once)
LIVE_FEED = "live_feed"  # the LiveFeed of this tab's running job, fetched by its live panel
TALK_MODE = "talk_mode"  # big fonts and just the essentials, remembered in the URL (?talk=1)
RACE_JOBS = "race_jobs"  # the two TrainingJobs of this tab's race (running or ended)
RACE_REFUSAL = "race_refusal"  # why the last Start of a race started nothing (shown once)
CLASSIFY_INPUT = "classify_input"  # the 28x28 uint8 the Classify page shows (or None)
WELCOME_DISMISSED = "welcome_dismissed"  # the first page's welcome was put away
# Classify's canvas: its objects (JSON), those it was given when it last mounted, its last picture.
DRAWING, DRAWING_AT_MOUNT, DRAWN_PIXELS = "classify_drawing", "classify_drawing_at_mount", "classify_pixels"
CHOSEN_MODELS = "chosen_models"  # the model names picked on Classify or Compare, for both and Inside
PRESET_SET = "preset_set"  # the key of the model picker whose value a preset button just set
# The join page's: the phone's anonymous id, the class asked for, the turn, what the turn sent.
PHONE_ID, PLAY_ASKED, PLAY_ROUND, PLAY_SENT = "phone_id", "play_asked", "play_round", "play_sent"
PLAY_ACTIVITY, QUIZ = "play_activity", "quiz"  # the join page's Draw or Guess 10; this tab's quiz
ROOM_BOARD = "room_board"  # which board the room page shows: the drawings or Guess 10
PRESENTER = "presenter"  # whether this tab gave the presenter key (the room page's controls)
ROOM_CONTROL_ERROR = "room_control_error"  # why the presenter's last Hide or New round failed
KEPT = "kept_{}"  # a widget's last value, kept while the page or the widget is out of sight


def talk_mode() -> bool:
    """Whether this tab presents to an audience."""
    return bool(st.session_state.get(TALK_MODE, False))


def kept(key: str, default, shared: str | None = None) -> tuple:
    """The value the widget ``key`` had last in this tab (or ``default``), to draw it with as its
    default, and its on_change callback that keeps a new one. Streamlit forgets a widget's value
    on every run that does not draw it (another page, a branch not taken); this keeps it for the
    session. ``shared`` names the kept value when widgets share it. (Setting the widget's value
    through st.session_state instead was lost when a click interrupted the run that set it.)"""
    state, kept_key = st.session_state, shared or KEPT.format(key)
    return state.get(kept_key, default), lambda: state.__setitem__(kept_key, state[key])


def kept_settings(defaults: dict, disabled: bool) -> tuple[dict, Callable[[str], dict]]:
    """For the widgets keyed as ``defaults`` is: the value each shows (kept, or its default), and
    the keyword arguments of each (its key, disabled, the on_change that keeps its value)."""
    shown = {key: kept(key, value) for key, value in defaults.items()}

    def widget(key: str) -> dict:
        return {"key": key, "disabled": disabled, "on_change": shown[key][1]}

    return {key: value for key, (value, _) in shown.items()}, widget


def get_store() -> ModelStore:
    """The model store (FASHION_LAB_MODELS or the default folder); cheap, so built per call."""
    return open_store()


@st.cache_resource(show_spinner=False)
def remove_store_leftovers() -> None:
    """Once per server, at its start: the half-written saves a killed process left in the store."""
    get_store().remove_leftovers()


def session_id() -> str:
    """This browser tab's Streamlit session."""
    ctx = get_script_run_ctx()
    return ctx.session_id if ctx else "no-session"


def get_train_job():
    """This tab's training job, or None."""
    return st.session_state.get(TRAIN_JOB)


def set_train_job(job) -> None:
    st.session_state[TRAIN_JOB] = job


def get_live_feed():
    """The feed of this tab's training job, or None."""
    return st.session_state.get(LIVE_FEED)


def set_live_feed(feed) -> None:
    """Keep ``feed`` for this tab; the one it replaces stops and removes its file."""
    old = st.session_state.get(LIVE_FEED)
    if old is not None:
        old.close()
    st.session_state[LIVE_FEED] = feed


@st.cache_resource(max_entries=8, show_spinner=False)
def _load_model(root: str, name: str, weights_sha256: str):
    return open_store(root).load(name)


def load_stored_model(entry):
    """A stored model, loaded once per server and reused (keyed by its weights' checksum)."""
    return _load_model(str(get_store().root), entry.name, entry.weights_sha256)


def loaded(entries: list) -> list[tuple]:
    """(entry, model) for each entry whose model loads (once per server), in order; a warning with
    the reason for any that does not (its files changed since it was listed), and the page goes
    on. Pages use these models, not a second load that could meet changed files."""
    pairs = []
    for entry in entries:
        try:
            pairs.append((entry, load_stored_model(entry)))
        except StoreError as error:
            st.warning(f"**{plain(entry.name)}** cannot be used: {plain(error)}")
    return pairs


@st.cache_data(show_spinner=False)
def test_images():
    """The 10,000 test images and their labels (read-only arrays, loaded once per server)."""
    from fashion_lab.data.fashion_mnist import load_dataset

    data = load_dataset()
    return data.test_images, data.test_labels


def available_test_images():
    """``test_images()``, or None after one clear message saying how to get the dataset."""
    from fashion_lab.data.fashion_mnist import DatasetError

    try:
        return test_images()
    except DatasetError as error:
        st.error(f"The Fashion-MNIST test images are needed here but cannot be read: {plain(error)}")
        return None
