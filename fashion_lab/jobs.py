"""JobRegistry: bounds how many training jobs run at once and stops jobs whose owner is gone."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Protocol


class StoppableJob(Protocol):
    def start(self) -> object: ...
    def stop(self) -> None: ...
    @property
    def state(self): ...


class JobRegistry:
    """Process-wide: at most ``limit`` unfinished jobs; a watchdog stops orphaned ones.

    ``is_owner_alive(owner)`` tells whether whoever started a job (a browser session) is still
    there; a job whose owner has been gone for ``grace`` seconds is stopped.
    """

    def __init__(
        self,
        limit: int = 2,
        is_owner_alive: Callable[[str], bool] = lambda owner: True,
        grace: float = 10.0,
        poll: float = 1.0,
    ) -> None:
        if limit < 1:
            raise ValueError(f"the job limit must be >= 1, got {limit}")
        self.limit = limit
        self.grace = grace
        self.poll = poll
        self._is_owner_alive = is_owner_alive
        self._jobs: dict[StoppableJob, str] = {}
        self._gone_since: dict[StoppableJob, float] = {}
        self._lock = threading.Lock()
        self._watchdog: threading.Thread | None = None

    def active(self) -> int:
        """How many jobs hold a slot now."""
        with self._lock:
            self._forget_done()
            return len(self._jobs)

    def try_start(self, job: StoppableJob, owner: str) -> bool:
        """Start ``job`` if a slot is free; False (nothing started) when all are taken."""
        return self.try_start_all([job], owner)

    def try_start_all(self, jobs: list[StoppableJob], owner: str) -> bool:
        """Start every job of ``jobs`` if there is a slot for each, or none of them (False): one
        decision under the lock, so no other tab can take a slot between two of them."""
        with self._lock:
            self._forget_done()
            if len(self._jobs) + len(jobs) > self.limit:
                return False
            started = []
            try:
                for job in jobs:
                    self._jobs[job] = owner
                    job.start()
                    started.append(job)
            except BaseException:  # one could not start (no thread left?): none of them runs
                for job in jobs:
                    self._jobs.pop(job, None)
                for job in started:
                    job.stop()
                raise
            if self._watchdog is None or not self._watchdog.is_alive():
                self._watchdog = threading.Thread(target=self._watch, name="job-watchdog", daemon=True)
                self._watchdog.start()
            return True

    def _forget_done(self) -> None:
        for job in [j for j in self._jobs if j.state.done]:
            del self._jobs[job]
            self._gone_since.pop(job, None)

    def _watch(self) -> None:
        while True:
            time.sleep(self.poll)
            with self._lock:
                self._forget_done()
                if not self._jobs:
                    self._watchdog = None
                    return
                jobs = list(self._jobs.items())
            for job, owner in jobs:
                self._check_owner(job, owner)

    def _check_owner(self, job: StoppableJob, owner: str) -> None:
        if self._is_owner_alive(owner):
            self._gone_since.pop(job, None)
            return
        gone_since = self._gone_since.setdefault(job, time.monotonic())
        if time.monotonic() - gone_since >= self.grace:
            job.stop()
