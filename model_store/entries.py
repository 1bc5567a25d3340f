"""What the store lists: a valid model (its metadata as typed fields) or a broken entry and why,
and the rule every entry's name follows."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

_NAME_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,79}")
NAME_RULE = "1-80 letters, digits, '.', '_' or '-', starting with a letter or digit, without '..'"


class StoreError(RuntimeError):
    """A store operation failed; the message is meant for the user."""


@dataclass(frozen=True)
class StoredModel:
    """A valid entry: its folder and metadata."""

    name: str
    path: Path
    meta: dict[str, Any]
    bundled: bool = False  # shipped with the app (model_store/bundled): read-only

    @property
    def architecture(self) -> str:
        return self.meta["architecture"]

    @property
    def test_accuracy(self) -> float:
        return self.meta["test_accuracy"]

    @property
    def weights_sha256(self) -> str:
        """The weights' checksum: what a cache of the loaded model is keyed by."""
        return self.meta["weights_sha256"]

    @property
    def created(self) -> str:
        """When it was saved, ISO 8601."""
        return self.meta["created"]

    @property
    def params(self) -> int | None:
        return self.meta.get("params")

    @property
    def epochs(self) -> int | None:
        """Epochs completed (a stopped run may end mid-way)."""
        return self.meta.get("epochs_completed")

    @property
    def init_from(self) -> str | None:
        """The stored model its run started from (fine-tuning: train --init-from); None if none."""
        return self.meta.get("config", {}).get("init_from")

    @property
    def stopped(self) -> bool:
        """Whether the run was stopped before its last epoch (its weights are those it reached)."""
        return self.meta.get("stopped", False)

    @property
    def train_seconds(self) -> float | None:
        return self.meta.get("train_seconds")

    @property
    def confusion(self) -> np.ndarray | None:
        """(10, 10) test-set counts, true class by row; None if the entry has none."""
        confusion = self.meta.get("confusion")
        return None if confusion is None else np.array(confusion)

    def history(self, metric: str) -> list[float]:
        """The metric's value per epoch (empty if the entry has none)."""
        return self.meta["history"].get(metric, [])


@dataclass(frozen=True)
class BrokenEntry:
    """An entry that cannot be used, and why."""

    name: str
    path: Path
    reason: str


def is_valid_name(name: object) -> bool:
    """Whether ``name`` is a safe entry name (NAME_RULE)."""
    return isinstance(name, str) and _NAME_PATTERN.fullmatch(name) is not None and ".." not in name


def validate_name(name: str) -> str:
    """Return ``name`` if it is a safe entry name, else raise StoreError saying what is allowed."""
    if not is_valid_name(name):
        raise StoreError(f"invalid model name {name!r}: use {NAME_RULE}")
    return name
