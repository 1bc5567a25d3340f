"""Compare in a real browser: a fresh install shows the bundled models at once; a race; talk mode."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from model_store import BUNDLED_ROOT
from tools.app_driver import QUICK_SUBSET, choose, expect_selected, set_slider
from tools.app_server import streamlit_server

pytestmark = pytest.mark.browser
TALK_URL = re.compile(r"[?&]talk=1")
RACE_URL = re.compile(r"[?&]compare_view=Race")


@pytest.fixture(scope="module")
def fresh_install(tmp_path_factory, dataset):
    """No model of the user's: only what ships in model_store/bundled."""
    models = tmp_path_factory.mktemp("fresh") / "models"
    with streamlit_server(models, FASHION_LAB_BUNDLED=str(BUNDLED_ROOT)) as url:
        yield url


def test_fresh_install_compares_the_bundled_models_without_training(page: Page, fresh_install):
    page.set_viewport_size({"width": 1400, "height": 1100})
    page.goto(f"{fresh_install}/compare")
    expect(page.get_by_role("heading", name="Compare")).to_be_visible(timeout=30_000)
    chosen = page.get_by_test_id("stMultiSelect")
    expect(chosen).to_contain_text("bundled-dense", timeout=30_000)
    expect(chosen).to_contain_text("bundled-cnn")
    table = page.get_by_test_id("stDataFrame").locator("table")
    expect(table).to_contain_text("804554", timeout=30_000)  # the grid's accessible copy: raw numbers
    expect(table).to_contain_text("29898")
    expect(page.get_by_text("bundled-cnn right, bundled-dense wrong")).to_be_visible(timeout=120_000)
    charts = page.get_by_test_id("stVegaLiteChart")
    expect(charts).to_have_count(5)  # two curves, two confusion matrices, per-class bars
    expect(page.get_by_test_id("stException")).to_have_count(0)
    page.screenshot(path="test-results/compare.png")


COUNT_RACE_CHARTS = """() => {
    const count = () => document.querySelectorAll(
        '[role=tabpanel]:not([hidden]) [data-testid=stVegaLiteChart]').length;
    window.mostRaceCharts = count();
    new MutationObserver(() => { window.mostRaceCharts = Math.max(window.mostRaceCharts, count()); })
        .observe(document.body, {childList: true, subtree: true});
}"""


def test_race_draws_two_curves_and_finishes(page: Page, fresh_install):
    page.goto(f"{fresh_install}/compare")
    page.get_by_role("tab", name="Race").click()
    choose(page, "Training images", QUICK_SUBSET)
    page.get_by_role("button", name="Start the race").click()
    expect(page.get_by_role("button", name="Stop both")).to_be_visible(timeout=30_000)
    page.evaluate(COUNT_RACE_CHARTS)
    expect(page.get_by_text("1. dense: finished", exact=False)).to_be_visible(timeout=180_000)
    expect(page.get_by_text("2. cnn: finished", exact=False)).to_be_visible(timeout=180_000)
    race_chart = page.get_by_role("tabpanel", name="Race").get_by_test_id("stVegaLiteChart")
    expect(race_chart).to_be_visible()
    # The finished chart takes the live one's place: never two at once, even for a moment.
    expect(race_chart).to_have_count(1)
    assert page.evaluate("window.mostRaceCharts") == 1
    expect(race_chart).to_contain_text("1. dense")  # the legend names both runners
    expect(race_chart).to_contain_text("2. cnn")
    expect(page.get_by_role("button", name="Stop both")).to_have_count(0)


def test_talk_mode_survives_a_reload_through_the_url(page: Page, fresh_install):
    page.goto(f"{fresh_install}/compare")
    switch = page.get_by_role("switch", name="Talk mode")
    expect(switch).not_to_be_checked(timeout=30_000)
    page.get_by_text("Talk mode", exact=True).click()
    expect(page).to_have_url(TALK_URL, timeout=30_000)
    page.reload()
    expect(page.get_by_role("switch", name="Talk mode")).to_be_checked(timeout=30_000)
    # The switch can be drawn before the style that follows it in the same script run arrives.
    page.wait_for_function("getComputedStyle(document.documentElement).fontSize === '22px'", timeout=30_000)
    page.get_by_role("link", name="Train").click()
    expect(page.get_by_text("More settings")).to_have_count(0, timeout=30_000)  # settings hidden
    expect(page).to_have_url(TALK_URL)
    page.get_by_test_id("stExpandSidebarButton").click()  # talk mode folds the sidebar away
    page.get_by_text("Talk mode", exact=True).click()
    expect(page).not_to_have_url(TALK_URL, timeout=30_000)
    expect(page.get_by_text("More settings")).to_be_visible(timeout=30_000)


