"""The room under load: PHONES phone contexts each send DRAWINGS drawings as fast as they can.

Each phone draws with a finger (CDP touch events), all press Send before any answer is read, and
the answers are polled on every phone at once: the time from a press to "Sent to the board." is
what a person waits. The board's latency is timed one drawing at a time; the server's memory per
phone session is its resident memory with the phones open, less before, over their number.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from playwright.sync_api import Page, expect, sync_playwright

from tools.app_driver import draw_by_touch
from tools.app_server import CHROMIUM_ARGS, chromium_path, streamlit_server
from tools.bench_app import server_pid
from tools.bench_rows import Row
from tools.outlines import OUTLINES, outline
from tools.screenshots import PHONE

PHONES, DRAWINGS, BOARD_SAMPLES = 20, 5, 5
SENT = "Sent to the board."


def resident_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc status")


def send_round(phones: list[Page], turn: int) -> list[float]:
    """Every phone draws, all press Send, then the answers are awaited on all at once."""
    garment = list(OUTLINES)[turn % len(OUTLINES)]
    for phone in phones:
        draw_by_touch(phone, outline(OUTLINES[garment]))
    time.sleep(0.5)  # the canvases send their pictures after the stroke
    pressed = {}
    for phone in phones:
        phone.get_by_role("button", name="Send").click()
        pressed[phone] = time.perf_counter()
    waits, deadline = [], time.perf_counter() + 120
    while pressed and time.perf_counter() < deadline:
        for phone in list(pressed):
            if phone.get_by_text(SENT).count():
                waits.append(time.perf_counter() - pressed.pop(phone))
    if pressed:
        raise RuntimeError(f"{len(pressed)} phone(s) got no answer within 2 minutes")
    for phone in phones:
        phone.get_by_role("button", name="Draw another").click()
    for phone in phones:
        expect(phone.get_by_text(SENT)).to_have_count(0, timeout=30_000)
    return waits


def board_latency(phone: Page, board: Page, count: int) -> float:
    """Seconds from one Send to the board showing the drawing."""
    draw_by_touch(phone, outline(OUTLINES["Bag"]))
    time.sleep(0.5)
    phone.get_by_role("button", name="Send").click()
    began = time.perf_counter()
    expect(board.get_by_text(f"{count} drawing(s) this round", exact=False)).to_be_visible(timeout=30_000)
    seconds = time.perf_counter() - began
    expect(phone.get_by_text(SENT)).to_be_visible(timeout=30_000)
    phone.get_by_role("button", name="Draw another").click()
    expect(phone.get_by_text(SENT)).to_have_count(0, timeout=30_000)
    return seconds


def bench_room(phones: int = PHONES, drawings: int = DRAWINGS) -> list[Row]:
    from fashion_lab.room import open_room

    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        data = Path(folder) / "room"
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        with streamlit_server(Path(folder) / "models", FASHION_LAB_DATA=str(data)) as url:
            board = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
            board.goto(f"{url}/room")
            expect(board.get_by_text("0 drawing(s) this round", exact=False)).to_be_visible(timeout=60_000)
            first = browser.new_context(**PHONE).new_page()
            first.goto(f"{url}/play")
            board_seconds = [board_latency(first, board, n + 1) for n in range(BOARD_SAMPLES)]
            pid = server_pid(url)
            before = resident_mb(pid)
            crowd = [browser.new_context(**PHONE).new_page() for _ in range(phones)]
            for phone in crowd:
                phone.goto(f"{url}/play")
            for phone in crowd:
                expect(phone.get_by_role("button", name="Send")).to_be_visible(timeout=60_000)
            per_phone = (resident_mb(pid) - before) / phones
            waits = [w for turn in range(drawings) for w in send_round(crowd, turn)]
            stored = len(open_room(data).drawings())
        browser.close()
    expected = BOARD_SAMPLES + phones * drawings
    p95 = float(np.percentile(waits, 95)) * 1000
    return [
        Row(
            f"room: Send to answer, p95 of {phones} phones x {drawings}",
            round(p95),
            None,
            "ms",
            "<= 500",
            p95 <= 500,
            f"median {np.median(waits) * 1000:.0f} ms",
        ),
        Row(
            "room: Send until the board shows it (max of 5)",
            round(max(board_seconds), 2),
            None,
            "s",
            "<= 3",
            max(board_seconds) <= 3,
            f"median {np.median(board_seconds):.2f} s",
        ),
        Row(
            "room: server memory per phone session", round(per_phone, 1), None, "MB", "<= 15", per_phone <= 15
        ),
        Row(
            "room: drawings stored exactly once",
            stored,
            expected,
            "drawings",
            f"== {expected}",
            stored == expected,
        ),
    ]


if __name__ == "__main__":
    for row in bench_room(*(int(a) for a in sys.argv[1:3])):
        print(row)
