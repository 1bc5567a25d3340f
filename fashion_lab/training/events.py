"""The Keras callback that fills a training job's event log (batch events throttled to the job's
report interval, one event per epoch) and stops the fit (the log: fashion_lab/training/job.py)."""

from __future__ import annotations

import time

import keras

from fashion_lab.training.progress import EPOCH_METRICS


class ReportingCallback(keras.callbacks.Callback):
    """Publishes batch and epoch events; turns a stop request into ``stop_training``."""

    async_safe = True  # on_train_batch_end only reads logs: Keras may keep dispatching async

    def __init__(self, job, steps_per_epoch: int) -> None:
        super().__init__()
        self.job = job
        self.steps_per_epoch = steps_per_epoch
        self.epoch = 0
        self.epoch_start = 0.0
        self.last_report = 0.0
        self.last_step = -1
        self.stopped_early = False

    def on_epoch_begin(self, epoch: int, logs: dict | None = None) -> None:
        self.epoch = epoch
        self.epoch_start = time.perf_counter()

    def on_train_batch_begin(self, batch: int, logs: dict | None = None) -> None:
        # Keras clears stop_training when fit starts, so it must be set from inside.
        if self.job.stop_requested:
            self.model.stop_training = True
            self.stopped_early = True

    def on_train_batch_end(self, batch: int, logs: dict | None = None) -> None:
        # Keras reports the end of a call of STEPS_PER_EXECUTION batches, unclipped at the epoch's end.
        batch = min(batch, self.steps_per_epoch - 1)
        self.last_step = batch
        now = time.perf_counter()
        last_batch = batch == self.steps_per_epoch - 1
        if (now - self.last_report < self.job.report_interval and not last_batch) or not logs:
            return  # throttled: converting tensors to floats is the costly part
        self.last_report = now
        self.job._log.add(
            "batch",
            epoch=self.epoch + 1,
            step=batch + 1,
            steps=self.steps_per_epoch,
            loss=float(logs["loss"]),
            accuracy=float(logs["accuracy"]),
            elapsed=now - self.job.started_at,
        )

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        logs = logs or {}
        self.job._log.add(
            "epoch",
            epoch=epoch + 1,
            partial=self.last_step < self.steps_per_epoch - 1,
            seconds=time.perf_counter() - self.epoch_start,
            elapsed=time.perf_counter() - self.job.started_at,
            **{k: float(v) for k, v in logs.items() if k in EPOCH_METRICS},
        )