def test_equal_budgets_preset_shows_the_four_models_and_what_they_show(page: Page, fresh_install):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{fresh_install}/compare?talk=1")
    page.get_by_role("button", name="Equal budgets").click()
    chosen = page.get_by_test_id("stMultiSelect")
    for name in ("bundled-dense", "bundled-cnn-small", "bundled-dense-wide", "bundled-cnn"):
        expect(chosen.get_by_text(name, exact=True)).to_be_visible(timeout=30_000)
    sentence = page.get_by_role("heading", name="The CNN wins at every size")  # what the bundled show
    expect(sentence).to_contain_text("cnn_small 91.3% vs dense 89.5%", timeout=30_000)
    expect(sentence).to_contain_text("cnn 91.8% vs dense_wide 89.6%")
    page.get_by_role("button", name="The classics").click()
    expect(chosen.get_by_text("bundled-dense-wide", exact=True)).to_have_count(0, timeout=30_000)
    expect(sentence).to_have_count(0)
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_opening_the_arrangement_places_each_models_test_images_in_2d(page: Page, fresh_install):
    page.goto(f"{fresh_install}/compare")
    section = page.get_by_test_id("stExpander").filter(has_text="How each model arranges the garments")
    expect(section).to_be_visible(timeout=60_000)
    expect(section.get_by_test_id("stVegaLiteChart")).to_have_count(0)  # closed: nothing computed
    section.get_by_text("How each model arranges the garments").click()
    scores = section.get_by_text(re.compile(r"^\d+\.\d% of 5-neighbour votes right$"))
    expect(scores).to_have_count(2, timeout=120_000)  # the bundled dense network and CNN
    expect(section.get_by_test_id("stVegaLiteChart")).to_have_count(2)
    dense, cnn = (float(text.split("%")[0]) for text in scores.all_inner_texts())
    assert cnn > dense  # the CNN's last hidden layer keeps the classes further apart
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_a_preset_on_compare_leaves_the_other_pages_picks_alone(page: Page, fresh_install):
    """Issue 40: after Equal budgets on Compare, Inside switched to the 16-filter CNN and its shift
    slider went back to 0; Compare forgot the Race tab. The address keeps the tab and the models."""
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{fresh_install}/inside?talk=1")
    expect_selected(page, "CNN", "bundled-cnn")
    set_slider(page, "Move right", 3, minimum=-6, maximum=6)
    expect(page.get_by_text("your image moved (+3, +0)")).to_be_visible(timeout=60_000)
    page.get_by_role("link", name="Compare").click()
    page.get_by_role("button", name="Equal budgets").click()
    chosen = page.get_by_test_id("stMultiSelect")
    expect(chosen.get_by_text("bundled-cnn-small", exact=True)).to_be_visible(timeout=30_000)
    page.get_by_role("tab", name="Race").click()
    expect(page).to_have_url(RACE_URL, timeout=30_000)
    page.get_by_role("link", name="Inside the CNN").click()
    expect(page.get_by_text("your image moved (+3, +0)")).to_be_visible(timeout=60_000)
    expect_selected(page, "CNN", "bundled-cnn")
    answers = page.get_by_test_id("stMetric")  # the shift test's: Classify's choice, the classics
    expect(answers).to_have_count(2)
    expect(answers.filter(has_text="bundled-cnn-small")).to_have_count(0)
    page.get_by_role("link", name="Compare").click()
    expect(page.get_by_role("tab", name="Race")).to_have_attribute("aria-selected", "true", timeout=30_000)
    expect(page.get_by_role("button", name="Start the race")).to_be_visible(timeout=30_000)
    page.reload()  # a new session: what the address keeps comes back
    expect(page.get_by_role("tab", name="Race")).to_have_attribute("aria-selected", "true", timeout=30_000)
    expect(page).to_have_url(TALK_URL)
    page.get_by_role("tab", name="Side by side").click()
    expect(chosen.get_by_text("bundled-cnn-small", exact=True)).to_be_visible(timeout=30_000)
    expect(chosen.get_by_text("bundled-dense-wide", exact=True)).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_in_talk_mode_stop_both_is_on_the_projectors_screen(browser, fresh_install):
    """Issue 40: at 1280x720 in talk mode the race's Stop both was at y=738, below the screen."""
    page = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
    page.goto(f"{fresh_install}/compare?talk=1")
    page.get_by_role("tab", name="Race").click()
    choose(page, "Training images", "10,000 images (quick run)")
    page.get_by_role("button", name="Start the race").click()
    stop = page.get_by_role("button", name="Stop both")
    expect(stop).to_be_visible(timeout=30_000)
    box = stop.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= 720, box
    stop.click()
    expect(stop).to_have_count(0, timeout=120_000)
    page.context.close()
