"""The room under load: PHONES phone contexts each send DRAWINGS drawings as fast as they can.

Every phone runs its own loop at once (asyncio): draw with a finger (CDP touch events), Send, wait
for the answer, Draw another. The time from a press to "Sent to the board." is what a person
waits: each phone's page clocks it itself (a click listener and a MutationObserver), so the
driver's turns between the phones add nothing. The board's latency is timed one drawing at a
time; the server's memory per phone session is its resident memory after the phones' turns, less
before they opened, over their number.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from playwright.async_api import Browser, Page, async_playwright, expect

from tools.app_server import CHROMIUM_ARGS, chromium_path, streamlit_server
from tools.bench_app import server_pid
from tools.bench_rows import Row
from tools.outlines import OUTLINES, outline
from tools.screenshots import PHONE

PHONES, DRAWINGS, BOARD_SAMPLES = 20, 5, 5
SENT = "Sent to the board."
STROKES = asyncio.Lock()
CLOCK = """
window.sendWaits = [];
document.addEventListener("click", (event) => {
  const button = event.target.closest("button");
  if (button && button.innerText.trim() === "Send") window.pressedAt = performance.now();
}, true);
new MutationObserver(() => {
  if (window.pressedAt && document.body.textContent.includes("Sent to the board.")) {
    window.sendWaits.push(performance.now() - window.pressedAt);
    window.pressedAt = null;
  }
}).observe(document, {subtree: true, childList: true, characterData: true});
"""


def resident_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc status")


async def draw_by_touch(page: Page, points: list[tuple[float, float]]) -> None:
    """tools.app_driver.draw_by_touch for the async driver: one finger stroke through ``points``.
    One stroke at a time in the whole browser: Chromium loses strokes synthesised on many pages
    at once (19 of 20 canvases stayed empty), which real phones, each its own, never do."""
    canvas = page.locator("canvas.upper-canvas")
    await expect(canvas).to_be_visible(timeout=60_000)
    async with STROKES:
        await stroke(page, await canvas.bounding_box(), points)


async def stroke(page: Page, box: dict, points: list[tuple[float, float]]) -> None:
    session = await page.context.new_cdp_session(page)
    at = [{"x": box["x"] + x, "y": box["y"] + y} for x, y in points]
    await session.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [at[0]]})
    for point in at[1:]:
        await session.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [point]})
    await session.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    await session.detach()


async def send_one(phone: Page, garment: str) -> None:
    """Draw ``garment``, Send, wait for the answer, Draw another."""
    await draw_by_touch(phone, outline(OUTLINES[garment]))
    await phone.get_by_role("button", name="Send").click(timeout=120_000)  # waits for the strokes
    await expect(phone.get_by_text(SENT)).to_be_visible(timeout=120_000)
    await phone.get_by_role("button", name="Draw another").click()
    await expect(phone.get_by_text(SENT)).to_have_count(0, timeout=60_000)


async def phone_loop(phone: Page, drawings: int) -> list[float]:
    """One phone sending ``drawings`` drawings as fast as it can; its waits in seconds."""
    for turn in range(drawings):
        await send_one(phone, list(OUTLINES)[turn % len(OUTLINES)])
    return [wait / 1000 for wait in await phone.evaluate("window.sendWaits")]


async def board_latency(phone: Page, board: Page, count: int) -> float:
    """Seconds from one Send to the board showing the drawing."""
    await draw_by_touch(phone, outline(OUTLINES["Bag"]))
    await phone.get_by_role("button", name="Send").click()
    began = time.perf_counter()
    shown = board.get_by_text(f"{count} drawing(s) this round", exact=False)
    await expect(shown).to_be_visible(timeout=30_000)
    seconds = time.perf_counter() - began
    await expect(phone.get_by_text(SENT)).to_be_visible(timeout=30_000)
    await phone.get_by_role("button", name="Draw another").click()
    await expect(phone.get_by_text(SENT)).to_have_count(0, timeout=30_000)
    return seconds


async def phone_page(browser: Browser, url: str) -> Page:
    page = await (await browser.new_context(**PHONE)).new_page()
    await page.add_init_script(CLOCK)
    await page.goto(f"{url}/play")
    await expect(page.get_by_role("button", name="Send")).to_be_visible(timeout=120_000)
    return page


async def measure(url: str, phones: int, drawings: int) -> tuple[list[float], list[float], float]:
    """(Send waits, board latencies, MB per phone session) against the server at ``url``."""
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        board = await (await browser.new_context(viewport={"width": 1280, "height": 720})).new_page()
        await board.goto(f"{url}/room")
        await expect(board.get_by_text("0 drawing(s) this round", exact=False)).to_be_visible(timeout=60_000)
        first = await phone_page(browser, url)
        board_seconds = [await board_latency(first, board, n + 1) for n in range(BOARD_SAMPLES)]
        pid = server_pid(url)
        before = resident_mb(pid)
        crowd = [await phone_page(browser, url) for _ in range(phones)]
        per_loop = await asyncio.gather(*(phone_loop(phone, drawings) for phone in crowd))
        per_phone = (resident_mb(pid) - before) / phones  # the sessions open, each with its turns
        await browser.close()
    return [wait for waits in per_loop for wait in waits], board_seconds, per_phone


def bench_room(phones: int = PHONES, drawings: int = DRAWINGS) -> list[Row]:
    from fashion_lab.room.drawings import open_room

    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "room"
        local = {"FASHION_LAB_DATA": str(data), "FASHION_LAB_ROOM_ADDRESS_LIMIT": "100000"}  # one address
        with streamlit_server(Path(folder) / "models", **local) as url:
            waits, board_seconds, per_phone = asyncio.run(measure(url, phones, drawings))
            stored = len(open_room(data).drawings())
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
