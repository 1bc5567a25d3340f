"""Inside the CNN in a real browser: 32 maps and 32 pooled maps, one filter's detail, the shift slider
and the moved image's heatmaps."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from components.plain_text import unbroken
from fashion_lab.models.stored import open_store
from fashion_lab.training.saving import run_metadata
from tools.app_driver import choose, set_slider
from tools.app_server import streamlit_server

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory, small_jobs):
    models = tmp_path_factory.mktemp("inside") / "models"
    store = open_store(models)
    for architecture, job in small_jobs.items():
        store.save(f"inside-{architecture}", job.model, run_metadata(job))
    with streamlit_server(models) as url:
        yield url


def test_maps_detail_and_shift_slider(page: Page, server):
    page.set_viewport_size({"width": 1400, "height": 1200})
    page.goto(f"{server}/inside")
    expect(page.get_by_role("heading", name="Inside the CNN")).to_be_visible(timeout=30_000)
    choose(page, "Class", "Sneaker")
    choose(page, "CNN", "inside-cnn")
    expect(page.get_by_text("Each tile is one filter", exact=False)).to_be_visible(timeout=30_000)
    numbered = page.get_by_test_id("stImageCaption").filter(has_text=re.compile(r"^\d+$"))
    expect(numbered).to_have_count(2 * 32, timeout=30_000)  # the 32 maps' tiles and the 32 kernels
    detail = page.get_by_role("spinbutton", name="Filter")
    detail.fill("5")
    detail.press("Enter")
    expect(page.get_by_text("map 5: the red square", exact=False)).to_be_visible(timeout=30_000)
    expect(page.get_by_text("kernel 5 (3x3)", exact=False)).to_be_visible()
    expect(page.get_by_text("relu keeps it", exact=False)).to_be_visible()
    expect(page.get_by_text("Shifted by 4 pixels", exact=False)).to_be_visible(timeout=120_000)
    answers = page.get_by_test_id("stMetric")
    expect(answers).to_have_count(2)
    before = answers.all_inner_texts()
    expect(page.get_by_text("your image moved (+0, +0)")).to_be_visible()
    set_slider(page, "Move right", 6, minimum=-6, maximum=6)
    expect(page.get_by_text("your image moved (+6, +0)")).to_be_visible(timeout=30_000)
    expect(answers).to_have_count(2)
    expect(answers.first).not_to_have_text(before[0], timeout=30_000)  # the confidence moved
    page.get_by_text("Grad-CAM", exact=True).click()  # the moved image's heatmaps, one per model
    expect(page.get_by_text("inside-dense: Grad-CAM needs a convolution", exact=False)).to_be_visible()
    movement = page.get_by_test_id("stImageCaption").filter(has_text=f"{unbroken('inside-cnn')}: what drove")
    verdict = re.compile(r"(moved with the garment|stayed with the frame) \(-?\d\.\d\d vs")
    expect(movement).to_contain_text(verdict)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    page.screenshot(path="test-results/inside.png", full_page=True)


def test_in_talk_mode_the_input_and_its_first_maps_share_the_first_screen(browser, server):
    """Issue 40: at 1280x720 in talk mode the maps began at y=750, the input was not beside them,
    and "One filter, step by step" was gone (only its numbers were meant to go)."""
    page = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
    page.goto(f"{server}/inside?talk=1")
    expect(page.get_by_text("Each tile is one filter", exact=False)).to_be_visible(timeout=60_000)
    captions = page.get_by_test_id("stImageCaption")
    given = captions.filter(has_text=re.compile(r"^the input$"))
    first_map = captions.filter(has_text=re.compile(r"^0$")).first  # (the first kernel's comes later)
    expect(first_map).to_be_visible(timeout=30_000)
    given_box, map_box = given.bounding_box(), first_map.bounding_box()
    assert max(given_box["y"] + given_box["height"], map_box["y"] + map_box["height"]) <= 720, (
        given_box,
        map_box,
    )
    assert map_box["x"] > given_box["x"] + given_box["width"]  # beside it, not below
    expect(page.get_by_role("heading", name="One filter, step by step")).to_be_visible(timeout=60_000)
    expect(page.get_by_text("kernel 0 (3x3)", exact=False)).to_be_visible()
    expect(page.get_by_text("relu keeps it", exact=False)).to_have_count(0)  # the numbers: not on stage
    page.context.close()
