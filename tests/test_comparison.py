"""Comparison helpers against hand-made probabilities."""

import numpy as np

from fashion_lab.comparison import confidently_wrong, per_class_accuracy, right_and_wrong, row_normalised


def one_hot(predicted, confidence):
    probabilities = np.full((len(predicted), 10), 0.0)
    for row, (label, p) in enumerate(zip(predicted, confidence, strict=True)):
        probabilities[row] = (1 - p) / 9
        probabilities[row, label] = p
    return probabilities


def test_per_class_and_row_normalised():
    confusion = np.zeros((10, 10))
    confusion[0, 0], confusion[0, 6], confusion[6, 6] = 3, 1, 5
    np.testing.assert_allclose(per_class_accuracy(confusion)[[0, 6, 1]], [0.75, 1.0, 0.0])
    np.testing.assert_allclose(row_normalised(confusion)[0, [0, 6]], [0.75, 0.25])
    assert row_normalised(confusion)[1].sum() == 0  # an empty row stays empty


def test_right_and_wrong_both_ways_and_most_confident_mistakes():
    labels = np.array([0, 1, 2, 3])
    a = one_hot([0, 1, 5, 3], [0.9, 0.8, 0.7, 0.6])
    b = one_hot([0, 7, 2, 4], [0.9, 0.6, 0.9, 0.95])
    assert list(right_and_wrong(a, b, labels, 5)) == [3, 1]  # b's surer mistake first
    assert list(right_and_wrong(b, a, labels, 5)) == [2]
    assert list(confidently_wrong(b, labels, 1)) == [3]
