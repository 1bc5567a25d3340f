"""Comparison helpers against hand-made probabilities."""

import numpy as np

from fashion_lab.analysis.comparison import (
    Answers,
    confidently_wrong,
    per_class_accuracy,
    right_and_wrong,
    row_normalised,
)


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
    a = Answers.of(one_hot([0, 1, 5, 3], [0.9, 0.8, 0.7, 0.6]))
    b = Answers.of(one_hot([0, 7, 2, 4], [0.9, 0.6, 0.9, 0.95]))
    assert list(right_and_wrong(a, b, labels, 5)) == [3, 1]  # b's surer mistake first
    assert list(right_and_wrong(b, a, labels, 5)) == [2]
    assert list(confidently_wrong(b, labels, 1)) == [3]


def _entry(name: str, architecture: str, accuracy: float):
    from types import SimpleNamespace

    return SimpleNamespace(name=name, architecture=architecture, test_accuracy=accuracy)


def test_the_headline_sets_the_best_model_against_the_best_of_the_other_family():
    from components.compare.headline import headline
    from components.plain_text import plain  # the headline is Markdown: names are escaped

    chosen = [
        _entry("d1", "dense", 0.8937),
        _entry("deep", "cnn_deep", 0.9309),
        _entry("c1", "cnn", 0.9170),
        _entry("d2", "dense", 0.80),
    ]
    assert (
        headline(chosen)
        == f"{plain('cnn_deep')} 93.1% vs dense 89.4% on the 10,000 test images: 372 fewer mistakes"
    )
    same = [_entry("cnn-a", "cnn", 0.90), _entry("cnn-b", "cnn", 0.9170)]
    assert (
        headline(same)
        == f"{plain('cnn-b')} 91.7% vs {plain('cnn-a')} 90.0% on the 10,000 test images: 170 fewer mistakes"
    )
    assert headline(chosen[:1] + chosen[2:3]).startswith("CNN 91.7% vs dense 89.4%")
