"""JobRegistry: a bounded number of training runs at once, a fair line for the others, and runs
whose owner is gone stopped (or taken out of the line). RunTimes: how long a run takes and how
long a run in line waits, the estimate behind "waiting: 3rd in line, about 40 s", learnt from the
runs this server has finished."""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from fashion_lab.i18n import _
from fashion_lab.models.registry import ARCHITECTURES
from fashion_lab.training.config import TrainingConfig
from fashion_lab.training.progress import summarize_events

MAX_JOBS = 2  # runs training at once on a server, unless settings.MAX_JOBS says otherwise
MAX_QUEUE = 20  # runs waiting in line, at most (settings.MAX_QUEUE)
ORPHAN_GRACE = 10.0  # seconds a run outlives its closed tab (settings.ORPHAN_GRACE)
TRAIN_IMAGES = 60_000
UNKNOWN_SECONDS_PER_IMAGE = 1.6e-4  # a name the registry does not know (a config checks it first)
SETUP_SECONDS = 3.0  # building the model, and the test evaluation at the end


class RunTimes:
    """Seconds a run of a config takes: a measured rate per architecture once one of its runs
    has finished here, the registry's rate until then."""

    def __init__(self) -> None:
        self._rates = {name: a.seconds_per_image for name, a in ARCHITECTURES.items()}
        self._lock = threading.Lock()

    def learn(self, architecture: str, images_trained: int, seconds: float) -> None:
        """Take a finished run's pace as this architecture's rate."""
        if images_trained > 0 and seconds > 0:
            with self._lock:
                self._rates[architecture] = seconds / images_trained

    def estimate(self, config: TrainingConfig) -> float:
        """Seconds a run of ``config`` takes, from its start to its saved outcome."""
        images = min(config.limit or TRAIN_IMAGES, TRAIN_IMAGES) * config.epochs
        with self._lock:
            rate = self._rates.get(config.architecture, UNKNOWN_SECONDS_PER_IMAGE)
        return SETUP_SECONDS + images * rate


def wait_before_start(remaining: list[float], line: list[list[float]], slots: int) -> float:
    """Seconds until the last entry of ``line`` starts, first come first served: ``remaining``,
    the seconds left of each running run; ``line``, the durations of each waiting entry's runs
    (a race's two together), oldest first. An entry starts when it has a free slot for each run."""
    slots = max(slots, 1)
    free_at = sorted(remaining)[max(0, len(remaining) - slots) :]  # when each slot frees
    free_at += [0.0] * (slots - len(free_at))
    start = 0.0
    for durations in line:
        free_at.sort()
        durations = durations[:slots]  # (the capacity shrank under a race: its slots, at least)
        start = max(start, free_at[len(durations) - 1])  # never before an entry ahead of it
        for slot, seconds in enumerate(durations):
            free_at[slot] = start + seconds
    return start


class JobRefused(RuntimeError):
    """Why runs cannot join the line; its message is for the person who pressed the button."""


@dataclass(frozen=True)
class Place:
    """Where a waiting run stands: ``position`` 1 starts next; ``wait``, the seconds, estimated."""

    position: int
    wait: float


@dataclass(eq=False)
class _Entry:
    jobs: list  # BaseJob-like runs started together: a race's two runners, one place, two slots
    owner: str


