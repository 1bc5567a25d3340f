"""The Compare page's race headless (AppTest): both jobs from the settings, a full server says so."""

from streamlit.testing.v1 import AppTest
from test_jobs import FakeJob

from components.compare import race
from components.state import RACE_JOBS, get_job_registry
from fashion_lab.jobs import JobRegistry
from fashion_lab.training import JobState

RACE = "from components.compare.race import render_race\nrender_race()\n"
SETTINGS = [*race.RUNNERS, race.EPOCHS, race.SUBSET]


def open_race() -> AppTest:
    return AppTest.from_string(RACE, default_timeout=60).run()


def _widget(app: AppTest, key: str):
    return next(w for kind in ("selectbox", "slider", "button") for w in getattr(app, kind) if w.key == key)


def test_start_runs_both_runners_on_the_chosen_settings_and_locks_them(store, dataset):
    app = open_race()
    _widget(app, race.RUNNERS[0]).select("dense")
    _widget(app, race.RUNNERS[1]).select("cnn")
    _widget(app, race.EPOCHS).set_value(1)
    _widget(app, race.SUBSET).select("3,000 images (demo in seconds)")
    _widget(app, race.START).click().run()  # one run: the jobs start in the button's callback
    jobs = app.session_state[RACE_JOBS]
    assert [(j.config.architecture, j.config.epochs, j.config.limit) for j in jobs] == [
        ("dense", 1, 3000),
        ("cnn", 1, 3000),
    ]
    assert all(_widget(app, key).disabled for key in SETTINGS + [race.START])
    for job in jobs:
        job.stop()
        assert job.join(timeout=120)


def test_a_race_needs_two_free_slots(store):
    registry = get_job_registry()
    busy = [FakeJob() for _ in range(registry.limit - 1)]  # one slot left
    try:
        assert all(registry.try_start(job, "another-tab") for job in busy)
        app = open_race()
        _widget(app, race.START).click().run()
        assert not app.exception, app.exception
        assert RACE_JOBS not in app.session_state
        assert "A race needs 2 free training slots" in app.error[0].value
        app.run()
        assert not app.error  # said once
    finally:
        for job in busy:
            job.stop()


class SlotTakenMeanwhile(JobRegistry):
    """A server with 3 slots, 1 busy, where another tab takes a slot the moment this tab has
    counted the free ones, or asks to start (what two races started at once did)."""

    def __init__(self) -> None:
        super().__init__(limit=3)
        self.others, self.armed = [FakeJob()], False
        self.try_start(self.others[0], "another-tab")
        self.armed = True

    def _another_tab_takes_a_slot(self) -> None:
        if self.armed:
            self.armed = False
            self.others.append(FakeJob())
            self.try_start(self.others[-1], "another-tab")

    def active(self) -> int:
        busy = super().active()
        self._another_tab_takes_a_slot()
        return busy

    def try_start_all(self, jobs, owner: str) -> bool:
        self._another_tab_takes_a_slot()
        return super().try_start_all(jobs, owner)


def test_a_slot_taken_meanwhile_never_leaves_a_runner_waiting(store, dataset, monkeypatch):
    registry = SlotTakenMeanwhile()
    monkeypatch.setattr("components.compare.race.get_job_registry", lambda: registry)
    app = open_race()
    _widget(app, race.SUBSET).select("3,000 images (demo in seconds)")
    _widget(app, race.START).click().run()
    assert not app.exception, app.exception
    jobs = app.session_state[RACE_JOBS] if RACE_JOBS in app.session_state else []
    try:
        assert len(registry.others) == 2  # the other tab did slip in
        assert all(job.state != JobState.PENDING for job in jobs)  # both started, or no race
        if not jobs:
            assert "A race needs 2 free training slots" in app.error[0].value
            assert not _widget(app, race.START).disabled
    finally:
        for job in jobs + registry.others:
            job.stop()
        for job in jobs:
            assert job.join(timeout=120)
