"""The phones' half-drawn canvases the server keeps (components/room/drafts.py): bounded in number
and in size, dropped once sent, the picture given back as it was kept."""

from __future__ import annotations

import numpy as np

from components.room.drafts import MAX_DRAFT_BYTES, Drafts

STROKES = {"version": "4.4.0", "objects": [{"type": "path", "path": [["M", 10, 10], ["L", 90, 90]]}]}


def canvas(seed: int = 0) -> np.ndarray:
    pixels = np.zeros((280, 280, 4), np.uint8)
    pixels[..., 3] = 255
    pixels[40 + seed : 200, 100:120, :3] = 255  # a white stroke on black
    return pixels


def test_a_draft_comes_back_as_it_was_kept_and_goes_once_dropped():
    drafts = Drafts()
    drafts.keep("person-a", 3, STROKES, canvas())
    draft = drafts.get("person-a")
    assert draft.asked == 3 and draft.objects == STROKES and np.array_equal(draft.pixels(), canvas())
    assert drafts.get("person-b") is None
    drafts.drop("person-a")
    assert drafts.get("person-a") is None


def test_the_oldest_draft_goes_first_and_a_too_large_one_is_not_kept():
    drafts = Drafts(limit=3)
    for person in "abcd":
        drafts.keep(person, 0, STROKES, canvas())
    assert len(drafts) == 3 and drafts.get("a") is None and drafts.get("d") is not None
    rng = np.random.default_rng(0)  # strokes that do not compress: more than MAX_DRAFT_BYTES kept
    huge = {"objects": [{"type": "path", "path": rng.integers(0, 280, (MAX_DRAFT_BYTES, 2)).tolist()}]}
    drafts.keep("b", 0, huge, canvas(1))
    assert drafts.get("b") is None  # and the smaller draft it replaced is gone too: never a stale one
