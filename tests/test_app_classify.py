"""The Classify page headless (AppTest): test images, uploads, the bad-file corpus, the models."""

import numpy as np
import pytest
from helpers.bad_files import awkward_files, encode, hostile_files
from PIL import Image
from streamlit.testing.v1 import AppTest

from components.classify.keys import MODELS, SOURCE, UPLOAD
from components.plain_text import plain
from components.state import CLASSIFY_INPUT, TEST_CLASS
from fashion_lab.data.fashion_mnist import CLASS_NAMES
from fashion_lab.training.saving import run_metadata

PAGE = "from components.classify.page import render_classify\nrender_classify()\n"


@pytest.fixture
def classify_store(store, small_jobs):
    for architecture, job in small_jobs.items():
        store.save(f"small-{architecture}", job.model, run_metadata(job))
    return store


def open_page(source: str) -> AppTest:
    app = AppTest.from_string(PAGE, default_timeout=60).run()
    app.radio(key=SOURCE).set_value(source).run()
    return app


def test_default_compares_newest_dense_and_cnn(classify_store):
    app = open_page("Test image")
    assert not app.exception, app.exception
    assert app.multiselect(key=MODELS).value == ["small-dense", "small-cnn"]
    assert len(app.metric) == 2


def test_test_image_shows_its_true_label_and_the_models_answers(classify_store, dataset):
    app = open_page("Test image")
    app.selectbox(key=TEST_CLASS.format("classify")).set_value(1).run()  # Trouser
    assert any("True label: **Trouser**" in md.value for md in app.markdown)
    first_trouser = dataset.test_images[np.flatnonzero(dataset.test_labels == 1)[0]]
    np.testing.assert_array_equal(app.session_state[CLASSIFY_INPUT.key], first_trouser)
    assert {m.value for m in app.metric} <= set(CLASS_NAMES)


def test_uploaded_fashion_mnist_png_gets_its_true_label(classify_store, dataset):
    index = int(np.flatnonzero(dataset.test_labels == 9)[0])  # an ankle boot
    app = open_page("Upload a photo")
    png = encode(Image.fromarray(dataset.test_images[index]))
    app.file_uploader(key=UPLOAD).set_value(("boot.png", png, "image/png")).run()
    assert not app.exception and not app.error
    np.testing.assert_array_equal(app.session_state[CLASSIFY_INPUT.key], dataset.test_images[index])
    cnn = next(m for m in app.metric if "cnn" in m.label)
    assert cnn.value == "Ankle boot"


AWKWARD = awkward_files() + hostile_files()


@pytest.mark.parametrize("name, data, message", AWKWARD, ids=[name for name, _, _ in AWKWARD])
def test_awkward_uploads_get_one_clear_message_or_an_answer(classify_store, name, data, message):
    app = open_page("Upload a photo")
    app.file_uploader(key=UPLOAD).set_value((name, data, "application/octet-stream")).run()
    assert not app.exception, app.exception
    if message:
        assert len(app.error) == 1 and message in app.error[0].value and plain(name) in app.error[0].value
        assert not app.metric
    else:
        assert not app.error
        assert len(app.metric) == 2 and app.session_state[CLASSIFY_INPUT.key].shape == (28, 28)
