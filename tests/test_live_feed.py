"""The live panel's feed: what the browser fetches while a job runs, and the promises it relies on
(parts only grow, a smoothing change is a new revision, the outcome only once the job is done)."""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import stat
import subprocess
import tempfile
import threading

import numpy as np
from helpers.waiting import soon

from components.train.live_feed import LiveFeed
from components.train.live_folder import create_served_folder, remove_stale_folders
from fashion_lab.i18n import translations
from fashion_lab.training.config import TrainingConfig
from fashion_lab.training.in_process import JobState


class ScriptedJob:
    """A job whose events the test appends by hand."""

    def __init__(self) -> None:
        self.config = TrainingConfig(architecture="cnn", epochs=2)
        self.state = JobState.RUNNING
        self.stop_requested = False
        self._events = [{"kind": "started", "steps": 10}]
        self._lock = threading.Lock()
        self._done = threading.Event()

    def join(self, timeout: float | None = None) -> bool:
        self._done.wait(timeout)
        return self.state.done

    def events(self):
        with self._lock:
            return list(self._events)

    def elapsed(self) -> float:
        return 3.0

    def add_batch(self, epoch: int, step: int, loss: float) -> None:
        event = {"kind": "batch", "epoch": epoch, "step": step, "steps": 10, "loss": loss, "accuracy": 0.5}
        with self._lock:
            self._events.append(event)

    def add_epoch(self, epoch: int) -> None:
        metrics = {"loss": 0.5, "accuracy": 0.8, "val_loss": 0.6, "val_accuracy": 0.7}
        event = {"kind": "epoch", "epoch": epoch, "seconds": 1.0, "partial": False, **metrics}
        with self._lock:
            self._events.append(event)

    def finish(self) -> None:
        with self._lock:
            self._events.append({"kind": "finished", "test_accuracy": 0.7, "epochs_completed": 2})
        self.state = JobState.FINISHED
        self._done.set()


def read(feed: LiveFeed) -> dict:
    return json.loads(feed.path.read_text())


def test_a_write_holds_status_and_each_charts_growing_parts(tmp_path):
    job = ScriptedJob()
    job.add_batch(1, 5, 2.0)
    job.add_batch(1, 10, 1.0)
    job.add_epoch(1)
    feed = LiveFeed(job, tmp_path)
    feed.write(ended=False)
    payload = read(feed)
    assert payload["name"] == "cnn" and payload["text"].startswith("epoch 1/2 · batch 10/10")
    assert payload["fraction"] == 0.5 and payload["outcome"] is None
    batches, epochs = payload["charts"]["loss"]
    assert [r["x"] for r in batches] == [0.5, 1.0]
    assert {r["series"] for r in epochs} == {"loss", "val_loss"}
    assert {r["series"] for r in payload["charts"]["accuracy"][0]} == {"accuracy", "val_accuracy"}
    assert not list(tmp_path.glob("*.writing"))  # written aside, then renamed into place


def test_later_writes_only_add_to_each_part(tmp_path):
    job = ScriptedJob()
    job.add_batch(1, 5, 2.0)
    feed = LiveFeed(job, tmp_path)
    feed.write(ended=False)
    first = read(feed)
    job.add_batch(1, 10, 1.0)
    job.add_epoch(1)
    job.add_batch(2, 5, 0.8)
    feed.write(ended=False)
    second = read(feed)
    assert second["revision"] == first["revision"]
    for chart, parts in first["charts"].items():
        for old, new in zip(parts, second["charts"][chart], strict=True):
            assert new[: len(old)] == old  # the browser inserts only new[len(old):]
    assert len(second["charts"]["loss"][0]) == 3


def test_a_new_smoothing_is_a_new_revision_with_every_point_redrawn(tmp_path):
    job = ScriptedJob()
    job.add_batch(1, 5, 2.0)
    job.add_batch(1, 10, 1.0)
    feed = LiveFeed(job, tmp_path)
    feed.write(ended=False)
    before = read(feed)
    feed.smoothing = 0.0
    feed.write(ended=False)
    after = read(feed)
    assert after["revision"] == before["revision"] + 1
    assert [r["value"] for r in after["charts"]["loss"][0]] == [2.0, 1.0]  # no smoothing: raw losses
    assert before["charts"]["loss"][0][1]["value"] != 1.0


def test_the_thread_writes_until_the_job_ends_then_reports_the_outcome(tmp_path):
    job = ScriptedJob()
    feed = LiveFeed(job, tmp_path, interval=0.02).start()
    job.add_batch(1, 10, 1.0)
    job.add_epoch(1)
    job.finish()
    feed._thread.join(timeout=10)
    assert not feed._thread.is_alive()
    payload = read(feed)
    assert payload["outcome"] == "finished" and payload["fraction"] == 1.0
    assert payload["text"].startswith("finished after")


def test_the_outcome_is_written_the_moment_the_job_ends_not_at_the_next_interval(tmp_path):
    """Issue 40, item 5: Stop until the saved name took 4.8 s, up to a second of it waiting for
    the next write."""
    job = ScriptedJob()
    feed = LiveFeed(job, tmp_path, interval=600).start()
    assert read(feed)["outcome"] is None
    job.finish()
    assert soon(lambda: read(feed)["outcome"] == "finished", seconds=30, every=0.01)
    feed.close()


