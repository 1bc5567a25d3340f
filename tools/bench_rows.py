"""A line of the benchmark table."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Row:
    """One line of the table: what we measured, against what, and the target it must meet."""

    name: str
    ours: float
    baseline: float | None
    unit: str
    target: str
    passed: bool
    note: str = ""
