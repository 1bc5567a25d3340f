"""Fashion-MNIST garments photographed in simulation and put through the photo pipeline
(fashion_lab/images/photo_simulation.py): what the bundled photo model is trained on besides the dataset."""

from __future__ import annotations

import importlib.util
import sys
import types

import numpy as np
import pytest
from helpers.waiting import soon

from fashion_lab.images.photo_simulation import (
    CANVASES,
    PhotographingStopped,
    can_spawn_workers,
    simulate_photo,
    simulated_photos,
    with_simulated_photos,
)
from fashion_lab.training.config import TrainingConfig


def test_a_simulated_photo_is_a_garment_on_a_lit_surface(dataset):
    rng = np.random.default_rng(3)
    for image, label in zip(dataset.train_images[:20], dataset.train_labels[:20], strict=True):
        photo = simulate_photo(image, int(label), rng)
        assert photo.dtype == np.uint8 and photo.shape[2] == 3 and photo.shape[:2] in CANVASES
        assert photo.mean() > 20  # a surface, not the dataset's black background
        assert photo.std() > 5  # and something on it


def test_the_pipeline_output_is_a_28x28_garment_unlike_the_clean_one(dataset):
    images, labels = dataset.train_images[:50], dataset.train_labels[:50]
    seen = simulated_photos(images, labels, seed=0, workers=1)
    assert seen.shape == images.shape and seen.dtype == np.uint8
    lit = (seen >= 30).mean(axis=(1, 2))
    assert (lit > 0.03).mean() >= 0.9  # a garment in (nearly) every one
    clean = np.mean([np.array_equal(a, b) for a, b in zip(seen, images, strict=True)])
    assert clean < 0.1  # the pipeline found it in the photo: the clean garment is the fallback
    assert np.abs(seen.astype(int) - images).mean() > 20


def test_with_views_each_photo_comes_as_every_picture_its_answer_averages(dataset):
    from fashion_lab.images.segmentation import CLOSINGS

    images, labels = dataset.train_images[:40], dataset.train_labels[:40]
    views = simulated_photos(images, labels, seed=1, workers=1, views=True)
    assert views.shape == (40, len(CLOSINGS), 28, 28)
    assert np.array_equal(views[:, 0], simulated_photos(images, labels, seed=1, workers=1))
    differ = [not np.array_equal(v[0], v[1]) for v in views]
    assert 0 < np.mean(differ) < 1  # a wider closing changes some masks, not every one


@pytest.mark.slow  # spawns two worker processes that import the simulation: about 30 s
def test_the_simulation_is_fixed_by_the_seed_whatever_the_workers(dataset, monkeypatch):
    # a bare __main__, as under `python -m`: an AppTest run before may have left its page script
    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))
    assert can_spawn_workers()
    images, labels = dataset.train_images[:600], dataset.train_labels[:600]  # two chunks
    alone = simulated_photos(images, labels, seed=5, workers=1)
    shared = simulated_photos(images, labels, seed=5, workers=2)
    assert np.array_equal(alone, shared)
    assert not np.array_equal(alone[:50], simulated_photos(images[:50], labels[:50], seed=6, workers=1))


def test_workers_are_spawned_only_where_the_main_script_would_not_run_again(monkeypatch):
    script = types.ModuleType("__main__")
    script.__file__ = "streamlit_app.py"  # Streamlit's page script, Ray's worker, a plain script
    monkeypatch.setitem(sys.modules, "__main__", script)
    assert not can_spawn_workers()
    script.__spec__ = importlib.util.find_spec("fashion_lab.__main__")  # python -m fashion_lab
    assert can_spawn_workers()


def test_a_stop_request_ends_the_simulation_at_the_next_photo(dataset):
    """Not at the end of the chunk of 500 under way (about 30 s of 2 cores)."""
    asked = []

    def stop() -> bool:
        asked.append(True)
        return len(asked) > 10  # after ten photos

    with pytest.raises(PhotographingStopped, match="photographing"):
        simulated_photos(dataset.train_images[:1000], dataset.train_labels[:1000], 0, workers=1, stop=stop)
    assert len(asked) == 12  # before each of the eleven photos, then once to say why it ended


