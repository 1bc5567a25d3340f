"""Training on a real local Ray (started by the tests, as the app starts it): a run in a worker
process reports, stops, comes back through the object store, is saved by the app and predicts as
one trained here; a run whose worker is killed fails clearly and frees its slot."""

from __future__ import annotations

import json
import os
import signal
import time

import numpy as np
import pytest
from conftest import run_python
from helpers.cli import run_cli

from fashion_lab.analysis.evaluation import predict_images
from fashion_lab.training.backends import TrainingBackend
from fashion_lab.training.config import TrainingConfig
from fashion_lab.training.in_process import JobState, TrainingJob
from fashion_lab.training.line import JobRegistry
from fashion_lab.training.ray_connection import RayConnection
from fashion_lab.training.ray_jobs import LOST, RayTrainingJob
from fashion_lab.training.saving import store_saver
from tools.app_server import free_port

QUICK = TrainingConfig("dense", epochs=2, limit=3000)
LONG = TrainingConfig("cnn", epochs=20, limit=10_000)


@pytest.fixture(scope="module")
def ray_backend():
    """A local Ray with 2 slots, for this module (stopped after it: the worker goes on to others)."""
    backend = TrainingBackend("local", slots=2)
    try:
        backend.ray.connect()
    except Exception as error:  # noqa: BLE001
        pytest.fail(f"a local Ray could not be started (is ray installed? make test installs it): {error}")
    yield backend
    import ray

    ray.shutdown()


def wait_for_kind(job, kind: str, timeout: float = 120.0) -> None:
    for _ in range(int(timeout / 0.1)):
        if any(event["kind"] == kind for event in job.events()):
            return
        assert not job.join(timeout=0.1) or any(e["kind"] == kind for e in job.events()), job.error
    pytest.fail(f"no {kind!r} event within {timeout:.0f} s")


@pytest.mark.ray
def test_a_ray_run_reports_epochs_is_saved_and_predicts_as_one_trained_here(ray_backend, store, dataset):
    job = ray_backend.new_job(QUICK, save=store_saver(store)).start()
    assert job.join(timeout=180), "the Ray run did not end within 3 minutes"
    assert job.state is JobState.FINISHED, job.error
    epochs = [event for event in job.events() if event["kind"] == "epoch"]
    assert [event["epoch"] for event in epochs] == [1, 2] and all("val_accuracy" in e for e in epochs)
    assert job.events()[-1]["kind"] == "finished" and job.events()[-1]["saved_as"] == job.saved_as
    entry = store.get(job.saved_as)
    meta = entry.meta
    assert meta["architecture"] == "dense" and meta["params"] == 29_898
    assert meta["config"] == QUICK.to_dict() and meta["epochs_completed"] == 2
    assert meta["dataset_checksum"] == dataset.checksum
    assert meta["test_accuracy"] == pytest.approx(job.result.test_accuracy)
    here = TrainingJob(QUICK, dataset)
    here.run()
    images = dataset.test_images[:500]
    from_ray = predict_images(store.load(job.saved_as), images)
    from_here = predict_images(here.model, images)
    # Same seed and data; the worker's thread count may change the order of float sums only.
    assert np.mean(from_ray.argmax(1) == from_here.argmax(1)) >= 0.98
    assert np.abs(from_ray - from_here).max() < 0.05
    assert meta["test_accuracy"] == pytest.approx(here.result.test_accuracy, abs=0.01)
    replay = store.learning(job.saved_as)  # the worker's snapshots came back and were saved
    assert replay["batches"].tolist() == here.result.learning["batches"].tolist()


@pytest.mark.ray
def test_a_ray_run_starts_from_the_weights_it_is_given(ray_backend, small_jobs):
    """Fine-tuning on Ray: the weights travel to the worker (at a learning rate too small to move
    them, they come back as they went)."""
    start = small_jobs["dense"].model.get_weights()
    config = TrainingConfig("dense", epochs=1, limit=500, learning_rate=1e-9, init_from="small-dense")
    job = ray_backend.new_job(config, start_weights=start).start()
    assert job.join(timeout=180), "the Ray run did not end within 3 minutes"
    assert job.state is JobState.FINISHED, job.error
    for trained, given in zip(job.model.get_weights(), start, strict=True):
        np.testing.assert_allclose(trained, given, atol=1e-5)


@pytest.mark.ray
def test_stop_reaches_the_worker_and_the_stopped_run_is_saved(ray_backend, store):
    job = ray_backend.new_job(LONG, save=store_saver(store)).start()
    wait_for_kind(job, "batch")
    job.stop()
    assert job.join(timeout=120), "the stopped Ray run did not end"
    assert job.state is JobState.STOPPED, job.error
    meta = store.get(job.saved_as).meta
    assert meta["stopped"] is True and meta["epochs_completed"] < LONG.epochs


