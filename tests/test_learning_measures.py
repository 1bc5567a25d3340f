"""The numbers beside the replay (issue 42): position dependence checked against a plain
computation, the kernels' kinds on kernels whose kind is known, the sentence both ways, and the
replay's timeline."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.signal import correlate2d

from fashion_lab.analysis.learning_measures import (
    SHIFT,
    KernelKinds,
    conv_position_dependence,
    dense_position_dependence,
    describe_learning,
    kernel_kinds,
    pattern_fits,
)
from fashion_lab.analysis.replay import point_label, snapshot_index, timeline
from fashion_lab.models.first_layer import keras_layers, kernel_pictures, unit_pictures
from fashion_lab.models.stored import open_store
from model_store import BUNDLED_ROOT

MOVES = ((0, SHIFT), (0, -SHIFT), (SHIFT, 0), (-SHIFT, 0))


def moved(image: np.ndarray, rows: int, columns: int) -> np.ndarray:
    """The image moved pixel by pixel, the plain way."""
    out = np.zeros_like(image)
    for r in range(28):
        for c in range(28):
            if 0 <= r - rows < 28 and 0 <= c - columns < 28:
                out[r, c] = image[r - rows, c - columns]
    return out


def plain_dense(units: np.ndarray, images: np.ndarray) -> float:
    correlations = []
    for rows, columns in MOVES:
        for unit in units:
            before = [float(np.sum(unit * image / 255)) for image in images]
            after = [float(np.sum(unit * moved(image, rows, columns) / 255)) for image in images]
            correlations.append(np.corrcoef(before, after)[0, 1])
    return 1 - float(np.mean(correlations))


def plain_conv(kernels: np.ndarray, images: np.ndarray) -> float:
    correlations = []
    for rows, columns in MOVES:
        for kernel in kernels:
            before = [moved(correlate2d(i / 255, kernel, mode="same"), rows, columns) for i in images]
            after = [correlate2d(moved(i, rows, columns) / 255, kernel, mode="same") for i in images]
            correlations.append(np.corrcoef(np.ravel(before), np.ravel(after))[0, 1])
    return 1 - float(np.mean(correlations))


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    return open_store(tmp_path_factory.mktemp("empty"), bundled=BUNDLED_ROOT)


def test_the_dense_network_depends_on_position_more_than_the_cnn(bundled, dataset):
    images = dataset.test_images[:20]
    dense = unit_pictures(keras_layers(bundled.load("bundled-dense-wide")))[::16]  # 48 of 768 units
    kernels = kernel_pictures(keras_layers(bundled.load("bundled-cnn")))["kernels"]
    found = dense_position_dependence(dense, images), conv_position_dependence(kernels, images)
    assert found == pytest.approx((plain_dense(dense, images), plain_conv(kernels, images)), abs=1e-6)
    assert found[0] > 3 * found[1], found
    classic = unit_pictures(keras_layers(bundled.load("bundled-dense")))
    assert dense_position_dependence(classic, images) > found[1]


def test_kernels_of_a_known_kind_are_found_as_such():
    sobel = np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], dtype=np.float32)
    line = np.array([[-1, 2, -1]] * 3, dtype=np.float32)
    turned = np.rot90(sobel) + 0.5  # another orientation, and a liking for brightness
    flat = np.full((3, 3), 0.3, dtype=np.float32)
    noise = np.random.default_rng(0).normal(size=(200, 3, 3))
    ramp = np.array([[-1, 0, 1]] * 3, dtype=np.float32)
    edge_fit, line_fit = pattern_fits(np.stack([sobel, line, turned, flat, ramp]))
    assert edge_fit[[0, 2]] == pytest.approx(8 / 9) and edge_fit[4] == pytest.approx(1)
    assert line_fit[1] == pytest.approx(1)
    assert edge_fit[1] == pytest.approx(0, abs=1e-9) and edge_fit[3] == line_fit[3] == 0
    assert kernel_kinds(np.stack([sobel, line, turned, flat])) == KernelKinds(edges=2, lines=1, total=4)
    assert kernel_kinds(noise).detectors < 0.15 * len(noise)  # chance alone rarely fits


def test_the_sentence_says_what_the_numbers_say():
    few, more = KernelKinds(1, 1, 32), KernelKinds(6, 4, 32)
    said = describe_learning(0.38, 0.02, few, more)
    assert "units answer differently (position dependence 0.38, from 0" in said
    assert "10 of the CNN's 32 kernels are edge or line detectors at the end, 2 at the start" in said
    assert "(6 edges, 4 lines or spots at the end)" in said
    assert "depend on position more" in describe_learning(0.02, 0.38, more, few)
    assert "2 of the CNN's 32 kernels are edge or line detectors at the end, 10 at the start" in (
        describe_learning(0.1, 0.08, more, few)
    )
    assert "(1 edge, 1 line or spots at the end)" in describe_learning(0.1, 0.08, more, few)
    short = describe_learning(0.38, 0.02, few, more, short=True)
    assert "(0.38 of 1)" in short and "10 of 32 kernels are edge or line detectors at the end" in short
    assert "about as much" in describe_learning(0.1, 0.08, more, few, short=True)


def test_the_timeline_names_every_point_of_both_runs():
    dense = {
        "positions": np.array([0, 16 / 469, 112 / 469, 1, 2]),
        "batches": np.array([0, 16, 112, 469, 938]),
    }
    cnn = {"positions": np.array([0, 16 / 469, 1, 1.5]), "batches": np.array([0, 16, 469, 703])}
    labels = [label for _, label in timeline([dense, cnn])]
    assert labels == ["start", "batch 16", "batch 112", "epoch 1", "epoch 2, batch 234", "epoch 2"]
    assert (
        snapshot_index(cnn, 2.0) == 3
        and snapshot_index(cnn, 112 / 469) == 1
        and snapshot_index(dense, 0) == 0
    )
    assert point_label(938, 469) == "epoch 2"
    small = {"positions": np.array([0, 16 / 24, 1]), "batches": np.array([0, 16, 24])}  # 3,000 images
    labels = [label for _, label in timeline([small, cnn])]
    assert labels == ["start", "batch 16 of 469", "batch 16 of 24", "epoch 1", "epoch 2, batch 234 of 469"]
