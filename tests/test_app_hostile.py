"""The pages headless (AppTest) with a hostile store or a broken dataset: one clear message,
never Streamlit's exception box (issue 14, items 5, 6, 7 and 11)."""

from __future__ import annotations

import gzip
import os

import pytest
from helpers.app import open_app
from helpers.store import rewrite_meta, save_dense
from streamlit.testing.v1 import AppTest

from components.classify import keys as classify_keys
from components.inside import keys as inside_keys
from components.models.page import DELETE_NAME
from components.plain_text import plain
from fashion_lab.data.fashion_mnist import FILES, load_dataset, load_test_split
from fashion_lab.training.saving import run_metadata
from model_store.store import WEIGHTS_FILE

PAGES_THAT_LOAD_MODELS = ["classify", "inside", "compare"]


@pytest.fixture
def trap_store(store, small_jobs):
    """A dense and a CNN, and, newest of all so every page picks it by default, an entry that
    claims to be a CNN but holds dense weights (listed as valid before issue 14)."""
    store.save("real-dense", small_jobs["dense"].model, run_metadata(small_jobs["dense"]))
    store.save("real-cnn", small_jobs["cnn"].model, run_metadata(small_jobs["cnn"]))
    save_dense(store, small_jobs, "fake-cnn")
    rewrite_meta(store, "fake-cnn", architecture="cnn", created="2999-01-01T00:00:00+00:00")
    return store


@pytest.mark.parametrize("page", PAGES_THAT_LOAD_MODELS)
def test_a_model_that_cannot_load_is_never_offered(trap_store, page):
    app = open_app(page)
    if page == "classify":
        app.radio(key=classify_keys.SOURCE).set_value("Test image").run()
    assert not app.exception, app.exception
    offered = [option for box in app.multiselect for option in box.options]
    offered += [option for box in app.selectbox if box.key == inside_keys.MODEL for option in box.options]
    assert offered and "fake-cnn" not in offered


def test_models_page_says_why_and_offers_no_delete_that_cannot_work(trap_store, small_jobs):
    entry = save_dense(trap_store, small_jobs, "copy")
    os.rename(entry.path, trap_store.root / "bundled-dense copy")
    rewrite_meta(trap_store, "bundled-dense copy", name="bundled-dense copy")
    app = open_app("models")
    assert not app.exception, app.exception
    warnings = " ".join(w.value for w in app.warning)
    assert "fake\\-cnn" in warnings and "has shape" in warnings
    assert "bundled\\-dense copy" in warnings and "rename it" in warnings
    assert "bundled-dense copy" not in app.selectbox(key=DELETE_NAME).options


def test_a_model_named_like_an_address_is_no_link_in_the_answers(store, small_jobs):
    store.save("www.example.com", small_jobs["dense"].model, run_metadata(small_jobs["dense"]))
    store.save("small-cnn", small_jobs["cnn"].model, run_metadata(small_jobs["cnn"]))
    app = open_app("classify")
    app.radio(key=classify_keys.SOURCE).set_value("Test image").run()
    assert not app.exception, app.exception
    labels = [metric.label for metric in app.metric]
    assert len(labels) == 2 and not any("www.example.com" in label for label in labels)
    assert any(plain("www.example.com") in label for label in labels)


def test_compare_does_without_optional_metadata(store, small_jobs):
    for name in ("sparse-dense", "sparse-cnn"):
        job = small_jobs[name.split("-")[1]]
        store.save(name, job.model, run_metadata(job))
        rewrite_meta(store, name, confusion=None, history={"accuracy": []})
    app = open_app("compare")
    assert not app.exception, app.exception
    assert any("no confusion matrix was stored" in c.value for c in app.caption)


def test_a_model_whose_files_vanish_after_the_listing_gets_a_warning(store, small_jobs):
    store.save("vanishing", small_jobs["cnn"].model, run_metadata(small_jobs["cnn"]))
    script = (
        "from components.resources import get_store, loaded\n"
        "entries = get_store().models()\n"
        f"(entries[0].path / {WEIGHTS_FILE!r}).unlink()\n"
        "assert loaded(entries) == []\n"
    )
    app = AppTest.from_string(script, default_timeout=60).run()
    assert not app.exception, app.exception
    assert "vanishing" in app.warning[0].value and "missing" in app.warning[0].value


@pytest.fixture
def broken_dataset(tmp_path, monkeypatch, dataset):
    """FASHION_MNIST_DIR holding four files that are not IDX; every cache of the real set cleared
    before and after."""
    for name in FILES.values():
        (tmp_path / name).write_bytes(gzip.compress(b"not an IDX file"))
    monkeypatch.setenv("FASHION_MNIST_DIR", str(tmp_path))
    load_dataset.cache_clear()
    load_test_split.cache_clear()
    yield
    monkeypatch.delenv("FASHION_MNIST_DIR")
    load_dataset.cache_clear()
    load_test_split.cache_clear()


@pytest.mark.parametrize("page", PAGES_THAT_LOAD_MODELS)
def test_a_broken_dataset_gets_one_clear_message_on_every_page(trap_store, broken_dataset, page):
    app = open_app(page)
    if page in ("classify", "inside"):
        app.radio(key=f"{page}_source").set_value("Test image").run()
    assert not app.exception, app.exception
    assert len(app.error) == 1, [e.value for e in app.error]
    assert "apt\\-get install dataset\\-fashion\\-mnist" in app.error[0].value


def test_a_page_works_with_eight_models_at_most(store, small_jobs):
    """Issue 38, item 10: Compare's arrangement of ~20 models took 117 s and 73 CPU-seconds."""
    from components.model_picker import MODELS_PER_VIEW

    names = [save_dense(store, small_jobs, f"dense-{n}").name for n in range(MODELS_PER_VIEW + 2)]
    app = AppTest.from_string("from components.compare.page import render_compare\nrender_compare()\n")
    app.session_state["compare_choice"] = names  # every model, as a session once chose them
    app.run(timeout=60)
    assert not app.exception, app.exception
    (picker,) = app.multiselect
    assert picker.value == names[:MODELS_PER_VIEW] and picker.proto.max_selections == MODELS_PER_VIEW


def test_an_address_naming_models_opens_those_that_exist_eight_at_most(store, small_jobs):
    """Issue 40: the presenter's choice of models is kept in the address (?models=a&models=b);
    an address is typed by anyone: names that are no model, and too many, are dropped."""
    from components.model_picker import MODELS_PER_VIEW

    names = [save_dense(store, small_jobs, f"dense-{n}").name for n in range(MODELS_PER_VIEW + 2)]
    app = AppTest.from_string("from components.compare.page import render_compare\nrender_compare()\n")
    app.query_params["models"] = ["../etc/passwd", "<b>x</b>", *names]
    app.run(timeout=60)
    assert not app.exception, app.exception
    (picker,) = app.multiselect
    assert picker.value == names[:MODELS_PER_VIEW]
