"""Benchmark rows for clients that are no browser (issue 38): one client flooding the room with
drawings, a new phone for each, for a minute (what is stored, how the database grows); and 10
sessions each sending the largest canvas value the server takes (the memory it adds)."""

from __future__ import annotations

import base64
import io
import sqlite3
import tempfile
import threading
import time
from pathlib import Path

from PIL import Image, ImageDraw

from components.classify.inputs import CANVAS_SIDE
from tools.app_server import streamlit_server
from tools.bench_app import server_pid
from tools.bench_room import resident_mb
from tools.bench_rows import Row
from tools.raw_client import RawSession

FLOOD_SECONDS = 60.0  # the address bound's window
SESSIONS, VALUES = 10, 3  # sessions sending the largest canvas value, values each
LARGEST_VALUE = 990_000  # bytes of canvas value: a message over maxWidgetStateSize (1 MB) is refused


def canvas_value(data_bytes: int | None = None) -> dict:
    """What the canvas sends: a drawing of trousers as a PNG data URL, or a PNG-headed data URL of
    ``data_bytes`` characters (what an attacker sends to cost memory)."""
    if data_bytes is not None:
        return {"drawing": {"raw": None, "data": "data:image/png;base64," + "A" * data_bytes}}
    picture = Image.new("RGBA", (CANVAS_SIDE, CANVAS_SIDE), (0, 0, 0, 255))
    pen = ImageDraw.Draw(picture)
    for box in ((80, 40, 130, 250), (150, 40, 200, 250), (80, 40, 200, 80)):
        pen.rectangle(box, fill=(255, 255, 255, 255))
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    return {
        "drawing": {
            "raw": {"objects": []},
            "data": "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode(),
        }
    }


def widget(session: RawSession, kind: str, key: str = "") -> str:
    """The id of the session's widget of ``kind`` whose id holds ``key`` (its Streamlit key)."""
    return next(found for found, its_kind in session.widgets.items() if its_kind == kind and key in found)


def send_as_a_new_phone(url: str) -> list:
    """One drawing from a new session: a new phone id, as the flooding client sent them. The
    messages of the run that pressed Send and of the one it asked for, with the answers."""
    with RawSession(url) as phone:
        phone.run("play")
        values = {widget(phone, "bidi_component"): canvas_value()}
        phone.run("play", json_values=values)  # Send is enabled once the strokes arrived
        return phone.run("play", json_values=values, triggers=(widget(phone, "button", "play_send"),))


def flood(url: str, data: Path) -> tuple[int, int, float]:
    """(drawings stored, drawings sent, the database's growth in MB) in FLOOD_SECONDS."""
    from fashion_lab.room.drawings import open_room

    open_room(data).close()  # made with its tables: what grows is the drawings

    def size() -> int:  # the drawings written into the database itself (its log checkpointed)
        with sqlite3.connect(data / "room.sqlite3") as database:
            database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return (data / "room.sqlite3").stat().st_size

    before, sent = size(), 0
    end = time.monotonic() + FLOOD_SECONDS
    while time.monotonic() < end:
        send_as_a_new_phone(url)
        sent += 1
    stored = len(open_room(data).drawings())
    return stored, sent, (size() - before) / 2**20


def memory_of_large_values(url: str, pid: int) -> float:
    """MB the server's resident memory rose to while SESSIONS open sessions each sent VALUES of
    the largest canvas value it takes (sampled every 20 ms; over its memory with the sessions
    open, so what the values cost, not the sessions)."""
    phones = [RawSession(url) for _ in range(SESSIONS)]
    for phone in phones:
        phone.run("play")
    baseline, peak, done = resident_mb(pid), [0.0], threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], resident_mb(pid))
            time.sleep(0.02)

    def attack(phone: RawSession) -> None:
        for _ in range(VALUES):
            phone.run("play", json_values={widget(phone, "bidi_component"): canvas_value(LARGEST_VALUE)})

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    attackers = [threading.Thread(target=attack, args=(phone,)) for phone in phones]
    for thread in attackers:
        thread.start()
    for thread in attackers:
        thread.join()
    done.set()
    sampler.join()
    for phone in phones:
        phone.close()
    return peak[0] - baseline


def bench_flood() -> list[Row]:
    from fashion_lab.room.limits import ADDRESS_LIMIT, ROOM_DRAWINGS

    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "room"
        with streamlit_server(Path(folder) / "models", FASHION_LAB_DATA=str(data)) as url:
            with RawSession(url) as warm:  # the room's database, models and page made once
                warm.run("play")
            stored, sent, grown_mb = flood(url, data)
            added_mb = memory_of_large_values(url, server_pid(url))
    per_hour = grown_mb * 3600 / FLOOD_SECONDS
    return [
        Row(
            "room flood: one client's drawings stored in a minute",
            stored,
            None,
            "drawings",
            f"<= {ADDRESS_LIMIT} (the bound)",
            stored <= ADDRESS_LIMIT,
            f"{sent} sent, each from a new phone",
        ),
        Row(
            "room flood: database growth an hour, one client",
            round(per_hour, 1),
            None,
            "MB",
            "<= 20",
            per_hour <= 20,
            f"the database stops at {ROOM_DRAWINGS:,} drawings",
        ),
        Row(
            f"canvas: memory added by {SESSIONS} sessions x {VALUES} of {LARGEST_VALUE / 1e6:.1f} MB",
            round(added_mb),
            None,
            "MB",
            "<= 100",
            added_mb <= 100,
            "a message over 1 MB closes its connection",
        ),
    ]
