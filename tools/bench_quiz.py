"""Guess 10 under load: PHONES phones start the quiz at the same moment (asyncio, one Chromium)
and each taps its ten answers after a person's look at each image (THINK seconds, at random),
then Finish. Measured: the time from a tap to the next image on screen, clocked by each phone's
page itself (a click listener and a MutationObserver), and that every answer is stored once."""

from __future__ import annotations

import asyncio
import random
import tempfile
from pathlib import Path

import numpy as np
from playwright.async_api import Page, async_playwright, expect

from components.room.quiz import ICONS
from fashion_lab.data.fashion_mnist import CLASS_NAMES
from model_store import BUNDLED_ROOT
from tools.app_server import CHROMIUM_ARGS, chromium_path, streamlit_server
from tools.bench_rows import Row
from tools.screenshots import PHONE

PHONES = 20
THINK = (1.0, 3.0)  # seconds a person looks at an image before tapping, drawn uniformly
CLOCK = """
window.tapWaits = [];
document.addEventListener("click", (event) => {
  const button = event.target.closest("button");
  const shown = document.body.innerText.match(/Image (\\d+) of 10/);
  if (button && shown && !button.innerText.includes("Back")) window.tapped = [performance.now(), shown[0]];
}, true);
new MutationObserver(() => {
  if (!window.tapped) return;
  const shown = document.body.innerText.match(/Image \\d+ of 10|All 10 answered/);
  if (shown && shown[0] !== window.tapped[1]) {
    window.tapWaits.push(performance.now() - window.tapped[0]);
    window.tapped = null;
  }
}).observe(document, {subtree: true, childList: true, characterData: true});
"""


async def take_quiz(page: Page, phone: int) -> list[float]:
    """Look, then tap (phone + position) % 10 on every image, then Finish; the seconds from
    each tap to the next image (or to the finish button), as the page clocked them."""
    think = random.Random(phone)
    for position in range(10):
        name = CLASS_NAMES[(phone + position) % 10]
        await expect(page.get_by_text(f"Image {position + 1} of 10")).to_be_visible(timeout=120_000)
        await asyncio.sleep(think.uniform(*THINK))
        await page.get_by_role("button", name=f"{ICONS[CLASS_NAMES.index(name)]} {name}", exact=True).click()
    await expect(page.get_by_text("All 10 answered")).to_be_visible(timeout=120_000)
    await page.get_by_role("button", name="Finish: see my score").click()
    await expect(page.get_by_text("Your answers are in")).to_be_visible(timeout=120_000)
    return [wait / 1000 for wait in await page.evaluate("window.tapWaits")]


async def measure(url: str, phones: int) -> list[float]:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        pages = []
        for _ in range(phones):
            page = await (await browser.new_context(**PHONE)).new_page()
            await page.add_init_script(CLOCK)
            await page.goto(f"{url}/play")
            await page.get_by_text("Guess 10").click()
            await expect(page.get_by_text("Image 1 of 10")).to_be_visible(timeout=120_000)
            pages.append(page)
        waits = await asyncio.gather(*(take_quiz(page, n) for n, page in enumerate(pages)))
        await browser.close()
    return [wait for phone in waits for wait in phone]


def bench_quiz(phones: int = PHONES) -> list[Row]:
    from fashion_lab.room.drawings import open_room

    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "room"
        settings = {"FASHION_LAB_DATA": str(data), "FASHION_LAB_BUNDLED": str(BUNDLED_ROOT)}
        with streamlit_server(Path(folder) / "models", **settings) as url:
            waits = asyncio.run(measure(url, phones))
        room = open_room(data)
        round_id = room.current_round()
        answers = room.quiz_answers(round_id)
        finished, _ = room.quiz_progress(round_id)
    once = len({(a.phone, a.position) for a in answers})
    expected = phones * 10
    p95 = float(np.percentile(waits, 95)) * 1000
    return [
        Row(
            f"quiz: a tap to the next image, p95 of {phones} phones x 10 at once",
            round(p95),
            None,
            "ms",
            "<= 1000",
            p95 <= 1000,
            f"median {np.median(waits) * 1000:.0f} ms; {len(waits)} taps, {THINK[0]:.0f}-{THINK[1]:.0f} s"
            " apart",
        ),
        Row(
            f"quiz: {phones} phones finish at once, answers stored exactly once",
            once if once == len(answers) else -len(answers),
            expected,
            "answers",
            f"== {expected}, {phones} finished",
            once == len(answers) == expected and finished == phones,
            f"{finished} phones finished",
        ),
    ]


if __name__ == "__main__":
    for row in bench_quiz():
        print(row)
