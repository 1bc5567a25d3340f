"""Two runs' learning records on one timeline, for the replay: the points either recorded, named
as a person says them, and what each run looked like at a point (its last snapshot by then)."""

from __future__ import annotations

import numpy as np

from fashion_lab.i18n import _


def point_label(batches: int, steps_per_epoch: int, of: bool = False) -> str:
    """``start``, ``batch 16`` (in the first epoch), ``epoch 3`` or ``epoch 3, batch 40``;
    with ``of``, the batches of an epoch too (``batch 16 of 24``), for runs of other lengths."""
    if batches == 0:
        return _("start")
    epochs, batch = divmod(batches, steps_per_epoch)
    if batch == 0:
        return _("epoch {epoch}").format(epoch=epochs)
    if epochs == 0:
        within = _("batch {batch} of {steps}") if of else _("batch {batch}")
        return within.format(batch=batch, steps=steps_per_epoch)
    within = _("epoch {epoch}, batch {batch} of {steps}") if of else _("epoch {epoch}, batch {batch}")
    return within.format(epoch=epochs + 1, batch=batch, steps=steps_per_epoch)


def steps_per_epoch(record: dict[str, np.ndarray]) -> int:
    """The batches of one of the run's epochs, read off its record."""
    later = record["positions"] > 0
    return round(float(record["batches"][later][0] / record["positions"][later][0])) if later.any() else 1


def timeline(records: list[dict[str, np.ndarray]]) -> list[tuple[float, str]]:
    """(position in epochs, label) of every point any of ``records`` holds, in order; runs whose
    epochs have other lengths (one trained on fewer images) say which batch of how many."""
    found: dict[float, tuple[int, int]] = {}
    for record in records:
        steps = steps_per_epoch(record)
        for position, batches in zip(record["positions"], record["batches"], strict=True):
            found.setdefault(round(float(position), 4), (int(batches), steps))
    of = len({steps for _batches, steps in found.values()} - {1}) > 1
    return [(at, point_label(batches, steps, of)) for at, (batches, steps) in sorted(found.items())]


def snapshot_index(record: dict[str, np.ndarray], position: float) -> int:
    """The run's last point at or before ``position`` (epochs)."""
    return max(0, int(np.searchsorted(record["positions"], position + 1e-4, side="right")) - 1)


def probes_right(record: dict[str, np.ndarray], index: int) -> int:
    """How many of the probe images (one a class, in class order) the run answered right then."""
    answers = record["probe_answers"][index]
    return int((answers.argmax(axis=1) == np.arange(len(answers))).sum())
