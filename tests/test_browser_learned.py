"""How they learned in a real browser: the scrubber changes the pictures, Play walks the points to
the end and stops, and a model without a replay is not offered."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from fashion_lab.models.stored import open_store
from fashion_lab.training.saving import run_metadata, store_saver
from tests.conftest import train_small
from tools.app_driver import choose, wait_for_the_script
from tools.app_server import streamlit_server
from tools.screenshots import PHONE, TALK

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory, small_jobs, dataset):
    models = tmp_path_factory.mktemp("learned") / "models"
    store = open_store(models)
    store.save("no-replay-cnn", small_jobs["cnn"].model, run_metadata(small_jobs["cnn"]))  # an older model
    store_saver(store, "learned-dense")(small_jobs["dense"])
    store_saver(store, "learned-cnn")(train_small("cnn", dataset, limit=8_000))  # kernels that moved
    store_saver(store, "learned-dense-wide")(train_small("dense_wide", dataset))  # the newest: shown first
    with streamlit_server(models) as url:
        yield url


# Every point the slider shows from now on, in order (Play moves a point a second: a test that
# polled for each could miss one)
SEEN_POINTS = """() => {
  window.seenPoints = [];
  new MutationObserver(() => {
    const slider = document.querySelector('input[aria-label="Point in training"]');
    const point = slider && slider.getAttribute("aria-valuetext");
    if (point && point !== window.seenPoints.at(-1) && point !== "start") window.seenPoints.push(point);
  }).observe(document.body, {subtree: true, attributes: true, childList: true});
}"""


def pick(page: Page, label: str, option: str) -> None:
    """Choose in the *Models* popover beside the scrubber, and close it."""
    page.get_by_test_id("stPopover").get_by_role("button").click()
    choose(page, label, option)
    page.keyboard.press("Escape")


def pictures(page: Page) -> list[str]:
    """The addresses of the page's pictures: Streamlit serves each new picture at a new one."""
    images = page.get_by_test_id("stImage").locator("img")
    expect(images).to_have_count(3)  # the dense units, the kernels, the maps
    return [images.nth(i).get_attribute("src") for i in range(3)]


def test_the_scrubber_and_play_move_both_networks_through_training(page: Page, server):
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{server}/learned")
    expect(page.get_by_role("heading", name="How they learned")).to_be_visible(timeout=30_000)
    pick(page, "Dense network", "learned-dense")
    expect(page.get_by_text("edge or line detectors", exact=False)).to_be_visible(timeout=60_000)
    page.get_by_test_id("stPopover").get_by_role("button").click()
    page.get_by_role("combobox", name="CNN").click()
    expect(page.get_by_role("option")).to_have_text(["learned-cnn"])  # no replay, not offered
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    slider = page.get_by_role("slider", name="Point in training")
    expect(slider).to_have_attribute("aria-valuetext", "epoch 1")  # what they learned, at first
    learned = pictures(page)
    slider.press("Home")
    expect(slider).to_have_attribute("aria-valuetext", "start", timeout=30_000)
    images = page.get_by_test_id("stImage").locator("img")
    for shown, before in zip(range(3), learned, strict=True):  # the units, the kernels, the maps
        expect(images.nth(shown)).not_to_have_attribute("src", before, timeout=30_000)
    wait_for_the_script(page)
    at_start = pictures(page)
    pick(page, "Image the kernels see", "Trouser")
    expect(page.get_by_text("What each kernel makes of the trouser", exact=False)).to_be_visible()
    expect(images.nth(2)).not_to_have_attribute("src", at_start[2])  # the maps are the new image's
    page.evaluate(SEEN_POINTS)
    page.get_by_role("button", name="Play").click()
    expect(page.get_by_role("button", name="Pause")).to_be_visible(timeout=30_000)
    expect(page.get_by_role("button", name="Play")).to_be_visible(timeout=30_000)  # it stopped at the end
    expect(slider).to_have_attribute("aria-valuetext", "epoch 1")
    # a second a point, in order: the runs are 63 and 24 batches an epoch long
    assert page.evaluate("window.seenPoints") == ["batch 16 of 63", "batch 16 of 24", "epoch 1"]
    expect(page.get_by_test_id("stException")).to_have_count(0)


@pytest.mark.parametrize("device", ["talk", "phone"])
def test_on_a_projector_the_replay_fits_one_screen_and_on_a_phone_it_plays(browser, server, device):
    """Talk mode at 1280x720: the scrubber, Play, both networks' pictures, the curves and the
    sentence all on the first screen. A phone: Play by touch."""
    page = browser.new_context(**(TALK if device == "talk" else PHONE)).new_page()
    page.goto(f"{server}/learned" + ("?talk=1" if device == "talk" else ""))
    sentence = page.get_by_text("edge or line detectors", exact=False)
    expect(sentence).to_be_visible(timeout=60_000)
    if device == "talk":
        shown = [page.get_by_role("slider", name="Point in training")]
        shown += [page.get_by_role("button", name="Play")]
        shown += [page.get_by_test_id("stImage").nth(i) for i in range(3)]
        shown += [page.get_by_test_id("stVegaLiteChart"), sentence]
        for element in shown:
            box = element.bounding_box()
            assert box and box["y"] >= 0 and box["y"] + box["height"] <= 720, (element, box)
    else:
        page.get_by_role("button", name="Play").tap()
        expect(page.get_by_role("button", name="Pause")).to_be_visible(timeout=30_000)
        expect(page.get_by_role("button", name="Play")).to_be_visible(timeout=30_000)
    expect(page.get_by_test_id("stException")).to_have_count(0)
