"""The Train page headless (AppTest): controls, layer table, locked settings, outcome."""

import time
from dataclasses import replace
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components.state import LIVE_FEED, TALK_MODE, TRAIN_JOB
from components.train.keys import ARCHITECTURE, BATCH_SIZE, EPOCHS, SEED, START, STOP, SUBSET
from components.train.settings import SETTINGS
from fashion_lab.training.config import TrainingConfig
from fashion_lab.training.in_process import JobState

TRAIN_PAGE = "from components.train.page import render_train\nrender_train()\n"
LOCKABLE = list(SETTINGS)


def open_train_page() -> AppTest:
    return AppTest.from_string(TRAIN_PAGE, default_timeout=60).run()


def _find(app: AppTest, key: str):
    for kind in ("selectbox", "slider", "select_slider", "toggle", "number_input", "button"):
        for element in getattr(app, kind):
            if element.key == key:
                return element
    raise KeyError(key)


def test_controls_offer_every_architecture_and_the_documented_ranges(store):
    app = open_train_page()
    assert not app.exception, app.exception
    assert _find(app, ARCHITECTURE).options == ["dense", "cnn", "cnn_deep", "cnn_small", "dense_wide"]
    epochs = _find(app, EPOCHS)
    assert (epochs.min, epochs.max, epochs.value) == (1, 50, 5)
    assert "all 60,000 images" in _find(app, SUBSET).options
    assert not any(_find(app, key).disabled for key in LOCKABLE)


@pytest.mark.parametrize("architecture, total", [("dense", "29,898"), ("cnn", "804,554")])
def test_layer_table_shows_the_parameter_count(store, architecture, total):
    app = open_train_page()
    _find(app, ARCHITECTURE).select(architecture).run()
    assert any(total in md.value for md in app.markdown)
    table = app.table[0].value  # a plain table: a few rows, nothing to sort (no grid to load)
    assert "output shape" in table.columns
    assert sum(int(count.replace(",", "")) for count in table["parameters"]) == int(total.replace(",", ""))


def test_settings_are_locked_while_training_and_stop_ends_the_run(store, dataset):
    app = open_train_page()
    _find(app, ARCHITECTURE).select("cnn")
    _find(app, EPOCHS).set_value(3)
    _find(app, BATCH_SIZE).set_value(64)
    _find(app, SEED).set_value(7)
    _find(app, START).click().run()  # one run: the job starts in the button's callback
    job = app.session_state[TRAIN_JOB.key]
    assert job.state in (JobState.PENDING, JobState.RUNNING)
    assert (job.config.architecture, job.config.epochs) == ("cnn", 3)
    assert (job.config.batch_size, job.config.seed) == (64, 7)
    assert all(_find(app, key).disabled for key in LOCKABLE + [START])
    deadline = time.monotonic() + 120
    while not any(event["kind"] == "batch" for event in job.events()):  # it trains: a Stop now saves
        assert time.monotonic() < deadline and not job.state.done, job.error
        time.sleep(0.05)
    _find(app, STOP).click().run()
    assert job.stop_requested
    assert job.join(timeout=120)
    app.run()
    assert job.state is JobState.STOPPED
    assert not any(_find(app, key).disabled for key in LOCKABLE + [START])
    assert any("Stopped after" in s.value and job.saved_as in s.value for s in app.success)
    assert store.get(job.saved_as).meta["stopped"] is True


def test_a_finished_run_is_saved_and_reported(store, dataset):
    app = open_train_page()
    _find(app, ARCHITECTURE).select("dense")
    _find(app, EPOCHS).set_value(1)
    _find(app, SUBSET).select("3,000 images (demo in seconds)")
    _find(app, START).click().run()
    job, feed = app.session_state[TRAIN_JOB.key], app.session_state[LIVE_FEED.key]
    assert feed.path.is_file()
    assert job.join(timeout=120)
    app.run()
    assert not app.exception, app.exception
    assert job.state is JobState.FINISHED
    assert app.session_state[LIVE_FEED.key] is None and not feed.path.exists()  # drawn: its feed is gone
    entry = store.get(job.saved_as)
    assert entry.meta["config"]["limit"] == 3000
    assert any(f"{entry.test_accuracy:.2%}" in s.value for s in app.success)
    assert len(app.table) == 2  # the layer table, and the epoch table with one row per epoch
    assert len(app.table[1].value) == entry.meta["epochs_completed"]


def test_talk_mode_from_the_url_hides_the_settings(store):
    app = AppTest.from_file(str(Path(__file__).resolve().parents[1] / "streamlit_app.py"))
    app.query_params["talk"] = "1"
    app.run(timeout=60)
    assert not app.exception, app.exception
    assert app.toggle(key="talk_mode").value is True
    assert not app.expander  # "More settings" is out of sight
    app.toggle(key="talk_mode").set_value(False).run(timeout=60)
    assert [e.label for e in app.expander] == ["More settings"]


def test_in_talk_mode_train_uses_the_default_for_every_hidden_setting(store, dataset):
    app = open_train_page()
    _find(app, BATCH_SIZE).set_value(64).run()  # then hidden by talk mode
    app.session_state[TALK_MODE] = True
    app.run()
    _find(app, ARCHITECTURE).select("dense")
    _find(app, SUBSET).select("3,000 images (demo in seconds)")
    _find(app, START).click().run()
    job = app.session_state[TRAIN_JOB.key]
    assert job.config == replace(TrainingConfig(), architecture="dense", limit=3000)
    job.stop()
    assert job.join(timeout=120)


def test_each_setting_sets_its_config_field_and_talk_mode_keeps_the_hidden_ones_default():
    from components.train.keys import AUGMENT, COSINE, LEARNING_RATE
    from components.train.settings import config_from

    values = {
        ARCHITECTURE: "dense",
        EPOCHS: 7,
        SUBSET: "3,000 images (demo in seconds)",
        BATCH_SIZE: 64,
        LEARNING_RATE: 0.001,
        COSINE: False,
        AUGMENT: True,
        SEED: 9.0,  # number_input may hand a float
    }
    assert config_from(values, talk=False) == TrainingConfig(
        "dense", 7, batch_size=64, learning_rate=0.001, seed=9, limit=3000, schedule="constant", augment=True
    )
    talk_config = config_from(values, talk=True)
    assert talk_config == replace(TrainingConfig(), architecture="dense", epochs=7, limit=3000)
