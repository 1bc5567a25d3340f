"""The folder a server serves its live panels from: the panel's page and every tab's feed.

Private to the server's user (0700, files 0600: the feeds' random names are their only guard
against other tabs, not against other users of the machine), named after the server's process,
removed when the server exits; one left by a server that was killed (SIGKILL runs no exit
handler) is removed when the next server starts. (Servers in separate PID namespaces that share
one /tmp would see each other as gone: give each its own TMPDIR.)
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import tempfile
from pathlib import Path

FRONTEND = Path(__file__).parent / "live_frontend"
PREFIX = "fashion-lab-live-"
_OURS = re.compile(rf"{PREFIX}(\d+)-[A-Za-z0-9_]+")  # fashion-lab-live-<server pid>-<random>


def create_served_folder() -> Path:
    """A new private folder holding the panel's page; removed at exit."""
    remove_stale_folders()
    folder = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-"))  # 0700
    shutil.copytree(FRONTEND, folder, dirs_exist_ok=True)  # copies the sources' modes, 0755 / 0644
    for path in [folder, *folder.rglob("*")]:
        path.chmod(0o700 if path.is_dir() else 0o600)
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def write_private(path: Path, text: str) -> None:
    """Write ``text`` to a file that only this user can read."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)


def remove_stale_folders(parent: Path | None = None) -> list[Path]:
    """Remove the folders of ours under ``parent`` (the temp folder) whose server is gone: named
    by this scheme, real folders owned by this user, their process no longer running."""
    parent = Path(parent or tempfile.gettempdir())
    removed = []
    for path in parent.glob(f"{PREFIX}*"):
        match = _OURS.fullmatch(path.name)
        try:
            ours = match and not path.is_symlink() and path.is_dir() and path.stat().st_uid == os.getuid()
        except OSError:  # another server starting at the same moment removed it first
            continue
        if ours and not _process_exists(int(match.group(1))):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def _process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True
