"""What a stored model's ``meta.json`` must hold, checked once when the entry is read, so the
pages read any field without guarding it: a required field is there with its type, an optional
one is absent or has its type (an empty history, string epochs or a 9x10 confusion made Compare
raise). fashion_lab/training/saving.py writes it."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

CLASSES = 10
MAX_META_BYTES = 1_000_000  # a 50-epoch history takes a few KB
LARGEST = 2**53  # beyond this a number is no longer exact as a float (and 10**400 overflowed pages)


def _number(value: Any) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    finite = isinstance(value, int) or math.isfinite(value)  # isfinite overflows on a huge int
    return finite and abs(value) <= LARGEST


def _count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= LARGEST


def _fraction(value: Any) -> bool:
    return _number(value) and 0 <= value <= 1


def _series(value: Any) -> bool:
    return isinstance(value, list) and all(_number(v) for v in value)


def _history(value: Any) -> bool:
    return isinstance(value, dict) and all(isinstance(k, str) and _series(v) for k, v in value.items())


def _confusion(value: Any) -> bool:
    return (
        isinstance(value, list)
        and len(value) == CLASSES
        and all(isinstance(row, list) and len(row) == CLASSES and all(map(_count, row)) for row in value)
    )


def _timestamp(value: Any) -> bool:
    try:
        datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return True


def _sha256(value: Any) -> bool:
    return isinstance(value, str) and re.fullmatch(r"[0-9a-f]{64}", value) is not None


def _text(value: Any) -> bool:
    return isinstance(value, str)


def _mapping(value: Any) -> bool:
    return isinstance(value, dict)


Check = tuple[Callable[[Any], bool], str]
REQUIRED: dict[str, Check] = {
    "format": (_count, "a whole number"),
    "name": (_text, "a string"),
    "architecture": (_text, "a string"),
    "test_accuracy": (_fraction, "a number from 0 to 1"),
    "history": (_history, "lists of numbers by metric"),
    "weights_sha256": (_sha256, "a SHA-256 in hex"),
    "created": (_timestamp, "an ISO date and time"),
}
OPTIONAL: dict[str, Check] = {
    "epochs_completed": (_count, "a whole number"),
    "params": (_count, "a whole number"),
    "samples": (_count, "a whole number"),
    "train_seconds": (_number, "a number"),
    "test_loss": (_number, "a number"),
    "stopped": (lambda v: isinstance(v, bool), "true or false"),
    "confusion": (_confusion, f"{CLASSES}x{CLASSES} counts"),
    "precision": (_text, "a string"),
    "dataset_checksum": (_text, "a string"),
    "config": (_mapping, "an object"),
    "versions": (_mapping, "an object"),
    "learning_sha256": (_sha256, "a SHA-256 in hex"),
}


def meta_problem(meta: Any) -> str | None:
    """Why ``meta`` cannot describe a stored model, or None."""
    if not isinstance(meta, dict):
        return "it does not hold a JSON object"
    for key, (check, kind) in REQUIRED.items():
        if key not in meta:
            return f"{key!r} is missing"
        if not check(meta[key]):
            return f"{key!r} is not {kind}"
    for key, (check, kind) in OPTIONAL.items():
        if key in meta and not check(meta[key]):
            return f"{key!r} is not {kind}"
    return None
