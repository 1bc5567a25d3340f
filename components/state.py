"""This tab's st.session_state, in one place: where each key is named, with its type and default.

The rule (tests/test_state.py checks it on components/):
- A value the app keeps itself, no widget's, is a Slot below: its key, type (the dataclasses of
  components/session_values.py among them) and default. Pages read and write it through the Slot
  (get, set, take) or a function here, never through st.session_state.
- A widget's key (Streamlit keeps the widget's value under it) is a constant in its page's keys
  module, components/<page>/keys.py, or below for the shared widgets of components/*.py; a key
  holding ``{}`` is formatted, for a widget drawn once per item. Pages read and write
  st.session_state directly only for their widgets, by those constants.
- kept() keeps a widget's last value under KEPT.format(its key), or in a Slot the widgets share.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

import numpy as np
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from components.session_values import Draft, Feed, PresetPick, QuizState, SentDrawing

if TYPE_CHECKING:
    from fashion_lab.room.database import Drawing
    from fashion_lab.training.job import BaseJob

T = TypeVar("T")


@dataclass(frozen=True)
class Slot(Generic[T]):
    """A value this tab keeps under ``key``: ``default`` (immutable) until one is set, or the tab's
    own made by ``make`` when first read."""

    key: str
    default: T | None = None
    make: Callable[[], T] | None = None

    def get(self) -> T:
        """This tab's value, or the default (one that ``make`` made is kept: the tab's from then on)."""
        if self.key not in st.session_state:
            if self.make is None:
                return self.default
            st.session_state[self.key] = self.make()
        return st.session_state[self.key]

    def set(self, value: T) -> None:
        st.session_state[self.key] = value

    def take(self) -> T | None:
        """This tab's value, removed (what is said once), or the default."""
        return st.session_state.pop(self.key, self.default)


# The values this tab keeps. The Train page's: its job (running or ended, across pages), why the
# last Train press started nothing (said once), the feed of its running job for the live panel;
# the race's two jobs, and why its last Start started nothing; the welcome put away
TRAIN_JOB: Slot[BaseJob | None] = Slot("train_job")
TRAIN_REFUSAL: Slot[str | None] = Slot("train_refusal")
LIVE_FEED: Slot[Feed | None] = Slot("live_feed")
RACE_JOBS: Slot[list[BaseJob] | None] = Slot("race_jobs")
RACE_REFUSAL: Slot[str | None] = Slot("race_refusal")
WELCOME_DISMISSED: Slot[bool] = Slot("welcome_dismissed", False)
# Classify's: the 28x28 uint8 it shows (for Inside too); its canvas's objects (JSON), those it was
# given when it last mounted, and its last picture
CLASSIFY_INPUT: Slot[np.ndarray | None] = Slot("classify_input")
DRAWING: Slot[dict | None] = Slot("classify_drawing")
DRAWING_AT_MOUNT: Slot[dict | None] = Slot("classify_drawing_at_mount")
DRAWN_PIXELS: Slot[np.ndarray | None] = Slot("classify_pixels")
DRAWING_CLEARED: Slot[int] = Slot("classify_cleared", 0)  # Clear presses: each a new canvas
# The models each page works with (None: the classics until one is picked): Classify's, which
# Inside follows, and Compare's, which its presets set (a preset leaves Classify and Inside
# alone); a preset's press, said once to the picker it set
CLASSIFY_CHOICE: Slot[list[str] | None] = Slot("classify_choice")
COMPARE_CHOICE: Slot[list[str] | None] = Slot("compare_choice")
PRESET_PICK: Slot[PresetPick | None] = Slot("preset_pick")
# How they learned: while Play is on, when its last step was (time.monotonic()); None: paused
REPLAY_STEPPED: Slot[float | None] = Slot("replay_stepped")
# The join page's: the phone's anonymous id, the class asked for, the turn, what it sent; the quiz
PHONE_ID: Slot[str] = Slot("phone_id", make=lambda: person_from_cookie())
PLAY_ASKED: Slot[int | None] = Slot("play_asked")  # the class this turn asks for, once chosen
PLAY_ROUND: Slot[int] = Slot("play_round", 0)
PLAY_SENT: Slot[SentDrawing | None] = Slot("play_sent")
PLAY_CLEARED: Slot[int] = Slot("play_cleared", 0)  # Clear presses: each gives the turn a new canvas
PLAY_DRAFT: Slot[Draft | None] = Slot("play_draft")  # the person's half-drawn canvas, when it mounted
PLAY_DRAFT_KEPT: Slot[tuple | None] = Slot(
    "play_draft_kept"
)  # which the server keeps: canvas, class, strokes
QUIZ: Slot[QuizState | None] = Slot("quiz")
# The room page's: whether this tab gave the presenter key; why its last Hide or New round failed
PRESENTER: Slot[bool] = Slot("presenter", False)
PRESENTER_TOKEN: Slot[str | None] = Slot("presenter_token")  # what its browser's cookie holds
ROOM_CONTROL_ERROR: Slot[str | None] = Slot("room_control_error")
ROOM_STARTED: Slot[bool] = Slot("room_started", False)  # talk mode: Start pressed on the join screen
MODERATION_PICK: Slot[Drawing | None] = Slot("moderation_pick")  # the drawing picked to hide or block
KEY_REFUSED: Slot[bool] = Slot("presenter_key_refused")  # the key typed was not the presenter's
# The language this tab shows (fashion_lab.i18n.LANGUAGES), and whether it was chosen (the switch
# or ?lang=: the URL keeps it) rather than taken from the browser's preference
LANGUAGE: Slot[str] = Slot("language", "en")
LANGUAGE_CHOSEN: Slot[bool] = Slot("language_chosen", False)

