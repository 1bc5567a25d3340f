"""The Compare page's race headless (AppTest): both jobs from the settings, a full server says so."""

from helpers.jobs import FakeJob
from streamlit.testing.v1 import AppTest

from components.compare.keys import RACE_EPOCHS, RACE_START, RACE_STOP, RACE_SUBSET, RUNNERS
from components.state import RACE_JOBS
from fashion_lab.training.in_process import JobState
from fashion_lab.training.line import JobRegistry

RACE = "from components.compare.race import render_race\nrender_race()\n"
SETTINGS = [*RUNNERS, RACE_EPOCHS, RACE_SUBSET]


def open_race() -> AppTest:
    return AppTest.from_string(RACE, default_timeout=60).run()


def _widget(app: AppTest, key: str):
    return next(w for kind in ("selectbox", "slider", "button") for w in getattr(app, kind) if w.key == key)


def test_start_runs_both_runners_on_the_chosen_settings_and_locks_them(store, dataset):
    app = open_race()
    _widget(app, RUNNERS[0]).select("dense")
    _widget(app, RUNNERS[1]).select("cnn")
    _widget(app, RACE_EPOCHS).set_value(1)
    _widget(app, RACE_SUBSET).select("3,000 images (demo in seconds)")
    _widget(app, RACE_START).click().run()  # one run: the jobs start in the button's callback
    jobs = app.session_state[RACE_JOBS.key]
    assert [(j.config.architecture, j.config.epochs, j.config.limit) for j in jobs] == [
        ("dense", 1, 3000),
        ("cnn", 1, 3000),
    ]
    assert all(_widget(app, key).disabled for key in SETTINGS + [RACE_START])
    for job in jobs:
        job.stop()
        assert job.join(timeout=120)


def test_a_race_on_a_busy_server_waits_in_line_and_says_where(store, monkeypatch):
    registry = JobRegistry(limit=2)
    monkeypatch.setattr("components.compare.race.get_job_registry", lambda: registry)
    busy = [FakeJob()]  # one slot left: a race must wait
    try:
        registry.submit(busy, "another-tab")
        app = open_race()
        _widget(app, RACE_START).click().run()
        assert not app.exception, app.exception
        jobs = app.session_state[RACE_JOBS.key]
        assert {job.state for job in jobs} == {JobState.PENDING}
        assert "waiting: 1st in line" in app.markdown[0].value
        assert _widget(app, RACE_STOP).label == "Stop both"
        _widget(app, RACE_STOP).click().run()
        assert {job.state for job in jobs} == {JobState.CANCELLED}
        assert registry.waiting() == 0
    finally:
        for job in busy:
            job.stop()


def test_a_full_line_is_said_and_nothing_waits(store, monkeypatch):
    registry = JobRegistry(limit=2, max_queue=0)
    monkeypatch.setattr("components.compare.race.get_job_registry", lambda: registry)
    registry.submit([FakeJob()], "another-tab")
    app = open_race()
    _widget(app, RACE_START).click().run()
    assert not app.exception, app.exception
    assert RACE_JOBS.key not in app.session_state
    assert "The line is full" in app.error[0].value
    app.run()
    assert not app.error  # said once