def test_a_share_of_the_training_set_is_added_as_photos_with_its_labels(dataset):
    images = dataset.train_images[:200]
    ids = np.arange(200)  # as labels: each added photo must carry the id of the image it shows
    x, y = with_simulated_photos(images, ids, share=0.25, seed=0)
    assert len(x) == len(y) == 250
    assert np.array_equal(x[:200], images) and np.array_equal(y[:200], ids)
    added = y[200:]
    assert len(set(added)) == 50 and set(added) <= set(ids)
    twins = simulated_photos(images[added], ids[added], seed=0, workers=1)
    assert np.array_equal(x[200:], twins)  # the photos are of exactly those images


def test_a_training_run_adds_its_simulated_photos_and_says_so(dataset):
    from conftest import train_small

    job = train_small("dense", dataset, limit=400, simulated_photos=0.5)
    assert job.result.samples == 600  # 400 images and 200 simulated photos of them
    kinds = [event["kind"] for event in job.events()]
    assert kinds.index("simulating photos") < kinds.index("started")
    assert job.events()[kinds.index("simulating photos")]["images"] == 200


def test_the_share_must_be_between_0_and_1():
    with pytest.raises(ValueError, match="simulated photos"):
        TrainingConfig(simulated_photos=1.5).validate()
    TrainingConfig(simulated_photos=0.5).validate()


@pytest.mark.slow  # a CLI that imports TensorFlow and photographs till stopped: about 50 s each
@pytest.mark.parametrize("stop", ["ctrl-c", "sigterm"])
def test_a_stop_while_photographing_ends_the_cli_run_soon_saves_nothing_and_leaves_no_worker(
    dataset, tmp_path, stop
):
    """60,000 simulated photos take minutes. Ctrl-C as a terminal sends it, or SIGTERM as
    `timeout` and systemd send it, to the whole process group (the workers too) stops them at
    their next photo, and the CLI exits 130 with one line. Ctrl-C hung for minutes before
    (the workers ran every chunk); SIGTERM killed the CLI at once and left its workers
    photographing for minutes (sent to the CLI alone, as `kill` does) or broke the pool
    ("training failed", sent to the group)."""
    import contextlib
    import os
    import signal
    import subprocess
    import sys
    import threading

    from tools.app_server import ROOT

    command = [sys.executable, "-m", "fashion_lab", "train", "--arch", "dense", "--simulated-photos", "1"]
    env = {**os.environ, "FASHION_LAB_MODELS": str(tmp_path / "models")}
    run = subprocess.Popen(  # make and CI start tests with Ctrl-C ignored: the run gets it back
        command,
        cwd=ROOT,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as in a terminal
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    said, photographing = [], threading.Event()

    def read() -> None:
        for line in run.stderr:
            said.append(line)
            if line.startswith("photographing"):
                photographing.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        assert photographing.wait(timeout=120), f"the run never began photographing: {''.join(said)}"
        started = soon(lambda: any("multiprocessing.spawn" in p for p in _in_session(run.pid)), 60)
        assert started, "no photo worker process started (one per core: 2+ needed)"
        os.killpg(run.pid, signal.SIGINT if stop == "ctrl-c" else signal.SIGTERM)
        try:  # the workers end at their next photo; all 60,000 take 6 minutes on 2 cores
            run.wait(timeout=180)
        except subprocess.TimeoutExpired:
            pytest.fail(f"{stop} did not end the run while photographing; it said: {''.join(said)}")
        reader.join(timeout=10)
        assert soon(lambda: not _in_session(run.pid), 15), f"{stop} left: {_in_session(run.pid)}"
    finally:
        with contextlib.suppress(ProcessLookupError):  # whatever is left of its group
            os.killpg(run.pid, signal.SIGKILL)
        run.wait()
    rest = "".join(said)
    assert run.returncode == 130, rest
    assert "stopped before training began: nothing saved" in rest
    assert not list((tmp_path / "models").glob("*/meta.json"))


def _in_session(session: int) -> list[str]:
    """The processes of the session ``session`` started, "pid args" each (zombies aside: an init
    that does not reap them is no fault of the run)."""
    import subprocess

    listed = subprocess.run(
        ["ps", "-s", str(session), "-o", "stat=,pid=,args="], capture_output=True, text=True
    )
    return [
        line.split(None, 1)[1] for line in listed.stdout.splitlines() if not line.lstrip().startswith("Z")
    ]
