"""Ready for the stage, in a real browser: the models stay put, the drawing stays, shapes cover
what was dragged, a finger draws solid garments on a phone, Compare says its message at once."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import Browser, Page, expect

from fashion_lab.models.stored import open_store
from fashion_lab.training.saving import run_metadata
from tools.app_driver import draw_by_touch, draw_trousers, expect_selected, wait_for_the_script
from tools.app_server import streamlit_server
from tools.outlines import OUTLINES, outline
from tools.screenshots import PHONE, TALK

pytestmark = pytest.mark.browser
CLASSICS = ("bundled-dense", "bundled-cnn")


@pytest.fixture(scope="module")
def server(tmp_path_factory, small_jobs):
    """Classics shipped with the app, and the user's own models saved after them (newer)."""
    root = tmp_path_factory.mktemp("stage")
    bundled = open_store(root / "bundled", root / "none")
    for name, architecture in zip(CLASSICS, ("dense", "cnn"), strict=True):
        bundled.save(name, small_jobs[architecture].model, run_metadata(small_jobs[architecture]))
    mine = open_store(root / "models", root / "bundled")
    mine.save("race-dense", small_jobs["dense"].model, run_metadata(small_jobs["dense"]))
    mine.save("race-cnn", small_jobs["cnn"].model, run_metadata(small_jobs["cnn"]))  # the newest CNN
    with streamlit_server(root / "models", FASHION_LAB_BUNDLED=str(root / "bundled")) as url:
        yield url, mine


def answers(page: Page):
    return page.get_by_test_id("stMetric")


def open_page(page: Page, url: str, path: str, heading: str) -> None:
    page.goto(f"{url}/{path}")
    expect(page.get_by_role("heading", name=heading)).to_be_visible(timeout=30_000)


def pick_source(page: Page, source: str) -> None:
    page.get_by_text(source, exact=True).click()
    wait_for_the_script(page)


def add_model(page: Page, name: str) -> None:
    page.get_by_role("combobox", name="Models").click()
    page.get_by_role("option", name=name, exact=True).click()
    page.keyboard.press("Escape")
    wait_for_the_script(page)


def test_the_classics_by_default_and_a_pick_kept_across_resets_and_pages(page: Page, server):
    url, _ = server
    page.set_viewport_size({"width": 1366, "height": 900})
    open_page(page, url, "classify", "Classify")
    draw_trousers(page)
    expect(answers(page)).to_have_count(2, timeout=30_000)
    for name in CLASSICS:  # not the newest models (race-dense, race-cnn)
        expect(answers(page).filter(has_text=name)).to_have_count(1)
    add_model(page, "race-cnn")
    expect(answers(page)).to_have_count(3, timeout=30_000)
    page.locator("canvas.upper-canvas").hover()  # the toolbar shows and takes clicks under a mouse
    page.get_by_role("button", name="Reset canvas & history").click()  # the toolbar's trash
    expect(page.get_by_text("Draw a garment: a T-shirt")).to_be_visible(timeout=30_000)
    draw_trousers(page)
    expect(answers(page)).to_have_count(3, timeout=30_000)  # the pick survived the reset
    pick_source(page, "Test image")
    expect(page.get_by_text("Image of that class")).to_be_visible(timeout=30_000)
    pick_source(page, "Draw")
    shows_the_drawing(page)  # the drawing is back, answered by the three
    page.get_by_role("link", name="Inside the CNN").click()
    expect_selected(page, "CNN", "bundled-cnn")
    pick_source(page, "My drawing or upload")
    shift_answers = answers(page).filter(has_text="race-cnn")  # the shift test follows the pick
    expect(shift_answers).to_have_count(1, timeout=120_000)
    page.get_by_role("link", name="Classify").click()
    shows_the_drawing(page)
    expect(answers(page).filter(has_text="race-cnn")).to_have_count(1)
    page.screenshot(path="test-results/stage-kept.png")


def shows_the_drawing(page: Page) -> None:
    """The Draw input with the trousers answered: the pipeline starts from a drawing (a test
    image's starts from "test image #...", and Inside has no such step)."""
    expect(page.get_by_text("drawing", exact=True)).to_be_visible(timeout=30_000)
    expect(page.get_by_text("Draw a garment: a T-shirt")).to_have_count(0)
    expect(answers(page)).to_have_count(3, timeout=30_000)


def test_a_dragged_rectangle_covers_what_was_dragged(page: Page, server):
    url, _ = server
    open_page(page, url, "classify", "Classify")
    draw_trousers(page)  # legs dragged from x=80 to 125 and from x=150 to 195, brush 18
    lit = page.locator("canvas.dc-canvas.lower-canvas").evaluate(
        """(canvas) => {
            const { width, height } = canvas;
            const data = canvas.getContext("2d").getImageData(0, 0, width, height).data;
            const columns = [];
            for (let x = 0; x < width; x++) {
                for (let y = 0; y < height; y++) {
                    if (data[(y * width + x) * 4] > 128) { columns.push(x); break; }
                }
            }
            return columns;
        }"""
    )
    assert lit == [*range(80, 125), *range(150, 195)]  # the stroke added 18 px right of each before


def test_a_finger_draws_a_solid_garment_on_a_phone(browser: Browser, server):
    url, _ = server
    context = browser.new_context(**PHONE)
    page = context.new_page()
    open_page(page, url, "classify", "Classify")
    expect(page.get_by_text("Draw with a finger", exact=False)).to_be_visible(timeout=30_000)
    expect(page.get_by_role("combobox", name="Tool")).to_have_count(0)  # shapes draw nothing by touch
    draw_by_touch(page, outline(OUTLINES["T-shirt/top"]))
    expect(page.get_by_text("inside filled, lines kept", exact=True)).to_be_visible(timeout=30_000)
    model_input = page.get_by_test_id("stImageContainer").filter(has_text="centred 28x28").locator("img")
    tile = Image.open(io.BytesIO(page.request.get(model_input.get_attribute("src")).body())).convert("L")
    pixels = np.asarray(tile.resize((28, 28), Image.Resampling.NEAREST))
    assert pixels[10:20, 10:18].min() > 200  # the T-shirt's body reaches the model solid, not hollow
    expect(answers(page)).to_have_count(2, timeout=30_000)
    canvas = page.locator("canvas.upper-canvas").bounding_box()
    below = answers(page).first.bounding_box()["y"] - (canvas["y"] + canvas["height"])
    assert 0 < below < 400, below  # on a phone the answer comes right after the canvas
    context.close()


def test_compare_says_its_message_in_one_line_that_fits_a_projector(browser: Browser, server):
    url, store = server
    context = browser.new_context(**TALK)
    page = context.new_page()
    page.goto(f"{url}/compare?talk=1")
    dense, cnn = (store.get(name) for name in CLASSICS)
    fewer = round((cnn.test_accuracy - dense.test_accuracy) * 10_000)
    if fewer < 0:  # whichever way the small models go, the better one comes first
        dense, cnn, fewer = cnn, dense, -fewer
    line = f"{cnn.test_accuracy:.1%} vs "
    headline = page.get_by_role("heading", level=4).filter(has_text=line)
    expect(headline).to_contain_text(f"{dense.test_accuracy:.1%} on the 10,000 test images", timeout=60_000)
    expect(headline).to_contain_text(f"{fewer:,} fewer mistakes")
    curves = page.get_by_test_id("stVegaLiteChart").filter(has_text="val_accuracy")
    expect(curves).to_be_visible(timeout=60_000)
    box = curves.bounding_box()
    assert box["y"] + box["height"] <= 720, box  # headline, curves and legend on one 1280x720 screen
    context.close()
