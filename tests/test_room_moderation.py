"""The presenter's Pause and Block (issue 39, item 4), on SQLite and on a real PostgreSQL."""

from __future__ import annotations

import numpy as np
import pytest

from fashion_lab.room.database import RoomDatabase
from fashion_lab.room.drawings import send_drawing
from fashion_lab.room.moderation import NotTaken

ANSWERS = ((1, 0.9), (1, 0.8))


def a_drawing() -> np.ndarray:
    pixels = np.zeros((28, 28), np.uint8)
    pixels[2:26, 8:20] = 230
    return pixels


def test_pause_refuses_every_phone_until_the_board_goes_on(where):
    room = RoomDatabase(where)
    room.set_paused(True)
    assert room.is_paused()
    with pytest.raises(NotTaken, match="paused the board"):
        room.refuse_unless_taken("p1")
    room.set_paused(False)
    room.refuse_unless_taken("p1")
    room.new_round()
    assert not room.is_paused()  # a new round starts open


def test_block_hides_a_phones_drawings_of_the_round_and_refuses_it_there(where):
    room = RoomDatabase(where)
    first = room.add_drawing("rude", 1, b"png", 280, ANSWERS)
    room.add_drawing("rude", 2, b"png", 280, ANSWERS)
    kept = room.add_drawing("kind", 3, b"png", 280, ANSWERS)
    room.block_phone_of(first)
    room.block_phone_of(first)  # twice: the same
    assert [drawing.id for drawing in room.drawings()] == [kept]
    with pytest.raises(NotTaken, match="not taking your drawings"):
        room.refuse_unless_taken("rude")
    room.refuse_unless_taken("kind")
    room.new_round()
    room.refuse_unless_taken("rude")  # for the round only
    with pytest.raises(ValueError, match="no such drawing"):
        room.block_phone_of(10_000)


def test_a_drawing_sent_while_paused_is_not_stored(tmp_path, small_jobs):
    room = RoomDatabase(tmp_path / "room.sqlite3")
    classics = small_jobs["dense"].model, small_jobs["cnn"].model
    room.set_paused(True)
    with pytest.raises(NotTaken):
        send_drawing(room, "p", 1, a_drawing(), 280, classics)
    assert room.drawings() == []


def test_reveal_is_the_current_rounds_only(where):
    room = RoomDatabase(where)
    first = room.current_round()
    assert not room.is_revealed(first)
    room.reveal()
    assert room.is_revealed(first) and not room.is_revealed(room.new_round())
