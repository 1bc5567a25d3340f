"""`make screenshots`: the README's pictures, taken from the real app in Chromium."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Page, expect, sync_playwright

from fashion_lab.stored_models import open_store
from tools.app_driver import ALL_IMAGES, choose, draw_trousers, live_panel, open_train_page, start_training
from tools.app_server import CHROMIUM_ARGS, ROOT, chromium_path, streamlit_server

OUT = ROOT / "docs" / "screenshots"
VIEWPORT = {"width": 1400, "height": 1400}


def shoot_train_page(page: Page, url: str) -> Path:
    """The Train page mid-way through training the CNN on all 60,000 images."""
    open_train_page(page, url)
    start_training(page, "cnn", 5, subset=ALL_IMAGES)
    expect(live_panel(page).get_by_text("epoch 3/5 · batch")).to_be_visible(timeout=300_000)
    page.wait_for_timeout(1500)  # let the charts take the latest points
    path = OUT / "train.png"
    page.screenshot(path=path)
    page.get_by_role("button", name="Stop").click()
    return path


def shoot_classify_page(page: Page, url: str) -> Path:
    """Trousers drawn as two filled rectangles, and what the models say."""
    page.goto(f"{url}/classify")
    draw_trousers(page)
    expect(page.get_by_test_id("stMetric")).to_have_count(2, timeout=30_000)
    page.wait_for_timeout(1500)
    path = OUT / "classify.png"
    page.screenshot(path=path, full_page=True)
    return path


def shoot_inside_page(page: Page, url: str) -> Path:
    """The feature maps of a test sneaker, and the shift test."""
    page.goto(f"{url}/inside")
    expect(page.get_by_role("heading", name="Inside the CNN")).to_be_visible(timeout=30_000)
    choose(page, "Class", "Sneaker")
    expect(page.get_by_text("Shifted by 4 pixels", exact=False)).to_be_visible(timeout=300_000)
    page.wait_for_timeout(1500)
    path = OUT / "inside.png"
    page.screenshot(path=path, full_page=True)
    return path


def shoot_compare_page(page: Page, url: str) -> Path:
    """The bundled dense network and CNN side by side."""
    page.goto(f"{url}/compare")
    expect(page.get_by_text("right, bundled-dense wrong", exact=False)).to_be_visible(timeout=300_000)
    page.wait_for_timeout(1500)
    path = OUT / "compare.png"
    page.screenshot(path=path)
    return path


def shoot_race(page: Page, url: str) -> Path:
    """Race mode, the dense network against the CNN, half-way."""
    page.goto(f"{url}/compare")
    page.get_by_role("tab", name="Race").click()
    choose(page, "Training images", "10,000 images (quick run)")
    page.get_by_role("button", name="Start the race").click()
    expect(page.get_by_text("2. cnn: epoch 3/3", exact=False)).to_be_visible(timeout=300_000)
    page.wait_for_timeout(1500)
    path = OUT / "race.png"
    page.screenshot(path=path)
    return path  # the race may end any moment now: the server's exit stops what is left


def train_demo_models(models: Path) -> None:
    """A dense network and a CNN, briefly trained, so the pages have something to show."""
    from fashion_lab.config import TrainingConfig
    from fashion_lab.metadata import store_saver
    from fashion_lab.training import TrainingJob

    for architecture, epochs in (("dense", 3), ("cnn", 2)):
        TrainingJob(TrainingConfig(architecture, epochs=epochs), save=store_saver(open_store(models))).run()


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        models = Path(folder) / "models"
        train_demo_models(models)
        with streamlit_server(models) as url:
            for shoot in (
                shoot_train_page,
                shoot_classify_page,
                shoot_inside_page,
                shoot_compare_page,
                shoot_race,
            ):
                page = browser.new_page(viewport=VIEWPORT)
                print("saved", shoot(page, url).relative_to(ROOT))
                page.close()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
