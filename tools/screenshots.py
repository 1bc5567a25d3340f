"""`make screenshots`: the README's pictures, taken from the real app in Chromium."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Page, expect, sync_playwright

from tools.app_driver import ALL_IMAGES, open_train_page, start_training
from tools.app_server import CHROMIUM_ARGS, ROOT, chromium_path, streamlit_server

OUT = ROOT / "docs" / "screenshots"
VIEWPORT = {"width": 1400, "height": 1400}


def shoot_train_page(page: Page, url: str) -> Path:
    """The Train page mid-way through training the CNN on all 60,000 images."""
    open_train_page(page, url)
    start_training(page, "cnn", 5, subset=ALL_IMAGES)
    expect(page.get_by_text("epoch 3/5 · batch")).to_be_visible(timeout=300_000)
    page.wait_for_timeout(1500)  # let the charts take the latest points
    path = OUT / "train.png"
    page.screenshot(path=path)
    page.get_by_role("button", name="Stop").click()
    return path


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        with streamlit_server(Path(folder) / "models") as url:
            page = browser.new_page(viewport=VIEWPORT)
            print("saved", shoot_train_page(page, url).relative_to(ROOT))
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
