"""Reading a file of the store without trusting it: a regular file of ours, read once, bounded.

A named pipe in an entry's folder blocked the listing for ever (open() waits for a writer); a
symbolic link could point anywhere; a file could change between a size check and the read.
Opening without following links and without blocking, then checking and reading that same
descriptor, closes all three.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class UnreadableFile(ValueError):
    """The file cannot be used; the message says why, for the user."""


def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of the regular file ``path``, if it holds at most ``limit``."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
    except FileNotFoundError:
        raise UnreadableFile(f"{path.name} is missing") from None
    except OSError as error:
        link = path.is_symlink()
        why = "is a symbolic link: the store reads only its own files" if link else "is unreadable"
        raise UnreadableFile(f"{path.name} {why} ({error.strerror or error})") from None
    with os.fdopen(descriptor, "rb") as handle:
        status = os.fstat(handle.fileno())
        if not stat.S_ISREG(status.st_mode):
            raise UnreadableFile(f"{path.name} is not a regular file")
        if status.st_size > limit:
            size, most = status.st_size / 1e6, limit / 1e6
            raise UnreadableFile(f"{path.name} takes {size:,.1f} MB; there is room for {most:,.1f} MB")
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise UnreadableFile(f"{path.name} grew while it was read")
    return data