PERSON_COOKIE = "fashion_lab_person"  # the anonymous id a phone's browser keeps (components/room/person.py)
PRESENTER_COOKIE = "fashion_lab_presenter"  # the presenter's token (components/room/presenter.py)
PERSON_ID = re.compile(r"[A-Za-z0-9_-]{22}")  # secrets.token_urlsafe(16)


def person_from_cookie() -> str:
    """The anonymous id this browser keeps in its cookie, if it is one we made; else a new one."""
    kept_id = st.context.cookies.get(PERSON_COOKIE) or ""
    return kept_id if PERSON_ID.fullmatch(kept_id) else secrets.token_urlsafe(16)


# The shared widgets' keys
LANGUAGE_SWITCH = "language_switch"  # the sidebar's 한국어 / English (components/language.py)
TALK_MODE = "talk_mode"  # the sidebar's Talk mode switch: big fonts and just the essentials (?talk=1)
TEST_CLASS, TEST_NUMBER = "{}_test_class", "{}_test_number"  # the test image picker's, with its page's name
KEPT = "kept_{}"  # a widget's last value, kept while the page or the widget is out of sight
DRAWING_PICK = "{}_for_drawings"  # the model picker's own widget while the input is a drawing
PHOTO_PICK = "{}_for_photos"  # ... and while it is a photo


def talk_mode() -> bool:
    """Whether this tab presents to an audience."""
    return bool(st.session_state.get(TALK_MODE, False))


def kept(key: str, default, shared: Slot | None = None) -> tuple:
    """The value the widget ``key`` had last in this tab (or ``default``), to draw it with as its
    default, and its on_change callback that keeps a new one. Streamlit forgets a widget's value
    on every run that does not draw it (another page, a branch not taken); this keeps it for the
    session. ``shared`` keeps it instead when widgets share it. (Setting the widget's value
    through st.session_state instead was lost when a click interrupted the run that set it.)"""
    state, kept_key = st.session_state, shared.key if shared else KEPT.format(key)
    return state.get(kept_key, default), lambda: state.__setitem__(kept_key, state[key])


def kept_settings(defaults: dict, disabled: bool) -> tuple[dict, Callable[[str], dict]]:
    """For the widgets keyed as ``defaults`` is: the value each shows (kept, or its default), and
    the keyword arguments of each (its key, disabled, the on_change that keeps its value)."""
    shown = {key: kept(key, value) for key, value in defaults.items()}

    def widget(key: str) -> dict:
        return {"key": key, "disabled": disabled, "on_change": shown[key][1]}

    return {key: value for key, (value, _) in shown.items()}, widget


def pick_preset(picker: str, choice: Slot, names: list[str]) -> None:
    """A preset button's callback: ``names`` become the page's ``choice`` and the value of its
    model picker keyed ``picker``."""
    st.session_state[picker] = names
    choice.set(names)
    PRESET_PICK.set(PresetPick(picker))


def preset_picked(picker: str) -> bool:
    """Whether a preset button set the value of the model picker ``picker`` (said once)."""
    pick = PRESET_PICK.take()
    return pick is not None and pick.picker == picker


def set_live_feed(feed: Feed | None) -> None:
    """Keep ``feed`` for this tab; the one it replaces stops and removes its file."""
    old = LIVE_FEED.get()
    if old is not None:
        old.close()
    LIVE_FEED.set(feed)


def is_fragment_run() -> bool:
    """Whether this script run reruns only fragments (a tap in one, or its timer), not the page."""
    ctx = get_script_run_ctx(suppress_warning=True)
    return bool(ctx and ctx.fragment_ids_this_run)


def session_id() -> str:
    """This browser tab's Streamlit session."""
    ctx = get_script_run_ctx()
    return ctx.session_id if ctx else "no-session"
