"""The room's bounds against floods (issue 38, item 3): drawings per source address a minute,
per round and in the database, each refused in words and told to the presenter."""

from __future__ import annotations

import numpy as np
import pytest

from fashion_lab.room import limits
from fashion_lab.room.drawings import open_room, send_drawing
from fashion_lab.room.limits import WINDOW, AddressWindow, RoomCounts, RoomFull, TooManyDrawings

ASKED = 1  # Trouser


def a_drawing() -> np.ndarray:
    pixels = np.zeros((28, 28), np.uint8)
    pixels[2:26, 8:20] = 230
    return pixels


@pytest.fixture
def classics(small_jobs):
    return small_jobs["dense"].model, small_jobs["cnn"].model


def test_one_address_sends_its_bound_a_minute_however_many_phones_it_claims():
    window = AddressWindow()
    for _ in range(3):
        window.take("203.0.113.7", 3, now=1000.0)
    with pytest.raises(TooManyDrawings, match="^3 drawings a minute from one network"):
        window.take("203.0.113.7", 3, now=1000.0 + WINDOW - 1)
    window.take("203.0.113.8", 3, now=1000.0)  # another address goes on
    window.take("203.0.113.7", 3, now=1000.0 + WINDOW)  # a minute later, so does this one
    assert window.refused_in_window(now=1000.0 + WINDOW) == 1
    assert window.refused_in_window(now=1000.0 + 2 * WINDOW) == 0


def test_localhost_is_one_address_and_quiet_addresses_are_forgotten(monkeypatch):
    monkeypatch.setattr(limits, "ADDRESSES_KEPT", 4)
    window = AddressWindow()
    window.take(None, 1, now=0.0)
    with pytest.raises(TooManyDrawings):
        window.take(None, 1, now=1.0)  # every browser on this machine: one address
    for number in range(10):  # a flood of addresses keeps at most the bound in memory
        window.take(f"198.51.100.{number}", 1, now=WINDOW * (number + 2))
    assert len(window._sent) <= 4


def test_a_flood_from_one_address_stores_the_bound_not_more(tmp_path, classics, monkeypatch):
    monkeypatch.setenv("FASHION_LAB_ROOM_ADDRESS_LIMIT", "5")
    monkeypatch.setattr(limits, "ADDRESSES", AddressWindow())
    room = open_room(tmp_path)
    refused = 0
    for phone in range(12):  # a new phone id for every drawing, as the attacker's client did
        try:
            send_drawing(room, f"p{phone}", ASKED, a_drawing(), 280, classics, address="203.0.113.7")
        except TooManyDrawings:
            refused += 1
    assert (len(room.drawings()), refused, room.phones_since(0)) == (5, 7, 5)
    send_drawing(room, "elsewhere", ASKED, a_drawing(), 280, classics, address="203.0.113.9")
    assert "7 drawing(s) refused" in RoomCounts(*room.drawing_counts()).presenter_notice(7)


def test_a_full_round_and_a_full_database_refuse_drawings_and_tell_the_presenter(
    tmp_path, classics, monkeypatch
):
    monkeypatch.setattr(limits, "ROUND_DRAWINGS", 2)
    monkeypatch.setattr(limits, "ROOM_DRAWINGS", 3)
    room = open_room(tmp_path)
    for phone in ("a", "b"):
        send_drawing(room, phone, ASKED, a_drawing(), 280, classics)
    with pytest.raises(RoomFull, match="round is full"):
        send_drawing(room, "c", ASKED, a_drawing(), 280, classics)
    assert "New round" in RoomCounts(*room.drawing_counts()).presenter_notice()
    room.new_round()
    send_drawing(room, "c", ASKED, a_drawing(), 280, classics)
    assert room.drawing_counts() == (1, 3)
    with pytest.raises(RoomFull, match="room is full"):
        send_drawing(room, "d", ASKED, a_drawing(), 280, classics)
    assert "FASHION_LAB_DATA" in RoomCounts(*room.drawing_counts()).presenter_notice()
    assert RoomCounts(0, 0).presenter_notice() is None
