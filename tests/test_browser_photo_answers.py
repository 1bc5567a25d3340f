"""A real phone photo on Classify in a real browser: models that never saw a photo answer at
their temperature for photos (fitted on simulated photos), the photo model at its own."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from model_store import BUNDLED_ROOT
from tools.app_server import streamlit_server
from tools.screenshots import on_photo

pytestmark = pytest.mark.browser


def test_the_classics_answer_a_photo_at_their_photo_temperature(page: Page, tmp_path, dataset):
    """The check half's shirt: at their temperatures for the dataset's images, the classics would
    be 94% and 99% sure of Shirt; at their temperatures for photos (4.4 and 4.2), 41% ("not sure")
    and 60% (at the edge of "not sure", either way)."""
    with streamlit_server(tmp_path / "models", FASHION_LAB_BUNDLED=str(BUNDLED_ROOT)) as url:
        page.set_viewport_size({"width": 1400, "height": 1000})
        on_photo(page, url, talk=False, more=("bundled-dense", "bundled-cnn", "bundled-cnn-deep-photos"))
        answers = page.get_by_test_id("stMetric")
        dense = answers.filter(has_text="bundled-dense").get_by_test_id("stMetricValue")
        expect(dense).to_have_text("not sure", timeout=120_000)
        cnn = answers.filter(has_text="bundled-cnn (")
        expect(cnn.get_by_test_id("stMetricValue")).to_have_text(re.compile(r"^\s*(Shirt|not sure)\s*$"))
        expect(cnn).not_to_contain_text(re.compile(r"(9\d|8\d|7\d)\.\d% sure"))  # not 99%
        photo_model = answers.filter(has_text="bundled-cnn-deep-p")
        expect(photo_model.get_by_test_id("stMetricValue")).to_have_text("Shirt")
        expect(photo_model).to_contain_text(re.compile(r"9\d\.\d% sure"))
        expect(page.get_by_text("Why: the model is only", exact=False).first).to_be_visible()
        expect(page.get_by_test_id("stException")).to_have_count(0)


def test_a_photo_meets_the_same_cnn_without_and_with_real_photos_and_their_scores(page: Page, tmp_path):
    """Issue 41: by default a photo is answered by the CNN trained on Fashion-MNIST only and the
    same CNN trained on real phone photos too, with each one's score on the repository's photos,
    the sentence they support, and what the photo model learned from."""
    with streamlit_server(tmp_path / "models", FASHION_LAB_BUNDLED=str(BUNDLED_ROOT)) as url:
        page.set_viewport_size({"width": 1400, "height": 1000})
        on_photo(page, url, talk=False)
        answers = page.get_by_test_id("stMetric")
        expect(answers.filter(has_text="bundled-cnn-deep (cnn_deep)")).to_have_count(1)
        expect(answers.filter(has_text="bundled-cnn-deep-real-photos (cnn_deep)")).to_have_count(1)
        scores = page.get_by_text("phone photos none of them trained on", exact=False)
        expect(scores).to_be_visible(timeout=60_000)
        for learned in ("Fashion-MNIST and real phone photos", "Fashion-MNIST only"):
            expect(page.get_by_text(re.compile(re.escape(learned) + r"\): \d+% right"))).to_be_visible()
        expect(page.get_by_text("The same network, other data", exact=False)).to_be_visible()
        page.get_by_text("What the photo model learned from").click()
        gallery = page.get_by_test_id("stExpander").filter(has_text="What the photo model learned")
        expect(gallery.locator("img")).to_have_count(8 * 8, timeout=60_000)  # 8 classes (3 of shoes): 4 + 4
        page.screenshot(path="test-results/classify-photo-lesson.png", full_page=True)
        page.goto(f"{url}/compare")
        page.get_by_role("button", name="Real photos").click()
        expect(page.get_by_text("The same network, other data", exact=False)).to_be_visible(timeout=60_000)
        expect(page.get_by_test_id("stException")).to_have_count(0)
