"""Waiting in tests for something another process or thread does."""

from __future__ import annotations

import time
from collections.abc import Callable


def soon(condition: Callable[[], object], seconds: float = 30, every: float = 0.2) -> bool:
    """Whether ``condition()`` holds within ``seconds``, asked every ``every`` seconds."""
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(every)
    return bool(condition())
