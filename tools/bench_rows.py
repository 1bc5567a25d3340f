"""A line of the benchmark table, and the timer most rows use."""

from __future__ import annotations

import time
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


def rounded(values: list[float]) -> list[float]:
    """Seconds to the hundredth, for a row's note."""
    return [round(v, 2) for v in values]


def time_calls_ms(call, runs: int, warmup: int) -> tuple[float, float]:
    """Median and p95 milliseconds of ``runs`` calls, after ``warmup`` calls that build TensorFlow's
    kernels and are not counted."""
    import numpy as np

    times = []
    for i in range(warmup + runs):
        start = time.perf_counter()
        call()
        if i >= warmup:
            times.append((time.perf_counter() - start) * 1000)
    return float(np.median(times)), float(np.percentile(times, 95))
