"""A stand-in training job for the JobRegistry's tests: no model, it runs until told otherwise."""

from __future__ import annotations

import threading
import time

from fashion_lab.training.config import TrainingConfig
from fashion_lab.training.in_process import JobState


class FakeJob:
    """Runs until stopped or finished; enough of a training job for the registry."""

    def __init__(self, config: TrainingConfig | None = None):
        self.config = config or TrainingConfig("dense", epochs=1, limit=3000)
        self.state = JobState.PENDING
        self.stopped = threading.Event()
        self.started_at = None

    def start(self):
        self.state, self.started_at = JobState.RUNNING, time.monotonic()
        return self

    def stop(self):
        self.cancel("stopped while it waited in line")

    def cancel(self, reason):
        self.stopped.set()
        self.reason = reason
        self.state = JobState.STOPPED if self.state is JobState.RUNNING else JobState.CANCELLED

    def finish(self):
        self.state = JobState.FINISHED

    def events(self, since=0):
        return []

    def elapsed(self):
        return 0.0
