"""A phone's half-drawn canvas, kept by this server for its person (issue 39): a reload, Back and
Forward, a locked phone or a second tab bring the strokes back, and Send works at once. Kept in
memory, bounded (the newest MAX_DRAFTS people, a drawing of MAX_DRAFT_BYTES at most, as bytes):
a server restart forgets the drafts, never what was sent (that is in the database). A script that
makes a new person for every session can push older drafts out; it cannot grow the memory."""

from __future__ import annotations

import io
import json
import threading
import zlib
from collections import OrderedDict

import numpy as np
import streamlit as st
from PIL import Image

from components.session_values import Draft

MAX_DRAFTS = 1_000  # people with a drawing in progress; the oldest draft goes first
MAX_DRAFT_BYTES = 100_000  # of a draft as kept (compressed strokes and PNG): 100 MB for all at most


class Drafts:
    """The drafts of the people of this server, newest last."""

    def __init__(self, limit: int = MAX_DRAFTS) -> None:
        self._drafts: OrderedDict[str, Draft] = OrderedDict()
        self._lock, self._limit = threading.Lock(), limit

    def keep(self, person: str, asked: int, objects: dict, pixels: np.ndarray) -> None:
        """Keep ``person``'s drawing in progress of class ``asked``, unless it is too large to keep
        (then none)."""
        picture = io.BytesIO()
        Image.fromarray(np.asarray(pixels, dtype=np.uint8)).save(picture, format="PNG")
        draft = Draft(asked, zlib.compress(json.dumps(objects).encode()), picture.getvalue())
        too_large = len(draft.strokes) + len(draft.picture) > MAX_DRAFT_BYTES
        with self._lock:
            self._drafts.pop(person, None)
            if not too_large:
                self._drafts[person] = draft
            while len(self._drafts) > self._limit:
                self._drafts.popitem(last=False)

    def get(self, person: str) -> Draft | None:
        with self._lock:
            return self._drafts.get(person)

    def drop(self, person: str) -> None:
        """Sent or cleared: nothing in progress."""
        with self._lock:
            self._drafts.pop(person, None)

    def __len__(self) -> int:
        return len(self._drafts)


@st.cache_resource
def get_drafts() -> Drafts:
    """This server's drafts, shared by its sessions."""
    return Drafts()
