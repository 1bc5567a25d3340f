"""The app headless (AppTest): every page renders without an exception."""

import pytest
from conftest import run_python
from helpers.app import APP, PAGES, open_app

from components.learned.keys import CNN_MODEL
from components.models.keys import DELETE_BUTTON, DELETE_NAME
from components.plain_text import plain
from fashion_lab.models.stored import open_store
from fashion_lab.training.saving import run_metadata


def test_app_starts_without_exception(store):
    app = open_app()
    assert not app.exception, app.exception
    assert app.title[0].value == "Train"


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders(store, page):
    app = open_app(page)
    assert not app.exception, app.exception
    assert app.title


def test_models_page_lists_models_and_broken_entries(store, small_jobs):
    store.save("my-cnn", small_jobs["cnn"].model, run_metadata(small_jobs["cnn"]))
    (store.root / "half-saved").mkdir()
    app = open_app("models")
    assert not app.exception, app.exception
    table = app.dataframe[0].value
    assert list(table["name"]) == ["my-cnn"]
    assert table["parameters"][0] == 804_554
    assert any(plain("half-saved") in w.value and "missing" in w.value for w in app.warning)


def test_models_page_deletes_a_model(store, small_jobs):
    store.save("doomed", small_jobs["dense"].model, run_metadata(small_jobs["dense"]))
    app = open_app("models")
    app.selectbox(key=DELETE_NAME).select("doomed")
    app.button(key=DELETE_BUTTON).click().run()
    assert not app.exception, app.exception
    assert store.entries() == []


def test_models_page_marks_bundled_models_and_offers_only_yours_for_deletion(
    tmp_path, monkeypatch, small_jobs
):

    open_store(tmp_path / "bundled", bundled=tmp_path / "x").save(
        "shipped", small_jobs["dense"].model, run_metadata(small_jobs["dense"])
    )
    monkeypatch.setenv("FASHION_LAB_BUNDLED", str(tmp_path / "bundled"))
    monkeypatch.setenv("FASHION_LAB_MODELS", str(tmp_path / "mine"))
    open_store().save("mine", small_jobs["cnn"].model, run_metadata(small_jobs["cnn"]))
    app = open_app("models")
    table = app.dataframe[0].value
    assert dict(zip(table["name"], table["bundled"], strict=True)) == {"mine": False, "shipped": True}
    assert app.selectbox(key=DELETE_NAME).options == ["mine"]


def test_the_first_page_is_drawn_before_keras_is_imported(store):
    code = (
        "import sys\n"
        "from streamlit.testing.v1 import AppTest\n"
        "import components.runtime_fixes as fixes\n"
        "fixes.load_keras_in_background = lambda: None\n"
        f"app = AppTest.from_file({APP!r}, default_timeout=60).run()\n"
        "assert not app.exception, app.exception\n"
        "from fashion_lab.models.registry import layer_table\n"
        "shown = app.selectbox(key='train_architecture').value\n"
        "assert list(app.table[0].value.index) == [r['layer'] for r in layer_table(shown)]\n"
        "assert 'keras' not in sys.modules and 'tensorflow' not in sys.modules, 'keras imported'\n"
    )
    run_python(code)


def test_the_replay_renders_and_a_broken_record_gives_a_warning(store, small_jobs):
    from fashion_lab.training.saving import store_saver
    from model_store.learning import LEARNING_FILE

    for architecture, job in small_jobs.items():
        store_saver(store, f"replay-{architecture}")(job)
    app = open_app("learned")
    assert not app.exception, app.exception
    assert any("edge or line detectors" in m.value for m in app.markdown), [m.value for m in app.markdown]
    store_saver(store, "broken-cnn")(small_jobs["cnn"])
    record = store.get("broken-cnn").path / LEARNING_FILE
    record.write_bytes(record.read_bytes()[:-8])
    app = open_app("learned")
    app.selectbox(key=CNN_MODEL).select("broken-cnn").run()
    assert not app.exception, app.exception
    assert any("cannot be replayed" in w.value and "corrupt" in w.value for w in app.warning), app.warning