class JobRegistry:
    """Process-wide: at most ``limit`` runs train at once (a number, or a function giving the
    capacity now, as a Ray cluster's); the others wait in line, first come first served, at most
    ``max_queue`` of them, and start by themselves when slots free. One owner (a browser tab) holds
    at most one place in line. ``is_owner_alive(owner)`` tells whether the owner is still there:
    a run whose owner has been gone ``grace`` seconds is stopped, or leaves the line."""

    def __init__(
        self,
        limit: int | Callable[[], int] = MAX_JOBS,
        max_queue: int = MAX_QUEUE,
        is_owner_alive: Callable[[str], bool] = lambda owner: True,
        grace: float = ORPHAN_GRACE,
        poll: float = 0.5,
    ) -> None:
        if not callable(limit) and limit < 1:
            raise ValueError(f"the job limit must be >= 1, got {limit}")
        if max_queue < 0:
            raise ValueError(f"the line's bound must be >= 0, got {max_queue}")
        self._capacity = limit if callable(limit) else lambda: limit
        self.max_queue = max_queue
        self.grace = grace
        self.poll = poll
        self.times = RunTimes()
        self._is_owner_alive = is_owner_alive
        self._running: dict = {}  # job -> owner
        self._line: deque[_Entry] = deque()
        self._gone_since: dict = {}
        self._lock = threading.RLock()
        self._dispatcher: threading.Thread | None = None

    @property
    def limit(self) -> int:
        """How many runs may train at once now."""
        return max(1, int(self._capacity()))

    def active(self) -> int:
        """How many runs hold a slot now."""
        with self._lock:
            self._forget_done()
            return len(self._running)

    def waiting(self) -> int:
        """How many runs wait in line now."""
        with self._lock:
            self._forget_done()
            return sum(len(entry.jobs) for entry in self._line)

    def submit(self, jobs: list, owner: str) -> None:
        """Start ``jobs`` together now if there are slots for all and nobody waits, or put them
        in line as one entry; JobRefused (nothing queued) when that cannot be."""
        with self._lock:
            self._forget_done()
            limit, waiting = self.limit, sum(len(entry.jobs) for entry in self._line)
            if len(jobs) > limit:
                raise JobRefused(
                    _(
                        "These {count} runs start together, and this server trains at most {limit} at once."
                    ).format(count=len(jobs), limit=limit)
                )
            if any(entry.owner == owner for entry in self._line):
                raise JobRefused(_("This tab already has a run waiting in line: stop it to start another."))
            starts_now = not self._line and len(self._running) + len(jobs) <= limit
            if not starts_now and waiting + len(jobs) > self.max_queue:
                raise JobRefused(
                    _(
                        "The line is full: {waiting} runs already wait for a training slot (at most "
                        "{most}). Try again when some have finished."
                    ).format(waiting=waiting, most=self.max_queue)
                )
            entry = _Entry(list(jobs), owner)
            self._line.append(entry)
            failures = self._start_waiting()
            if entry in failures:
                raise failures[entry]
            if self._dispatcher is None or not self._dispatcher.is_alive():
                self._dispatcher = threading.Thread(target=self._dispatch, name="job-line", daemon=True)
                self._dispatcher.start()

    def place(self, job) -> Place | None:
        """Where ``job`` waits in line, or None when it is not waiting (started, ended, unknown)."""
        with self._lock:
            self._forget_done()
            ahead = []
            for position, entry in enumerate(self._line, start=1):
                ahead.append([self.times.estimate(j.config) for j in entry.jobs])
                if job in entry.jobs:
                    remaining = [self._remaining(running) for running in self._running]
                    return Place(position, wait_before_start(remaining, ahead, self.limit))
            return None

    def _remaining(self, job) -> float:
        progress = summarize_events(job.events(), job.config.epochs, job.elapsed())
        if progress.eta is not None:
            return progress.eta
        return max(0.0, self.times.estimate(job.config) - job.elapsed())

    def _start_waiting(self) -> dict:
        """Start entries from the head of the line while their slots are free; returns the
        entries that could not start, each with its error (their runs are cancelled, saying why)."""
        failures = {}
        while self._line:
            entry = self._line[0]
            jobs = [job for job in entry.jobs if not job.state.done]  # a cancelled run is left out
            if len(jobs) > self.limit:  # the capacity shrank under a race: it could never start
                self._line.popleft()
                for job in jobs:
                    job.cancel(
                        _("it needs {count} training slots at once, and the server has {limit} now").format(
                            count=len(jobs), limit=self.limit
                        )
                    )
                continue
            if jobs and len(self._running) + len(jobs) > self.limit:
                break
            self._line.popleft()
            started = []
            try:
                for job in jobs:
                    job.start()
                    started.append(job)
                    self._running[job] = entry.owner
            except Exception as error:  # noqa: BLE001 - one could not start (no thread left?): none runs
                for job in jobs:
                    job.cancel(
                        _("it could not start: {error}").format(error=error)
                    )  # a started one stops, and holds its slot till then
                failures[entry] = JobRefused(_("The run could not start: {error}").format(error=error))
        return failures

    def _forget_done(self) -> None:
        for job in [j for j in self._running if j.state.done]:
            del self._running[job]
            self._learn_pace(job)
        self._line = deque(e for e in self._line if not all(j.state.done for j in e.jobs))
        watched = set(self._running).union(*(e.jobs for e in self._line))
        self._gone_since = {job: since for job, since in self._gone_since.items() if job in watched}

    def _learn_pace(self, job) -> None:
        result = getattr(job, "result", None)
        if result is not None and not result.stopped:  # its whole time: a worker's start, the test
            seconds = max(job.elapsed() - SETUP_SECONDS, 0.0) or result.train_seconds
            self.times.learn(job.config.architecture, result.samples * result.epochs_completed, seconds)

    def _dispatch(self) -> None:
        while True:
            time.sleep(self.poll)
            try:
                with self._lock:
                    self._forget_done()
                    self._start_waiting()
                    if not self._running and not self._line:
                        self._dispatcher = None
                        return
                    for job, owner in list(self._running.items()):
                        self._check_owner(job, owner)
                    for entry in list(self._line):
                        for job in entry.jobs:
                            self._check_owner(job, entry.owner)
            except Exception:  # noqa: BLE001 - the line must keep moving; the next round retries
                logging.getLogger(__name__).exception("the training line's dispatcher")

    def _check_owner(self, job, owner: str) -> None:
        if self._is_owner_alive(owner):
            self._gone_since.pop(job, None)
            return
        gone_since = self._gone_since.setdefault(job, time.monotonic())
        if time.monotonic() - gone_since >= self.grace:
            job.stop()
