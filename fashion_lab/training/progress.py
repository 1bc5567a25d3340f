"""A training job's events turned into what a progress display needs (no TensorFlow here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fashion_lab.i18n import _

SMOOTHING = 0.8  # default weight of the past in the moving average of reported batch losses
EPOCH_METRICS = ("loss", "accuracy", "val_loss", "val_accuracy")


@dataclass
class TrainingProgress:
    """Where a run stands, and its curves as tidy rows ready for charting."""

    epochs: int
    epoch: int = 0  # the epoch in progress (1-based), 0 before the first batch
    step: int = 0
    steps: int = 0
    fraction: float = 0.0  # of all batches of all epochs
    elapsed: float = 0.0
    eta: float | None = None  # seconds left, once there is a rate to go by
    outcome: str | None = None  # "finished", "stopped", "failed" or "cancelled" once it has ended
    batch_rows: list[dict[str, float]] = field(default_factory=list)  # position, loss, smoothed
    epoch_rows: list[dict[str, Any]] = field(default_factory=list)  # one per epoch, all metrics
    final: dict[str, Any] = field(default_factory=dict)  # the last event when the job has ended

    @property
    def done(self) -> bool:
        return self.outcome is not None


def summarize_events(
    events: list[dict[str, Any]], epochs: int, elapsed: float, smoothing: float = SMOOTHING
) -> TrainingProgress:
    """Fold a job's events (oldest first) into a TrainingProgress."""
    progress = TrainingProgress(epochs=epochs, elapsed=elapsed)
    smoothed = None
    for event in events:
        kind = event["kind"]
        if kind == "started":
            progress.steps = event["steps"]
        elif kind == "batch":
            progress.epoch, progress.step, progress.steps = event["epoch"], event["step"], event["steps"]
            loss = event["loss"]
            smoothed = loss if smoothed is None else smoothing * smoothed + (1 - smoothing) * loss
            position = event["epoch"] - 1 + event["step"] / event["steps"]
            progress.batch_rows.append({"position": position, "loss": loss, "smoothed": smoothed})
        elif kind == "epoch":
            row = {"epoch": event["epoch"], "seconds": event["seconds"], "partial": event["partial"]}
            progress.epoch_rows.append(row | {m: event.get(m) for m in EPOCH_METRICS})
        elif kind in ("finished", "stopped", "failed", "cancelled"):
            progress.outcome, progress.final = kind, event
    if progress.steps and progress.epoch:
        progress.fraction = min(1.0, (progress.epoch - 1 + progress.step / progress.steps) / epochs)
    if progress.outcome == "finished":
        progress.fraction = 1.0
    if 0 < progress.fraction < 1 and not progress.done:
        progress.eta = elapsed * (1 - progress.fraction) / progress.fraction
    return progress


def format_duration(seconds: float) -> str:
    """``m:ss`` (or ``h:mm:ss``) for a progress line."""
    seconds = max(0, round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def describe_place(position: int, wait: float) -> str:
    """A waiting run's line: ``waiting: 3rd in line, about 40 s``."""
    about = (
        _("{seconds} s").format(seconds=round(wait / 5) * 5 or 5)
        if wait < 90
        else _("{minutes} min").format(minutes=round(wait / 60))
    )
    ordinal = 0 if 10 <= position % 100 <= 20 else position % 10  # English: 1st, 2nd, 3rd, 4th... 11th
    line = {
        1: _("waiting: {position}st in line, about {wait}"),
        2: _("waiting: {position}nd in line, about {wait}"),
        3: _("waiting: {position}rd in line, about {wait}"),
    }.get(ordinal, _("waiting: {position}th in line, about {wait}"))
    return line.format(position=position, wait=about)


def job_progress(job, smoothing: float = SMOOTHING) -> TrainingProgress:
    """Where ``job`` (a TrainingJob) stands now: the one way every view summarises a run."""
    return summarize_events(job.events(), job.config.epochs, job.elapsed(), smoothing)
