"""The app in a real browser: Debian's Chromium driven by Playwright against `streamlit run`."""

import pytest
from playwright.sync_api import Page, expect

from fashion_lab.models.stored import open_store
from fashion_lab.training.saving import run_metadata
from tools.app_server import streamlit_server

pytestmark = pytest.mark.browser
SCREENSHOTS = "test-results"


@pytest.fixture(scope="module")
def app_url(tmp_path_factory, small_jobs):
    models = tmp_path_factory.mktemp("browser") / "models"
    open_store(models).save("browser-cnn", small_jobs["cnn"].model, run_metadata(small_jobs["cnn"]))
    (models / "half-saved").mkdir()
    with streamlit_server(models) as url:
        yield url


def test_app_opens_with_navigation(page: Page, app_url):
    page.goto(app_url)
    expect(page.get_by_role("heading", name="Train")).to_be_visible(timeout=30_000)
    for title in ("Inside the CNN", "Classify", "Compare", "Models"):
        expect(page.get_by_role("link", name=title)).to_be_visible()
    expect(page.locator("[data-testid='stException']")).to_have_count(0)


def test_models_page_lists_the_store(page: Page, app_url):
    page.goto(f"{app_url}/models")
    expect(page.get_by_role("heading", name="Models")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("half-saved")).to_be_visible()
    grid = page.locator("[data-testid='stDataFrame']")
    expect(grid.locator("table")).to_contain_text("browser-cnn")
    page.screenshot(path=f"{SCREENSHOTS}/models-page.png", full_page=True)
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
