"""The Classify page in a real browser: draw trousers with the mouse, upload files good and bad."""

from __future__ import annotations

import pytest
from conftest import train_small
from helpers.bad_files import awkward_files, encode, oversized_file
from helpers.scenes import trousers_photo
from PIL import Image
from playwright.sync_api import Browser, Page, expect

from components.plain_text import unbroken
from fashion_lab.models.stored import open_store
from fashion_lab.training.saving import run_metadata
from tools.app_driver import draw_by_touch, draw_trousers
from tools.app_server import streamlit_server
from tools.outlines import OUTLINES, outline
from tools.screenshots import PHONE

# A server's first answer to a photo waits for 500 test garments photographed in simulation (the
# photo temperature's fit, once per server): 12 s on an idle core, over 30 s beside the other test
# worker (a CI run timed out at 30 s), so 120 s as in test_browser_photo_answers
FIRST_PHOTO_ANSWER_MS = 120_000

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory, dataset, small_jobs):
    models = tmp_path_factory.mktemp("classify") / "models"
    store = open_store(models)
    store.save("dense-small", small_jobs["dense"].model, run_metadata(small_jobs["dense"]))
    cnn = train_small("cnn", dataset, limit=20_000)  # one epoch on 20,000 images: about 88%
    store.save("cnn-20k", cnn.model, run_metadata(cnn))
    with streamlit_server(models) as url:
        yield url


def open_classify(page: Page, url: str, source: str) -> None:
    page.goto(f"{url}/classify")
    expect(page.get_by_role("heading", name="Classify")).to_be_visible(timeout=30_000)
    page.get_by_text(source, exact=True).click()


def answer_of(page: Page, model: str):
    return page.get_by_test_id("stMetric").filter(has_text=model).get_by_test_id("stMetricValue")


def test_two_tall_rectangles_drawn_with_the_mouse_are_trousers(page: Page, server):
    open_classify(page, server, "Draw")
    draw_trousers(page)
    expect(answer_of(page, "cnn-20k")).to_have_text("Trouser", timeout=30_000)
    expect(page.get_by_text("centred 28x28")).to_be_visible()
    page.screenshot(path="test-results/classify-trousers.png", full_page=True)


def test_a_drawing_shows_what_drove_each_models_answer(page: Page, server):
    open_classify(page, server, "Draw")
    draw_trousers(page)
    expect(answer_of(page, "cnn-20k")).to_have_text("Trouser", timeout=30_000)
    heatmaps = page.get_by_test_id("stImage").filter(has_text="what drove")
    expect(heatmaps).to_have_count(2, timeout=30_000)  # one per chosen model, occlusion for both
    expect(heatmaps.filter(has_text=f"{unbroken('cnn-20k')}: what drove “Trouser”")).to_have_count(1)
    heatmaps.first.scroll_into_view_if_needed()
    page.screenshot(path="test-results/classify-heatmaps-occlusion.png")
    page.get_by_role("radiogroup", name="Method").get_by_text("Grad-CAM").click()
    expect(page.get_by_text("dense-small: Grad-CAM needs a convolution")).to_be_visible(timeout=30_000)
    expect(heatmaps).to_have_count(1)
    page.screenshot(path="test-results/classify-heatmaps.png", full_page=True)


def test_uploaded_test_image_gets_its_true_label(page: Page, server, dataset):
    index = int((dataset.test_labels == 8).nonzero()[0][0])  # a bag
    open_classify(page, server, "Upload a photo")
    upload = page.get_by_test_id("stFileUploaderDropzoneInput")
    upload.set_input_files(
        files=[
            {
                "name": "bag.png",
                "mimeType": "image/png",
                "buffer": encode(Image.fromarray(dataset.test_images[index])),
            }
        ]
    )
    expect(answer_of(page, "cnn-20k")).to_have_text("Bag", timeout=30_000)


def test_each_awkward_file_gets_its_message_and_the_page_keeps_working(page: Page, server):
    open_classify(page, server, "Upload a photo")
    upload = page.get_by_test_id("stFileUploaderDropzoneInput")
    for name, data, message in awkward_files():
        upload.set_input_files(files=[{"name": name, "mimeType": "image/png", "buffer": data}])
        if message:
            alert = page.get_by_test_id("stAlertContentError")
            expect(alert).to_contain_text(name, timeout=30_000)
            expect(alert).to_contain_text(message)
        else:
            expect(page.get_by_test_id("stAlertContentError")).to_have_count(0, timeout=30_000)
            expect(answer_of(page, "cnn-20k")).to_be_visible(timeout=FIRST_PHOTO_ANSWER_MS)
        expect(page.get_by_test_id("stException")).to_have_count(0)
    name, data = oversized_file()
    upload.set_input_files(files=[{"name": name, "mimeType": "image/png", "buffer": data}])
    expect(page.get_by_text("File must be 10.0MB or smaller")).to_be_visible(timeout=30_000)


def test_a_photo_of_two_garments_gets_not_sure_with_the_reason_and_photo_tips(page: Page, server):
    open_classify(page, server, "Upload a photo")
    upload = page.get_by_test_id("stFileUploaderDropzoneInput")
    upload.set_input_files(
        files=[{"name": "two.png", "mimeType": "image/png", "buffer": encode(trousers_photo(2))}]
    )
    expect(answer_of(page, "cnn-20k")).to_have_text("not sure", timeout=FIRST_PHOTO_ANSWER_MS)
    expect(page.get_by_text("Why: there is more than one object in the photo.").first).to_be_visible()
    expect(page.get_by_text("Photo tips: one garment", exact=False)).to_be_visible()
    upload.set_input_files(
        files=[{"name": "one.png", "mimeType": "image/png", "buffer": encode(trousers_photo(1))}]
    )
    expect(page.get_by_text("Why: there is more than one object in the photo.")).to_have_count(
        0, timeout=30_000
    )
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_a_drawing_is_classified_without_the_dataset(page: Page, tmp_path, small_jobs):
    """Calibration fits on test images; without them Classify answers as before (regression)."""
    models = tmp_path / "models"
    open_store(models).save("cnn-small", small_jobs["cnn"].model, run_metadata(small_jobs["cnn"]))
    with streamlit_server(models, FASHION_MNIST_DIR=str(tmp_path / "no-dataset-here")) as url:
        open_classify(page, url, "Draw")
        draw_trousers(page)
        expect(page.get_by_test_id("stMetric").filter(has_text="cnn-small")).to_have_count(1, timeout=30_000)
        expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)
        expect(page.get_by_test_id("stException")).to_have_count(0)


def test_on_a_touch_screen_clear_is_a_button_and_clears(browser: Browser, server):
    """Issue 39: a touch screen has no canvas toolbar (it took strokes and taps unseen): Clear is a
    button under the canvas."""
    phone = browser.new_context(**PHONE).new_page()
    phone.goto(f"{server}/classify")
    draw_by_touch(phone, outline(OUTLINES["Trouser"]))
    expect(phone.get_by_test_id("stMetric").first).to_be_visible(timeout=30_000)  # an answer
    expect(phone.get_by_role("button", name="Reset canvas & history")).to_be_hidden()
    phone.get_by_role("button", name="Clear", exact=True).click()
    expect(phone.get_by_text("Draw a garment: a T-shirt", exact=False)).to_be_visible(timeout=30_000)
    expect(phone.get_by_test_id("stMetric")).to_have_count(0)
    phone.context.close()