def test_an_ended_jobs_feed_goes_once_its_tab_has_closed(tmp_path):
    """Issue 38, item 8: the feed of a run whose tab closed (a waiting run is cancelled then)
    stayed until the server exited: nobody was left to close it."""
    job, tab_open = ScriptedJob(), threading.Event()
    tab_open.set()
    feed = LiveFeed(job, tmp_path, interval=0.02, watched=tab_open.is_set).start()
    job.finish()
    assert soon(lambda: read(feed)["outcome"] == "finished", seconds=5, every=0.01)
    assert feed._thread.is_alive() and feed.path.exists()  # the open tab still shows the outcome
    tab_open.clear()
    feed._thread.join(timeout=10)
    assert not feed.path.exists() and not list(tmp_path.iterdir())


def test_no_outcome_is_published_before_the_job_is_done(tmp_path):
    job = ScriptedJob()
    job.finish()
    job.state = JobState.RUNNING  # its last event is logged a moment before its state changes
    feed = LiveFeed(job, tmp_path)
    feed.write(ended=job.state.done)
    assert read(feed)["outcome"] is None


def test_close_stops_the_thread_and_removes_the_file(tmp_path):
    job = ScriptedJob()
    feed = LiveFeed(job, tmp_path, interval=0.02).start()
    assert soon(feed.path.exists, seconds=5, every=0.01), "the feed was never written"
    feed.close()
    assert not feed._thread.is_alive() and not feed.path.exists()


def test_feed_names_are_unguessable_and_distinct(tmp_path):
    names = {LiveFeed(ScriptedJob(), tmp_path).name for _ in range(20)}
    assert len(names) == 20
    assert all(len(name) > len("feed-.json") + 20 for name in names)


def test_the_served_folder_and_every_feed_are_private(tmp_path, monkeypatch):
    """Other users of the machine could list and read every tab's feed (0755 / 0644)."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    folder = create_served_folder()
    try:
        assert folder.parent == tmp_path and folder.name.startswith(f"fashion-lab-live-{os.getpid()}-")
        modes = {path.relative_to(folder): stat.S_IMODE(path.stat().st_mode) for path in folder.rglob("*")}
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        assert {mode for path, mode in modes.items() if (folder / path).is_dir()} == {0o700}
        assert {mode for path, mode in modes.items() if (folder / path).is_file()} == {0o600}
        assert (folder / "index.html").is_file()
        job = ScriptedJob()
        feed = LiveFeed(job, folder)
        feed.write(ended=False)
        assert stat.S_IMODE(feed.path.stat().st_mode) == 0o600
    finally:
        shutil.rmtree(folder)


def test_folders_left_by_killed_servers_are_removed_and_no_other(tmp_path):
    gone = _pid_of_an_ended_process()
    dead = tmp_path / f"fashion-lab-live-{gone}-abc123"
    alive = tmp_path / f"fashion-lab-live-{os.getpid()}-def456"
    unrelated = [tmp_path / "fashion-lab-live-notapid-x", tmp_path / f"other-{gone}-abc"]
    for folder in (dead, alive, *unrelated):
        folder.mkdir()
        (folder / "feed-x.json").write_text("{}")
    link = tmp_path / f"fashion-lab-live-{gone}-link"
    link.symlink_to(alive)
    assert remove_stale_folders(tmp_path) == [dead]
    assert not dead.exists() and alive.exists() and all(f.exists() for f in unrelated) and link.exists()


def _pid_of_an_ended_process() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def test_the_feed_carries_the_latest_first_layer_snapshot(tmp_path, small_jobs):
    feed = LiveFeed(ScriptedJob(), tmp_path)
    feed.write(ended=False)
    assert read(feed)["first_layer"] is None  # nothing recorded yet
    for architecture, (count, side) in {"cnn": (32, 3), "dense": (10, 28)}.items():
        feed = LiveFeed(small_jobs[architecture], tmp_path)
        feed.write(ended=True)
        layer = read(feed)["first_layer"]
        assert layer["label"] == "epoch 1" and layer["number"] == 3  # start, batch 16, epoch 1
        assert layer["layer"] == ("kernels" if architecture == "cnn" else "classes") and layer["side"] == side
        levels = np.frombuffer(base64.b64decode(layer["levels"]), dtype=np.int8)
        assert layer["count"] == count and levels.size == count * side * side
        assert np.abs(levels).max() == 99 and layer["scale"] > 0


def test_the_feed_writes_in_its_tabs_language_though_its_thread_has_no_tab(tmp_path, small_jobs):
    """The feed's thread has no tab to ask: it writes the line and the pictures' title in the
    language the feed was given (its tab's when it started; the tab may change it)."""
    korean = translations("ko")
    feed = LiveFeed(ScriptedJob(), tmp_path)
    feed.language = "ko"
    feed.write(ended=False)
    assert read(feed)["text"] == korean.gettext("preparing...") != "preparing..."
    feed = LiveFeed(small_jobs["cnn"], tmp_path)
    feed.language = "ko"
    feed.write(ended=True)
    title = read(feed)["first_layer"]["title"]
    assert re.search("[가-힣]", title) and "kernels" not in title, title
    feed.language = "en"
    feed.write(ended=True)
    assert read(feed)["first_layer"]["title"].startswith("First layer, its 32 kernels at epoch 1")
