"""TrainingJob: Keras ``fit`` in a thread of this process that publishes events and can be stopped
(fashion_lab/training/job.py: what every job is to its readers; fashion_lab/training/ray_jobs.py: on Ray).

The job never touches a UI. Readers (the app's live feed and pages, the CLI progress bar) poll
``job.events()`` for a copy of what happened so far.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import keras
import numpy as np

from fashion_lab.analysis.evaluation import evaluate_model
from fashion_lab.data.batches import training_batches
from fashion_lab.data.fashion_mnist import Dataset
from fashion_lab.i18n import _
from fashion_lab.models.first_layer import probe_indices
from fashion_lab.models.number_format import FLOAT32, dtype_policy, resolve_precision
from fashion_lab.models.registry import build_model, is_convolutional
from fashion_lab.training.config import TrainingConfig
from fashion_lab.training.events import ReportingCallback
from fashion_lab.training.job import (  # noqa: F401 - JobState for importers
    NOT_BEGUN,
    BaseJob,
    JobState,
    RunCancelled,
    TrainingResult,
)
from fashion_lab.training.snapshots import LearningRecorder

VALIDATION_BATCH_SIZE = 250  # as fast as 1000, a quarter of the memory (see PREDICT_BATCH_SIZE)
# Batches per call into TensorFlow: one Python round trip per 16 batches instead of per batch
# (the CNN epoch 5.1 s -> 3.3 s on 2 cores). Batch events and stop checks come every 16 batches.
STEPS_PER_EXECUTION = 16
_SEED_LOCK = threading.Lock()  # Keras seeds are process-wide: seed and build one model at a time


def compile_model(
    model: keras.Model, learning_rate: float, schedule: str = "constant", total_steps: int = 1
) -> keras.Model:
    """Adam and sparse categorical cross-entropy, as in the classic code; optional cosine decay."""
    if schedule == "cosine":
        learning_rate = keras.optimizers.schedules.CosineDecay(learning_rate, decay_steps=total_steps)
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
        steps_per_execution=STEPS_PER_EXECUTION,
    )
    return model


def _input_batches(images: np.ndarray, labels: np.ndarray, cfg: TrainingConfig):
    if cfg.augment:
        from fashion_lab.data.batches import augmented_dataset

        return augmented_dataset(images, labels, cfg.batch_size, cfg.seed)
    return training_batches(images, labels, cfg.batch_size, cfg.seed).prefetch(2)


def _float32_twin(model: keras.Model, architecture: str) -> keras.Model:
    """The same weights in a float32 model: what is evaluated, stored and used for predictions."""
    twin = build_model(architecture)
    twin.set_weights(model.get_weights())  # mixed precision keeps its weights in float32
    return twin


def select_subset(count: int, limit: int | None, seed: int) -> np.ndarray:
    """Indices of a seeded random subset of ``limit`` out of ``count`` items (all if None)."""
    if limit is None or limit >= count:
        return np.arange(count)
    return np.sort(np.random.default_rng(seed).choice(count, size=limit, replace=False))


class TrainingJob(BaseJob):
    """One training run in this process. ``start()`` runs it in a daemon thread, ``run()`` in the caller's."""

    def __init__(
        self,
        config: TrainingConfig,
        dataset: Dataset | None = None,
        report_interval: float = 0.2,
        save: Callable[[TrainingJob], str] | None = None,
        start_weights: list | None = None,
        record_learning: bool = True,
    ) -> None:
        """``save`` is called in the worker with the trained job and returns the saved name;
        ``record_learning``: keep the snapshots that replay the run (off only to measure their cost)."""
        super().__init__(config, report_interval, save, dataset, start_weights)
        self.record_learning = record_learning

    @property
    def precision(self) -> str:
        """The dtype policy this run trains in (its models are stored and used in float32)."""
        return resolve_precision(self.config.precision, is_convolutional(self.config.architecture))

    def build_seeded_model(self, total_steps: int) -> keras.Model:
        """The run's model, compiled, its weights drawn from the config's seed (or the stored
        model's it starts from)."""
        cfg = self.config
        with _SEED_LOCK, dtype_policy(self.precision):
            keras.utils.set_random_seed(cfg.seed)
            model = build_model(cfg.architecture)
            if self.start_weights is not None:
                model.set_weights(self.start_weights)
            return compile_model(model, cfg.learning_rate, cfg.schedule, total_steps)

    def _train(self) -> TrainingResult:
        cfg = self.config
        data = self.dataset
        x, y = data.train_images, data.train_labels  # all of them: the dataset's arrays, no 47 MB copy
        if cfg.limit is not None and cfg.limit < len(x):
            subset = select_subset(len(x), cfg.limit, cfg.seed)
            x, y = x[subset], y[subset]
        if cfg.simulated_photos:
            from fashion_lab.images.photo_simulation import PhotographingStopped, with_simulated_photos

            self._log.add("simulating photos", images=round(cfg.simulated_photos * len(x)))
            try:
                x, y = with_simulated_photos(
                    x, y, cfg.simulated_photos, cfg.seed, lambda: self.stop_requested, cfg.footwear_from_above
                )
            except PhotographingStopped as stopped:
                raise RunCancelled(str(stopped)) from stopped
        if cfg.drawings:
            from fashion_lab.images.drawing_simulation import with_drawn_garments

            self._log.add("drawing garments", images=round(cfg.drawings * len(x)))
            x, y = with_drawn_garments(x, y, cfg.drawings, cfg.seed)
        if cfg.sketches:
            from fashion_lab.sketches.training import SketchingStopped, with_sketches

            self._log.add("sketching garments", sketches=cfg.sketches)
            try:
                x, y = with_sketches(x, y, cfg.sketches, cfg.seed, lambda: self.stop_requested)
            except SketchingStopped as stopped:
                raise RunCancelled(str(stopped)) from stopped
        if cfg.real_photos:
            from fashion_lab.data.photo_cutouts import with_real_photos

            self._log.add("adding real photos", repeats=cfg.real_photos)
            x, y = with_real_photos(x, y, cfg.real_photos, cfg.seed)
        steps = -(-len(x) // cfg.batch_size)
        self.model = self.build_seeded_model(steps * cfg.epochs)
        if self.stop_requested:
            raise RunCancelled(_(NOT_BEGUN))
        self._log.add("started", epochs=cfg.epochs, steps=steps, samples=len(x))
        callback = ReportingCallback(self, steps)
        probes = data.test_images[probe_indices(data.test_labels)]
        publish = lambda picture: self._log.add("snapshot", **picture)  # noqa: E731 - the live panel's
        recorder = LearningRecorder(cfg.architecture, steps, cfg.epochs, probes, publish)
        callbacks = [callback, recorder] if self.record_learning else [callback]
        begin = time.perf_counter()
        fit = self.model.fit(
            _input_batches(x, y, cfg),
            shuffle=False,  # the batches come shuffled, in a new order every epoch
            epochs=cfg.epochs,
            validation_data=(data.test_images, data.test_labels),
            validation_batch_size=VALIDATION_BATCH_SIZE,
            callbacks=callbacks,
            verbose=0,
        )
        history = {k: [float(v) for v in vals] for k, vals in fit.history.items()}
        seconds = time.perf_counter() - begin
        if self.precision != FLOAT32:
            self.model = _float32_twin(self.model, cfg.architecture)
        evaluation = evaluate_model(self.model, data)
        epochs_done = len(history.get("loss", []))
        return TrainingResult(
            history=history,
            epochs_completed=epochs_done,
            test_accuracy=evaluation.accuracy,
            test_loss=evaluation.loss,
            confusion=evaluation.confusion.tolist(),
            train_seconds=seconds,
            samples=len(x),
            stopped=callback.stopped_early or epochs_done == 0,
            learning=recorder.arrays() if self.record_learning else None,
        )