@pytest.mark.ray
def test_a_run_whose_worker_is_killed_fails_clearly_and_frees_its_slot(ray_backend):
    registry = JobRegistry(limit=1, poll=0.05)
    doomed, waiting = ray_backend.new_job(LONG), ray_backend.new_job(QUICK)
    registry.submit([doomed], "tab-1")
    registry.submit([waiting], "tab-2")
    wait_for_kind(doomed, "batch")
    os.kill(ray_backend.ray.connect().get(doomed.actor.pid.remote()), signal.SIGKILL)
    assert doomed.join(timeout=60) and doomed.state is JobState.FAILED
    assert doomed.error.startswith(LOST) and doomed.events()[-1]["kind"] == "failed"
    assert waiting.join(timeout=180) and waiting.state is JobState.FINISHED, waiting.error


@pytest.mark.ray
def test_the_cli_trains_on_ray_with_the_same_outcome(tmp_path, dataset):
    done = run_cli("train", "--arch", "dense", "--epochs", "1", "--limit", "2000", "--ray", "local", "--json",
                   models=tmp_path / "models")  # fmt: skip
    assert done.returncode == 0, done.stderr
    saved = json.loads(done.stdout)
    assert saved["state"] == "finished" and saved["epochs_completed"] == 1
    assert (tmp_path / "models" / saved["name"]).is_dir()


def test_a_bad_ray_address_is_a_clear_cli_error(tmp_path):
    done = run_cli("train", "--arch", "dense", "--ray", "nowhere:1", models=tmp_path / "models")
    assert done.returncode != 0 and "a Ray address is 'local', 'auto' or 'ray://host:port'" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.slow  # a fresh interpreter imports TensorFlow and trains: about 15 s
def test_ray_is_not_imported_unless_asked_for(dataset):
    code = (
        "import sys; from fashion_lab.training.backends import backend_from_settings; "
        "from fashion_lab.training.config import TrainingConfig; "
        "job = backend_from_settings(slots=2).new_job(TrainingConfig('dense', epochs=1, limit=500)); "
        "job.run(); "
        "assert job.state == 'finished', job.error; assert 'ray' not in sys.modules, 'ray was imported'"
    )
    run_python(code, env={"FASHION_LAB_RAY_ADDRESS": ""})


@pytest.mark.ray
def test_stop_before_the_worker_answers_cancels_at_once_and_saves_nothing(ray_backend):
    saved = []
    job = ray_backend.new_job(LONG, save=saved.append).start()
    job.stop()  # the worker is still starting (placing, importing TensorFlow)
    assert job.join(timeout=30), "Stop did not end a run whose worker was starting"
    assert job.state is JobState.CANCELLED and not saved
    assert job.events()[-1] == {"kind": "cancelled", "reason": "stopped before it began to train"}


@pytest.mark.ray  # Ray's client gives up on the address after its own retries: half a minute
def test_no_cluster_at_the_address_fails_the_run_with_a_clear_message(dataset):
    address = f"ray://127.0.0.1:{free_port()}"  # nothing listens there
    code = (
        "from fashion_lab.training.backends import TrainingBackend; "
        "from fashion_lab.training.config import TrainingConfig; "
        f"job = TrainingBackend({address!r}, slots=1).new_job(TrainingConfig('dense', epochs=1, limit=500)); "
        "job.run(); print(job.state.value, '|', job.error)"
    )
    quick = {"RAY_CLIENT_INITIAL_CONNECTION_TIMEOUT_S": "1", "RAY_CLIENT_MAX_CONNECTION_TIMEOUT_S": "3"}
    printed = run_python(code, env=quick).strip().splitlines()[-1]
    assert (
        printed
        == f"failed | RayUnavailable: Ray at {address!r} cannot be used: ray client connection timeout"
    )


class HangingRay(RayConnection):
    """Ray's own retries at an address where nothing answers, which go on for minutes."""

    def _init(self, ray):
        time.sleep(30)


def test_a_cluster_that_does_not_answer_fails_the_run_after_the_timeout(monkeypatch):
    monkeypatch.setattr("fashion_lab.training.ray_connection.CONNECT_TIMEOUT", 0.5)
    job = RayTrainingJob(QUICK, HangingRay("auto"))
    job.run()
    assert job.state is JobState.FAILED
    assert job.error == "RayUnavailable: Ray at 'auto' did not answer within 0 s"
