"""Shared fixtures: the dataset (a clear failure when missing), small trained models, a temp store."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from fashion_lab.data.fashion_mnist import DatasetError, load_dataset
from fashion_lab.models.stored import open_store
from fashion_lab.training.in_process import TrainingConfig, TrainingJob
from model_store import ModelStore
from tools.app_server import CHROMIUM_ARGS, chromium_path

ROOT = Path(__file__).resolve().parents[1]
# The tests read English texts, whatever this machine speaks: the CLIs they start read LANGUAGE
# first (fashion_lab.i18n), and a test that wants Korean says so itself.
os.environ["LANGUAGE"] = "en"
SUBSET = 3000  # tests train on a small subset for one epoch: fast, and well above chance

# `make test` runs the suite in two pytest-xdist workers (`-n 2 --dist loadfile`): it waits on
# servers, browsers and Ray more than it computes. A module's tests stay together on one worker
# (its module-scoped servers start once), and the longest modules (1-4 minutes each) start first,
# so that the two workers finish together; the two Ray modules four apart, so that they rarely
# overlap. (xdist's `loadgroup` would keep them on one worker, but its groups do nothing under
# pytest 9.2: every test became its own group.)
LONGEST_FIRST = ("test_ray_training", "test_browser_train", "test_browser_room", "test_photo_simulation")
LONGEST_FIRST += ("test_ray_cluster", "test_cli", "test_browser_classify", "test_browser_compare")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank = {module: number for number, module in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.module.__name__, len(rank)))


@pytest.fixture(scope="session", autouse=True)
def no_bundled_models(tmp_path_factory):
    """Tests, and the servers they start, see only the models they save, unless they ask for the
    bundled ones (model_store/bundled) by path."""
    previous = os.environ.get("FASHION_LAB_BUNDLED")
    os.environ["FASHION_LAB_BUNDLED"] = str(tmp_path_factory.mktemp("no-bundled-models"))
    yield
    if previous is None:
        del os.environ["FASHION_LAB_BUNDLED"]
    else:
        os.environ["FASHION_LAB_BUNDLED"] = previous


@pytest.fixture(scope="session")
def dataset():
    try:
        return load_dataset()
    except DatasetError as error:
        pytest.fail(f"these tests need Fashion-MNIST ({error}); `make test` installs it", pytrace=False)


def train_small(architecture: str, dataset, report_interval: float = 0.2, **overrides) -> TrainingJob:
    """A finished one-epoch job on SUBSET training images."""
    settings = {"architecture": architecture, "epochs": 1, "limit": SUBSET, **overrides}
    job = TrainingJob(TrainingConfig(**settings), dataset=dataset, report_interval=report_interval)
    job.run()
    assert job.error is None, job.error
    return job


@pytest.fixture(scope="session")
def small_jobs(dataset) -> dict[str, TrainingJob]:
    return {name: train_small(name, dataset) for name in ("dense", "cnn")}


@pytest.fixture
def store(tmp_path, monkeypatch) -> ModelStore:
    """An empty store in a temp folder, also the default for code that builds its own."""
    monkeypatch.setenv("FASHION_LAB_MODELS", str(tmp_path / "models"))
    return open_store(tmp_path / "models")


@pytest.fixture(scope="session")
def browser_type_launch_args():
    """pytest-playwright launches Debian's Chromium, never a downloaded browser."""
    try:
        return {"executable_path": chromium_path(), "args": CHROMIUM_ARGS}
    except RuntimeError as error:
        pytest.fail(str(error), pytrace=False)


def run_python(code: str, env: dict[str, str] | None = None) -> str:
    """Run ``code`` in a fresh interpreter at the repository root (what gets imported is then
    the code's own doing), with ``env`` added to the environment; the test fails with its error
    output if it fails. Returns what it printed."""
    command, environment = [sys.executable, "-c", code], {**os.environ, **(env or {})}
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=environment)
    assert done.returncode == 0, done.stderr[-4000:]
    return done.stdout


@pytest.fixture(scope="module")
def postgres():
    """A real PostgreSQL for the room's database tests, started for the module, gone after it."""
    from tools.postgres_server import postgres_server

    with postgres_server() as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def where(request, tmp_path):
    """Where a fresh room database lives: a SQLite file, or a new database on the PostgreSQL."""
    from tools.postgres_server import new_database

    if request.param == "sqlite":
        return tmp_path / "room.sqlite3"
    return new_database(request.getfixturevalue("postgres"), f"room_{uuid.uuid4().hex}")
