"""What every training job is to its readers, wherever it trains (this process or a Ray worker):
its state, its events, stop, and the outcome it saves. Subclasses say how to train."""

from __future__ import annotations

import gc
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from fashion_lab.data.fashion_mnist import Dataset, load_dataset
from fashion_lab.i18n import N_, _
from fashion_lab.models.registry import weight_shapes
from fashion_lab.training.config import TrainingConfig


@dataclass
class EventLog:
    """What a job has published so far, appended by its worker and copied by any reader."""

    events: list[dict[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, **values: Any) -> None:
        with self.lock:
            self.events.append({"kind": kind, **values})

    def copy(self, since: int) -> list[dict[str, Any]]:
        with self.lock:
            return list(self.events[since:])


class JobState(StrEnum):
    PENDING = "pending"  # created; waiting in line if a registry holds it
    RUNNING = "running"
    FINISHED = "finished"
    STOPPED = "stopped"
    FAILED = "failed"
    CANCELLED = "cancelled"  # stopped before it started: it never trained

    @property
    def done(self) -> bool:
        return self not in (JobState.PENDING, JobState.RUNNING)


class RunCancelled(Exception):
    """Raised by ``_train`` when the run ends before it trained at all; the message says why."""


# A run's thread has no page to ask for its language: the reason is English there, and a page
# shows it as _(reason).
NOT_BEGUN = N_("stopped before it began to train")


@dataclass
class TrainingResult:
    """What a finished or stopped run produced, ready for the model store."""

    history: dict[str, list[float]]
    epochs_completed: int
    test_accuracy: float
    test_loss: float
    confusion: list[list[int]]  # rows: true class, columns: predicted class
    train_seconds: float
    samples: int
    stopped: bool
    learning: dict[str, Any] | None = None  # the replay's snapshots (fashion_lab/training/snapshots.py)


class BaseJob:
    """One training run. ``start()`` runs it in a daemon thread, ``run()`` in the caller's;
    ``_train()`` (a subclass's) does the training, sets ``self.model`` and returns the result."""

    def __init__(
        self,
        config: TrainingConfig,
        report_interval: float = 0.2,
        save: Callable[[BaseJob], str] | None = None,
        dataset: Dataset | None = None,
        start_weights: list | None = None,
    ) -> None:
        """``save`` is called with the trained job (in its thread) and returns the saved name;
        ``start_weights``: the weights of the stored model ``config.init_from`` names."""
        config.validate()
        if (config.init_from is None) != (start_weights is None):
            raise ValueError("a run starts from weights exactly when its config names their model")
        shapes = None if start_weights is None else [w.shape for w in start_weights]
        if shapes is not None and shapes != weight_shapes(config.architecture):
            raise ValueError(
                _("the weights of {model} do not fit a {architecture}").format(
                    model=repr(config.init_from), architecture=config.architecture
                )
            )
        self.config = config
        self.start_weights = start_weights
        self._dataset = dataset
        self.report_interval = report_interval
        self.model = None
        self.result: TrainingResult | None = None
        self.error: str | None = None
        self.saved_as: str | None = None
        self.save_error: str | None = None
        self.started_at = 0.0
        self.finished_at: float | None = None
        self._save = save
        self._state = JobState.PENDING
        self._stop = threading.Event()
        self._log = EventLog()
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()  # a Stop and a start never cross
        self._done = threading.Event()

    @property
    def state(self) -> JobState:
        return self._state

    @property
    def dataset(self) -> Dataset:
        """The data this job trains and validates on."""
        return self._dataset or load_dataset()

    @property
    def stop_requested(self) -> bool:
        return self._stop.is_set()

    def events(self, since: int = 0) -> list[dict[str, Any]]:
        """A copy of the events published so far (from index ``since``)."""
        return self._log.copy(since)

    def start(self) -> BaseJob:
        """Run the job in a daemon thread; returns at once. A cancelled job stays cancelled."""
        with self._start_lock:
            if self._thread is not None:
                raise RuntimeError("this job has already been started")
            if self._state is JobState.CANCELLED:
                return self
            self._thread = threading.Thread(target=self.run, name="training-job", daemon=True)
            self._thread.start()
        return self

    def stop(self) -> None:
        """Ask the run to end after the current batch (and its validation pass); a job that has
        not started yet (waiting in line) is cancelled at once and never starts."""
        self.cancel(N_("stopped while it waited in line"))  # English kept; the page says it in its own

    def cancel(self, reason: str) -> None:
        """Stop the job, saying ``reason`` if it had not started yet (then it never will)."""
        with self._start_lock:
            self._stop.set()
            if self._thread is None and self._state is JobState.PENDING:
                self._end_unstarted(reason)

    def _end_unstarted(self, reason: str) -> None:
        self._log.add("cancelled", reason=reason)
        self._state = JobState.CANCELLED
        self._done.set()

    def join(self, timeout: float | None = None) -> bool:
        """Wait until the job is done (waiting in line included); True if it is."""
        self._done.wait(timeout)
        return self._state.done

    def elapsed(self) -> float:
        """Seconds since the run began (until it ended, once done)."""
        if not self.started_at:
            return 0.0
        return (self.finished_at or time.perf_counter()) - self.started_at

    def run(self) -> None:
        """Train, evaluate on the test set, save, and publish the outcome. Never raises. A run
        stopped before it trained anything (Stop pressed as it left the line) saves nothing."""
        if self._state is not JobState.PENDING:  # cancelled (or run before): it never runs again
            return
        self._state = JobState.RUNNING
        self.started_at = time.perf_counter()
        try:
            if self.stop_requested:
                raise RunCancelled(_(NOT_BEGUN))
            self.result = self._train()
            if self.result.epochs_completed == 0:
                raise RunCancelled(_(NOT_BEGUN))
        except RunCancelled as cancelled:
            self._log.add("cancelled", reason=str(cancelled))
            self._finish(JobState.CANCELLED)
            return
        except Exception as error:  # noqa: BLE001 - a worker thread must report, not die
            self.error = self.error or f"{type(error).__name__}: {error}"
            self._log.add("failed", error=self.error, traceback=traceback.format_exc())
            self._finish(JobState.FAILED)
            return
        if self._save is not None:
            try:
                self.saved_as = self._save(self)
            except Exception as error:  # noqa: BLE001 - the run itself succeeded: report, go on
                self.save_error = f"{type(error).__name__}: {error}"
        self._log.add(
            "stopped" if self.result.stopped else "finished",
            test_accuracy=self.result.test_accuracy,
            epochs_completed=self.result.epochs_completed,
            seconds=self.result.train_seconds,
            saved_as=self.saved_as,
            save_error=self.save_error,
        )
        self._finish(JobState.STOPPED if self.result.stopped else JobState.FINISHED)

    def _train(self) -> TrainingResult:
        raise NotImplementedError

    def _finish(self, state: JobState) -> None:
        self.finished_at = time.perf_counter()
        self._state = state
        self._done.set()  # first: the outcome is shown without waiting for the collection below
        # The training model, its optimizer and its input pipeline (a copy of the images) are
        # held in reference cycles, freed only by a full collection, which a busy server runs
        # rarely: without this the app grew by 70-100 MB with each CNN run (measured). It took
        # up to 1.4 s after a stopped first run in a fresh server, which Stop's outcome waited for.
        gc.collect()
