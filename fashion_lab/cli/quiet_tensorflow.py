"""TensorFlow loaded only once a command has checked its input (an error is said at once, not after
the seconds TensorFlow takes), and loaded quietly: its C++ start-up notes ignore every log level."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager


@contextmanager
def native_stderr_silenced():
    """Hide file descriptor 2 for the block."""
    sys.stderr.flush()
    saved = os.dup(2)
    with open(os.devnull, "wb") as devnull:
        os.dup2(devnull.fileno(), 2)
    try:
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def load_tensorflow() -> None:
    """Import TensorFlow with its start-up notes hidden; call it before anything that uses it."""
    if "tensorflow" in sys.modules:
        return
    with native_stderr_silenced():
        import tensorflow  # noqa: F401
