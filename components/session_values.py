"""The kinds of value a tab keeps in its session (components/state.py names each one's key and
default): the Guess 10 a phone is taking, the drawing it sent or is drawing, a Compare preset's pick."""

from __future__ import annotations

import io
import json
import time
import zlib
from dataclasses import dataclass, field
from functools import cached_property
from typing import Protocol

import numpy as np
from PIL import Image


@dataclass
class QuizState:
    """This tab's place in a round's Guess 10 (a new round: a new one)."""

    round: int
    position: int = 0  # the image shown (0-9), or QUIZ_SIZE once all are answered: Finish
    shown: float = field(default_factory=time.time)  # when that image was shown
    problem: str | None = None  # what the last tap or Finish could not do, said once
    ten: object = None  # the round's QuizRound (components/room/shared.py), worked out at the first look


@dataclass(frozen=True)
class SentDrawing:
    """A phone's turn sent: the class asked for, the 28x28 both networks saw, their answers."""

    turn: int
    asked: int
    seen: np.ndarray  # (28, 28) uint8
    answers: list[tuple[str, tuple[int, float]]]  # (model label, (class, confidence)) of each


@dataclass(frozen=True)
class Draft:
    """A phone's half-drawn canvas (components/room/drafts.py keeps them): the class it is drawn
    for, the canvas's objects (what it redraws) as compressed JSON, its picture as a PNG (what
    Send sends). Bytes, not Python objects: what is kept is what is counted."""

    asked: int
    strokes: bytes
    picture: bytes

    @cached_property
    def objects(self) -> dict:
        return json.loads(zlib.decompress(self.strokes))

    def pixels(self) -> np.ndarray:
        """The picture as the canvas gives it: RGBA, white strokes on black."""
        return np.asarray(Image.open(io.BytesIO(self.picture)).convert("RGBA"))


@dataclass(frozen=True)
class PresetPick:
    """A Compare preset button's choice: set in its callback, the model picker keyed ``picker``
    then shows it (drawn with no default, its value set)."""

    picker: str


class Feed(Protocol):
    """What a tab keeps of its training job's live feed (components/train/live_feed.py's
    LiveFeed): the job it follows, and close() when another replaces it."""

    job: object

    def close(self) -> None: ...
