"""The garment sketches: both hands draw every class reproducibly, as a canvas hands a drawing
over; the sketches a model trains on are both hands' in turn, each as the drawing path sees it,
from seeds apart from the drawing set's; a run can be stopped while they are drawn."""

from __future__ import annotations

import numpy as np
import pytest

from fashion_lab.data.fashion_mnist import NUM_CLASSES
from fashion_lab.images.drawings import preprocess_drawing
from fashion_lab.sketches.freehand import draw_freehand
from fashion_lab.sketches.garments import draw_garment
from fashion_lab.sketches.training import (
    SEEDS_PER_RUN,
    TRAINING_SEED,
    SketchingStopped,
    sketch_views,
    with_sketches,
)
from fashion_lab.training.config import MAX_SKETCHES, TrainingConfig
from tools.drawing_set import SECOND_CHECK_SEED

HANDS = [draw_garment, draw_freehand]


@pytest.mark.parametrize("hand", HANDS)
def test_each_hand_draws_every_class_as_a_canvas_and_again_the_same(hand):
    for label in range(NUM_CLASSES):
        drawing = hand(label, 42)
        assert drawing.ndim == 2 and drawing.dtype == np.uint8 and drawing.shape[0] == drawing.shape[1]
        assert 250 <= drawing.shape[0] <= 420
        ink = drawing > 127
        assert 0.01 < ink.mean() < 0.8, (label, ink.mean())  # strokes on black (some coloured in)
        assert not ink[0].all() and not ink[:, 0].all()  # the garment sits inside the canvas
        np.testing.assert_array_equal(drawing, hand(label, 42))
    assert not np.array_equal(hand(3, 1), hand(3, 2))  # another seed, another drawing


def test_the_freehand_hands_shoes_face_both_ways():
    """Fashion-MNIST's shoes face left; a person's either way: the path mirrors the right-facing."""
    from fashion_lab.images.drawings import facing_right

    sides = {facing_right(draw_freehand(label, seed)) for label in (5, 7, 9) for seed in range(12)}
    assert sides == {True, False}


def test_training_sketches_are_both_hands_in_turn_each_as_the_drawing_path_sees_it():
    views, labels = sketch_views(2 * NUM_CLASSES, seed=0)
    expected = [
        view
        for i in range(2 * NUM_CLASSES)
        for view in preprocess_drawing(HANDS[i // NUM_CLASSES](i % NUM_CLASSES, TRAINING_SEED + i)).inputs
    ]
    np.testing.assert_array_equal(views, np.stack(expected))
    assert views.shape[1:] == (28, 28) and len(labels) == len(views)
    counts = np.bincount(labels, minlength=NUM_CLASSES)
    assert (counts >= 2 * 2).all() and (counts <= 2 * 4).all()  # 2-4 views of each class's two sketches


def test_another_run_seed_sketches_other_garments():
    first, _ = sketch_views(NUM_CLASSES, seed=0)
    other, _ = sketch_views(NUM_CLASSES, seed=1)
    assert first.shape != other.shape or not np.array_equal(first, other)
    assert SEEDS_PER_RUN > MAX_SKETCHES  # a run's seeds never reach the next run's


def test_training_sketches_stay_apart_from_the_drawing_sets_parts():
    """The drawing set's parts use seeds part + class * 10,000 + k: all below the training seeds."""
    assert TRAINING_SEED > SECOND_CHECK_SEED + NUM_CLASSES * 10_000


def test_sketches_are_appended_to_the_training_set_with_their_labels():
    images = np.zeros((5, 28, 28), np.uint8)
    labels = np.full(5, 3, np.int64)
    x, y = with_sketches(images, labels, NUM_CLASSES, seed=0)
    assert len(x) == len(y) > 5 + NUM_CLASSES and y.dtype == labels.dtype
    assert (y[:5] == 3).all() and set(y[5:].tolist()) == set(range(NUM_CLASSES))
    assert (x[5:].reshape(len(x) - 5, -1).max(axis=1) > 0).all()  # every view holds strokes


def test_a_stop_ends_the_sketching_with_a_clear_message():
    asked = []

    def stop() -> bool:
        asked.append(True)
        return len(asked) > 1  # the first look goes on, the second stops

    with pytest.raises(SketchingStopped, match="stopped while sketching garments"):
        sketch_views(1_000, seed=0, stop=stop)


def test_the_count_of_sketches_is_bounded():
    TrainingConfig(sketches=MAX_SKETCHES).validate()
    for count in (-1, MAX_SKETCHES + 1):
        with pytest.raises(ValueError, match="sketches must be 0-500,000"):
            TrainingConfig(sketches=count).validate()
