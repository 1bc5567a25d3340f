"""The Models page in a real browser: a model's reliability diagrams, on test images and photos."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from model_store import BUNDLED_ROOT
from tools.app_driver import choose
from tools.app_server import streamlit_server

pytestmark = pytest.mark.browser


def test_opening_the_calibration_draws_a_models_reliability_on_test_images_and_photos(
    page: Page, tmp_path, dataset
):
    with streamlit_server(tmp_path / "models", FASHION_LAB_BUNDLED=str(BUNDLED_ROOT)) as url:
        page.goto(f"{url}/models")
        section = page.get_by_test_id("stExpander").filter(has_text="How far each model's confidence")
        expect(section).to_be_visible(timeout=60_000)
        listed = page.get_by_test_id("stDataFrame").locator("table")  # fine-tuned: from what
        expect(listed.locator("tr", has_text="bundled-cnn-deep-photos-step1")).to_have_count(1)
        expect(section.get_by_test_id("stVegaLiteChart")).to_have_count(0)  # closed: nothing computed
        section.get_by_text("How far each model's confidence can be trusted").click()
        # the page may still be scoring the first model on 2,000 images and the photos: 30 s
        # was once too short with another test sharing the two cores
        choose(page, "Model", "bundled-dense", timeout=120_000)
        chart = section.get_by_test_id("stVegaLiteChart")
        expect(chart).to_have_count(1, timeout=120_000)
        for label in (
            "Fashion-MNIST test images, as given (error 0.",
            "real photos (check half), calibrated",
        ):
            expect(chart).to_contain_text(label, timeout=60_000)
        expect(section.get_by_text("fitted on the first 2,000 test images", exact=False)).to_be_visible()
        expect(page.get_by_test_id("stException")).to_have_count(0)
