"""Sketches to train on: garments sketched as people draw them, by both hands in turn (the
templates of fashion_lab.sketches and the freehand ones), each as the app's drawing path sees it
(every view it answers on: the filled drawing, the strokes, both mirrored), so a model learns what
the path makes of a person's drawing. Their seeds start at TRAINING_SEED, far from the drawing
set's parts (tools/drawing_set.py), which stay below it."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from fashion_lab.data.fashion_mnist import IMAGE_SHAPE, NUM_CLASSES
from fashion_lab.i18n import _
from fashion_lab.images.drawings import preprocess_drawing
from fashion_lab.sketches.freehand import draw_freehand
from fashion_lab.sketches.garments import draw_garment

TRAINING_SEED = 10_000_000  # a run's sketches: TRAINING_SEED + its seed * SEEDS_PER_RUN + i
SEEDS_PER_RUN = 1_000_000
HANDS = (draw_garment, draw_freehand)  # each (label, seed) -> a canvas
STOP_EVERY = 200  # sketches between two looks at the caller's stop (about 1.5 s)


class SketchingStopped(Exception):
    """The caller's ``stop`` said so between two sketches."""


def sketch_views(
    count: int, seed: int, stop: Callable[[], bool] = lambda: False
) -> tuple[np.ndarray, np.ndarray]:
    """(views (m, 28, 28) uint8, labels (m,)): ``count`` sketches, the classes in turn and the
    hands in turn after every class, each with every view the drawing path answers on (2-4 a
    sketch), reproducibly for ``seed``."""
    views, labels = [], []
    first = TRAINING_SEED + seed * SEEDS_PER_RUN
    for i in range(count):
        if i % STOP_EVERY == 0 and stop():
            raise SketchingStopped(_("stopped while sketching garments"))
        label = i % NUM_CLASSES
        hand = HANDS[(i // NUM_CLASSES) % len(HANDS)]
        seen = preprocess_drawing(hand(label, first + i)).inputs
        views += seen
        labels += [label] * len(seen)
    if not views:
        return np.zeros((0, *IMAGE_SHAPE), np.uint8), np.zeros(0, np.int64)
    return np.stack(views), np.asarray(labels)


def with_sketches(
    images: np.ndarray, labels: np.ndarray, count: int, seed: int, stop: Callable[[], bool] = lambda: False
) -> tuple[np.ndarray, np.ndarray]:
    """The training set with the views of ``count`` sketches appended (see sketch_views)."""
    views, sketched = sketch_views(count, seed, stop)
    return np.concatenate([images, views]), np.concatenate([labels, sketched.astype(labels.dtype)])
