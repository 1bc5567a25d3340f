"""The first moments (issue 40, item 5), each in a fresh server as a presenter meets them after
`make run`: every page opened the first time, Compare's arrangement, the first photo's answer,
Stop until the saved name. Each is timed from the click to the page drawn and settled (no script
run, spinner or placeholder left), in Chromium."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from playwright.sync_api import Page, expect, sync_playwright

from tools.app_driver import (
    ALL_IMAGES,
    open_train_page,
    saved_model_name,
    start_training,
    wait_for_the_script,
)
from tools.app_server import CHROMIUM_ARGS, chromium_path, streamlit_server
from tools.bench_rows import Row

PHOTO = min((Path(__file__).resolve().parents[1] / "data/clothing-photos/validation").glob("t-shirt/*.jpg"))
PAGES = ("Inside the CNN", "Classify", "Compare", "Models", "Room")
WAIT_MS = 120_000  # a first moment that takes this long has failed anyway
TRAINED_SECONDS = 8  # of the run the presenter stops: into its second epoch here


def settled(page: Page) -> None:
    wait_for_the_script(page, WAIT_MS)
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=WAIT_MS)
    expect(page.get_by_test_id("stSpinner")).to_have_count(0, timeout=WAIT_MS)


def open_page(page: Page, title: str) -> None:
    """Click the page in the navigation and wait until it is drawn (Room has no title: its join
    address is its first line)."""
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=title).click()
    heading = page.get_by_role("heading", name=title, exact=True)
    drawn = page.get_by_text("Join:") if title == "Room" else heading
    expect(drawn.first).to_be_visible(timeout=WAIT_MS)
    settled(page)


def first_open(title: str):
    def moment(page: Page) -> float:
        began = time.perf_counter()
        open_page(page, title)
        return time.perf_counter() - began

    return moment


def first_arrangement(page: Page) -> float:
    open_page(page, "Compare")
    began = time.perf_counter()
    page.get_by_text("How each model arranges the garments").click()
    expect(page.get_by_text("of 5-neighbour votes right").first).to_be_visible(timeout=WAIT_MS)
    settled(page)
    return time.perf_counter() - began


def first_photo_answer(page: Page) -> float:
    open_page(page, "Classify")
    page.get_by_text("Upload a photo", exact=True).click()
    settled(page)
    began = time.perf_counter()
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(PHOTO))
    expect(page.get_by_test_id("stMetric").first).to_be_visible(timeout=WAIT_MS)
    settled(page)
    return time.perf_counter() - began


def stop_until_saved(page: Page) -> float:
    start_training(page, "cnn", 5, subset=ALL_IMAGES)
    page.wait_for_timeout(TRAINED_SECONDS * 1000)  # a run under way, as when a presenter stops it
    began = time.perf_counter()
    page.get_by_role("button", name="Stop").click()
    expect(page.get_by_test_id("stAlertContentSuccess").locator("code")).to_be_visible(timeout=WAIT_MS)
    seconds = time.perf_counter() - began
    assert saved_model_name(page)
    return seconds


MOMENTS = [  # (what, measure, target in seconds)
    *[(f"first open of {title}", first_open(title), 3.0) for title in PAGES],
    ("Compare's arrangement, first opened", first_arrangement, 3.0),
    ("the first photo's answer (Classify)", first_photo_answer, 2.0),
    ("Stop until the saved name (Train, CNN)", stop_until_saved, 3.0),
]


def bench_first_moments() -> list[Row]:
    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for what, measure, target in MOMENTS:
            with tempfile.TemporaryDirectory() as folder, streamlit_server(Path(folder) / "models") as url:
                page = browser.new_page(viewport={"width": 1366, "height": 768})
                open_train_page(page, url)  # the app's first page, as after `make run`
                seconds = measure(page)
                page.close()
            rows.append(
                Row(
                    what,
                    ours=seconds,
                    baseline=None,
                    unit="s",
                    target=f"<= {target:g} s",
                    passed=seconds <= target,
                    note="a fresh server; click to drawn and settled, in Chromium",
                )
            )
            print(f"{what}: {seconds:.2f} s", flush=True)
        browser.close()
    return rows
