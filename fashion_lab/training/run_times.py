"""How long a training run takes and how long a run in line waits: the estimate behind
"waiting: 3rd in line, about 40 s". Learnt from the runs this server has finished."""

from __future__ import annotations

import threading

from fashion_lab.training.config import TrainingConfig

TRAIN_IMAGES = 60_000
# Seconds per training image per epoch, validation included, measured on 2 shared cores
# (README, Performance: the CNN's epoch 3.7 s, the dense network's about 1.1 s).
DEFAULT_SECONDS_PER_IMAGE = {"dense": 2.0e-5, "cnn": 6.5e-5, "cnn_deep": 1.6e-4}
UNKNOWN_SECONDS_PER_IMAGE = 1.6e-4
SETUP_SECONDS = 3.0  # building the model, and the test evaluation at the end


class RunTimes:
    """Seconds a run of a config takes: a measured rate per architecture once one of its runs
    has finished here, the built-in rate until then."""

    def __init__(self) -> None:
        self._rates = dict(DEFAULT_SECONDS_PER_IMAGE)
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
