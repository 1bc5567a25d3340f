"""What the model store keeps about a training run, and the save hook that writes it
(model_store/meta_checks.py is what the store checks when it reads it back)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import keras
import numpy as np

from fashion_lab.training.in_process import TrainingJob


def library_versions() -> dict[str, str]:
    """Versions that decide whether a stored model can be reproduced."""
    import platform

    import tensorflow as tf

    return {
        "python": platform.python_version(),
        "tensorflow": tf.__version__,
        "keras": keras.__version__,
        "numpy": np.__version__,
    }


def default_model_name(job: TrainingJob, when: datetime | None = None) -> str:
    """A readable store name: architecture, the epochs it trained, time (``cnn-5ep-20261127-181530``);
    a stopped run says so and counts the epochs it completed (``cnn-3ep-stopped-...``, not 20)."""
    when, result = when or datetime.now(), job.result
    run = f"{result.epochs_completed}ep-stopped" if result.stopped else f"{job.config.epochs}ep"
    return f"{job.config.architecture}-{run}-{when:%Y%m%d-%H%M%S}"


def store_saver(store, name: str | None = None) -> Callable[[TrainingJob], str]:
    """A ``save`` hook for TrainingJob: store the model under ``name`` (or a default), unique."""

    def save(job: TrainingJob) -> str:
        base = name or default_model_name(job)
        return store.save_unique(base, job.model, run_metadata(job), learning=job.result.learning).name

    return save


def run_metadata(job: TrainingJob) -> dict[str, Any]:
    """Everything the store keeps about a finished or stopped job."""
    if job.result is None or job.model is None:
        raise ValueError("the job has no result to describe (did it fail?)")
    result = job.result
    data = job.dataset
    return {
        "architecture": job.config.architecture,
        "config": job.config.to_dict(),
        "params": int(job.model.count_params()),
        "precision": job.precision,  # the dtype policy of training; stored weights are float32
        "epochs_completed": result.epochs_completed,
        "stopped": result.stopped,
        "samples": result.samples,
        "history": result.history,
        "test_accuracy": result.test_accuracy,
        "test_loss": result.test_loss,
        "confusion": result.confusion,
        "train_seconds": round(result.train_seconds, 3),
        "versions": library_versions(),
        "dataset_checksum": data.checksum,
    }
