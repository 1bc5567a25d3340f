"""Every FASHION_* environment variable: its name, default and meaning, read and checked here and
nowhere else. A value that is wrong is one SettingError naming the variable; a value that could
hold a secret (the database URL) is never repeated in a message.

``python -m fashion_lab.settings`` prints a line for each bad value and exits 1 when there is one
(``make run`` calls it before starting the app). The README's settings table is checked against
SETTINGS by a test."""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fashion_lab.i18n import _

POSTGRES_SCHEMES = ("postgresql://", "postgres://")
RAY_ADDRESSES = ("local", "auto")  # or ray://host:port


class SettingError(ValueError):
    """A FASHION_* variable holds a value it cannot take; the message names the variable."""


@dataclass(frozen=True)
class Setting:
    """One variable: ``default`` and ``meaning`` as the README's table says them; ``parse`` turns
    a set, non-empty value into what the code uses, or raises SettingError."""

    name: str
    default: str
    meaning: str
    parse: Callable[[str, str], Any]
    secret: bool = False

    def value(self, fallback: Any = None) -> Any:
        """The parsed value, or ``fallback`` when the variable is unset or blank."""
        raw = os.environ.get(self.name, "").strip()
        return self.parse(self.name, raw) if raw else fallback


def _folder(name: str, raw: str) -> Path:
    return Path(raw).expanduser()


def _whole(low: int, high: int) -> Callable[[str, str], int]:
    def parse(name: str, raw: str) -> int:
        if not raw.isdigit() or not low <= int(raw) <= high:
            raise SettingError(
                _("{name} must be a whole number from {low} to {high}, not {value}").format(
                    name=name, low=low, high=high, value=repr(raw[:20])
                )
            )
        return int(raw)

    return parse


def _seconds(high: float) -> Callable[[str, str], float]:
    def parse(name: str, raw: str) -> float:
        try:
            seconds = float(raw)
        except ValueError:
            seconds = math.nan
        if not math.isfinite(seconds) or not 0 <= seconds <= high:
            raise SettingError(
                _("{name} must be a number of seconds from 0 to {high}, not {value}").format(
                    name=name, high=f"{high:g}", value=repr(raw[:20])
                )
            )
        return seconds

    return parse


def _database_url(name: str, raw: str) -> str:
    if not raw.startswith(POSTGRES_SCHEMES):
        raise SettingError(
            _("{name} must be a postgresql:// URL (unset: SQLite in the data folder)").format(name=name)
        )
    return raw


def _public_url(name: str, raw: str) -> str:
    if not raw.startswith(("http://", "https://")) or any(c.isspace() for c in raw):
        raise SettingError(
            _("{name} must be an http:// or https:// address, not {value}").format(
                name=name, value=repr(raw[:60])
            )
        )
    return raw.rstrip("/")


def _ray_address(name: str, raw: str) -> str:
    if raw not in RAY_ADDRESSES and not raw.startswith("ray://"):
        raise SettingError(
            _("{name} must be 'local', 'auto' or 'ray://host:port', not {value}").format(
                name=name, value=repr(raw[:60])
            )
        )
    return raw


DATASET_DIR = Setting(
    "FASHION_MNIST_DIR",
    "Debian's /usr/share/datasets/fashion-mnist, then Keras's cache",
    "a folder holding Fashion-MNIST's four original .gz files, searched first",
    _folder,
)
MODELS = Setting("FASHION_LAB_MODELS", "model_store/saved", "where trained models are stored", _folder)
BUNDLED = Setting(
    "FASHION_LAB_BUNDLED",
    "model_store/bundled",
    "the bundled models' folder (tests point it elsewhere)",
    _folder,
)
DATA = Setting(
    "FASHION_LAB_DATA",
    ".fashion-lab-data",
    "the room's SQLite database and the presenter key",
    _folder,
)
DATABASE_URL = Setting(
    "FASHION_LAB_DATABASE_URL",
    "unset: SQLite in the data folder",
    "a postgresql:// URL shared by several app servers for the room and Guess 10",
    _database_url,
    secret=True,
)
PUBLIC_URL = Setting(
    "FASHION_LAB_PUBLIC_URL",
    "the address the presenter's browser uses",
    "the address phones join at (the room's QR code), e.g. http://192.168.1.20:8501",
    _public_url,
)
ROOM_RATE_LIMIT = Setting(
    "FASHION_LAB_ROOM_RATE_LIMIT", "10", "drawings one phone may send a minute (1 to 1000)", _whole(1, 1000)
)
ROOM_ADDRESS_LIMIT = Setting(
    "FASHION_LAB_ROOM_ADDRESS_LIMIT",
    "120",
    "drawings one source address may send a minute, its phones together (1 to 100000)",
    _whole(1, 100_000),
)
MAX_MODELS = Setting(
    "FASHION_LAB_MAX_MODELS",
    "200",
    "models the store keeps at most; a run that ends when it is full is not saved (1 to 100000)",
    _whole(1, 100_000),
)
MAX_JOBS = Setting(
    "FASHION_LAB_MAX_JOBS", "2", "training runs at once on this server (1 to 1000)", _whole(1, 1000)
)
MAX_QUEUE = Setting(
    "FASHION_LAB_MAX_QUEUE", "20", "runs waiting in line at most (0: no line, 0 to 1000)", _whole(0, 1000)
)
ORPHAN_GRACE = Setting(
    "FASHION_LAB_ORPHAN_GRACE",
    "10",
    "seconds a run outlives its closed tab before it is stopped (0 to 3600)",
    _seconds(3600),
)
RAY_ADDRESS = Setting(
    "FASHION_LAB_RAY_ADDRESS",
    "unset: train in the app's process",
    "train on Ray: 'local' (a Ray of its own), 'auto' or 'ray://host:port' (a cluster)",
    _ray_address,
)
RAY_CPUS = Setting(
    "FASHION_LAB_RAY_CPUS", "2", "CPUs each run asks of a Ray cluster (1 to 1024)", _whole(1, 1024)
)

SETTINGS = (
    DATASET_DIR,
    MODELS,
    BUNDLED,
    DATA,
    DATABASE_URL,
    PUBLIC_URL,
    ROOM_RATE_LIMIT,
    ROOM_ADDRESS_LIMIT,
    MAX_MODELS,
    MAX_JOBS,
    MAX_QUEUE,
    ORPHAN_GRACE,
    RAY_ADDRESS,
    RAY_CPUS,
)
NAMES = frozenset(setting.name for setting in SETTINGS)


def problems() -> list[str]:
    """One line for each variable set to a value it cannot take."""
    found = []
    for setting in SETTINGS:
        try:
            setting.value()
        except SettingError as error:
            found.append(str(error))
    return found


def main() -> int:
    found = problems()
    for line in found:
        print(_("setting: {problem}").format(problem=line), file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
