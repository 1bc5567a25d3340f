"""Ctrl-C and SIGTERM while a run goes on: noted, never raised."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator

STOPS = (signal.SIGINT, signal.SIGTERM)


@contextlib.contextmanager
def stop_requests() -> Iterator[threading.Event]:
    """In the block, Ctrl-C and SIGTERM set the Event it gives instead of raising
    KeyboardInterrupt. Raised, one could land in the middle of the wait on the job (an Event's
    lock being taken back: "release unlocked lock", the stop never asked, a CLI that never
    ended), and a second Ctrl-C, raised while the run was stopping, ended the CLI before the run
    had saved what it learnt. Outside the main thread, where no handler can be set, the Event
    stays clear."""
    asked = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield asked
        return
    previous = [signal.signal(stop, lambda *_: asked.set()) for stop in STOPS]
    try:
        yield asked
    finally:
        for stop, handler in zip(STOPS, previous, strict=True):
            signal.signal(stop, signal.SIG_DFL if handler is None else handler)
