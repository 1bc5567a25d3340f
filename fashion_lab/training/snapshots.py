"""Snapshots of what a run learns, to replay it: the first layer's pictures
(fashion_lab/models/first_layer.py) and the answers on the probe set (one test image per class),
at the start, early in the first epoch and at the end of each epoch.

Keras trains STEPS_PER_EXECUTION batches per call and calls back between calls only, so the
points inside the first epoch are the first call ending at or after batch 1, 10 and 100
(batches 16 and 112 at 16 a call); the record says which batches they were. A long run keeps at
most MAX_EPOCH_POINTS epoch ends, evenly spread, its last always among them.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

import keras
import numpy as np

from fashion_lab.analysis.replay import point_label
from fashion_lab.models.first_layer import keras_layers, kernel_pictures, largest_units, unit_pictures
from fashion_lab.models.registry import is_convolutional

EARLY_BATCHES = (1, 10, 100)
MAX_EPOCH_POINTS = 20
MAX_UNITS = 48  # a dense layer's units kept for the replay: the largest weights at the end
UNIT_DTYPE = np.float16  # the unit pictures: 48 x 784 of them a point (a 20-epoch record: 1.6 MB)
LIVE_UNITS = 16  # a dense layer's units shown live: the largest now
LIVE_LEVELS = 99  # a live picture's weights as whole numbers -99..99 of its scale: one byte each
LIVE_SCALE_PERCENTILE = 95  # of the weights' sizes: the scale, as the pages' pictures set it


def live_picture(pictures: dict[str, np.ndarray], label: str, classes: bool = False) -> dict[str, Any]:
    """What the Train page's live panel draws of a snapshot: the kernels, or a dense layer's
    largest units (``classes``: the classic dense network's pictures of its 10 classes), each a
    square of whole numbers -99..99 on one symmetric scale (``scale``), as base64 bytes row by
    row (``levels``): a run keeps every snapshot's picture among its events, and 12,544 Python
    ints took ~450 kB where these take 17 kB."""
    if "kernels" in pictures:
        tiles = pictures["kernels"]
    else:
        tiles = pictures["units"][largest_units(pictures["units"], LIVE_UNITS)]
    tiles = tiles.astype(np.float32)
    scale = float(np.percentile(np.abs(tiles), LIVE_SCALE_PERCENTILE)) or 1.0
    levels = np.clip(np.rint(tiles / scale * LIVE_LEVELS), -LIVE_LEVELS, LIVE_LEVELS).astype(np.int8)
    kind = "kernels" if "kernels" in pictures else "classes" if classes else "units"
    return {
        "label": label,
        "layer": kind,
        "count": len(tiles),
        "side": tiles.shape[-1],
        "scale": scale,
        "levels": base64.b64encode(levels.tobytes()).decode("ascii"),
    }


def recorded_epochs(epochs: int) -> set[int]:
    """The epochs (1-based) whose end is recorded: each, or MAX_EPOCH_POINTS evenly spread
    from the first to the last."""
    return {int(e) for e in np.round(np.linspace(1, epochs, min(epochs, MAX_EPOCH_POINTS)))}


class LearningRecorder(keras.callbacks.Callback):
    """Records a snapshot at each point; ``arrays()`` is the record for the model store."""

    def __init__(
        self,
        architecture: str,
        steps_per_epoch: int,
        epochs: int,
        probes: np.ndarray,
        publish: Callable[[dict[str, Any]], None] | None = None,
    ) -> None:
        """``publish`` is given each snapshot's live picture (the job's event log takes it)."""
        super().__init__()
        self.publish = publish
        self.architecture = architecture
        self.convolutional = is_convolutional(architecture)
        self.steps_per_epoch = steps_per_epoch
        self.epochs = recorded_epochs(epochs)
        self.probes = probes
        self.early = [b for b in EARLY_BATCHES if b < steps_per_epoch]
        self.epoch = 0
        self.completed = 0  # batches completed in the epoch in progress
        self.snapshots: list[dict[str, np.ndarray]] = []
        self.positions: list[float] = []
        self.batches: list[int] = []

    def on_train_begin(self, logs: dict | None = None) -> None:
        self._record(0)

    def on_epoch_begin(self, epoch: int, logs: dict | None = None) -> None:
        self.epoch, self.completed = epoch, 0

    def on_train_batch_end(self, batch: int, logs: dict | None = None) -> None:
        self.completed = min(batch + 1, self.steps_per_epoch)
        if self.epoch == 0 and self.early and self.completed >= self.early[0]:
            while self.early and self.completed >= self.early[0]:
                self.early.pop(0)
            if self.completed < self.steps_per_epoch:  # the epoch's end is recorded below
                self._record(self.completed)

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        if epoch + 1 in self.epochs and self.completed == self.steps_per_epoch:
            self._record((epoch + 1) * self.steps_per_epoch)

    def on_train_end(self, logs: dict | None = None) -> None:
        trained = self.epoch * self.steps_per_epoch + self.completed
        if trained > self.batches[-1]:  # a stopped run's last point
            self._record(trained)

    def _record(self, batches: int) -> None:
        layer = keras_layers(self.model)
        if self.convolutional:
            pictures = kernel_pictures(layer)
        else:  # as stored: a wide layer's 768 units a point add up in a long run
            pictures = {"units": unit_pictures(layer).astype(UNIT_DTYPE)}
        pictures["probe_answers"] = np.asarray(self.model(self.probes, training=False), dtype=np.float32)
        self.snapshots.append(pictures)
        self.batches.append(batches)
        self.positions.append(batches / self.steps_per_epoch)
        if self.publish is not None:
            label = point_label(batches, self.steps_per_epoch)  # the UI says it again in its tab's language
            picture = live_picture(pictures, label, classes=self.architecture == "dense")
            self.publish(picture | {"batches": batches, "steps_per_epoch": self.steps_per_epoch})

    def arrays(self) -> dict[str, np.ndarray] | None:
        """The record: ``positions`` (in epochs), ``batches`` and each picture, a row per point;
        None when a picture is not finite (a run that diverged: its model is saved without).
        A dense layer wider than MAX_UNITS keeps the units whose weights are largest at the end
        (``unit_indices`` says which)."""
        record = {
            "positions": np.array(self.positions, dtype=np.float32),
            "batches": np.array(self.batches, dtype=np.float32),
        }
        if "units" in self.snapshots[0]:
            keep = largest_units(self.snapshots[-1]["units"], MAX_UNITS)
            record["units"] = np.stack([s["units"][keep] for s in self.snapshots])
            record["unit_indices"] = keep.astype(np.float32)
        for key in self.snapshots[0].keys() - {"units"}:
            record[key] = np.stack([s[key] for s in self.snapshots]).astype(np.float32, copy=False)
        return record if all(np.isfinite(a).all() for a in record.values()) else None
