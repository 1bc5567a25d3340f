"""Two models side by side on the test set: per-class accuracy, where they disagree, where each
is most confidently wrong. Pure numpy on predicted probabilities."""

from __future__ import annotations

import numpy as np

HUMAN_ACCURACY = 0.835  # a crowd-sourced row of the Fashion-MNIST README's benchmark table (1,000 test
# images, three labels each, majority vote, no fashion expertise); not a result of the paper
BEST_KNOWN_ACCURACY = 0.967  # same benchmark table: WRN40-4, the best listed


def per_class_accuracy(confusion: np.ndarray) -> np.ndarray:
    """(10,) the share of each true class predicted right (diagonal over row sums)."""
    confusion = np.asarray(confusion, dtype=np.float64)
    return np.diag(confusion) / np.maximum(confusion.sum(axis=1), 1)


def row_normalised(confusion: np.ndarray) -> np.ndarray:
    """Each row (true class) divided by its total: where that class's images went."""
    confusion = np.asarray(confusion, dtype=np.float64)
    return confusion / np.maximum(confusion.sum(axis=1, keepdims=True), 1)


def right_and_wrong(first: np.ndarray, second: np.ndarray, labels: np.ndarray, count: int) -> np.ndarray:
    """Indices of up to ``count`` images the first model gets right and the second wrong,
    the second's mistake most confident first."""
    first_right = first.argmax(axis=1) == labels
    second_wrong = second.argmax(axis=1) != labels
    candidates = np.flatnonzero(first_right & second_wrong)
    confidence = second[candidates].max(axis=1)
    return candidates[np.argsort(-confidence, kind="stable")][:count]


def confidently_wrong(probabilities: np.ndarray, labels: np.ndarray, count: int) -> np.ndarray:
    """Indices of the ``count`` mistakes made with the highest confidence."""
    wrong = np.flatnonzero(probabilities.argmax(axis=1) != labels)
    confidence = probabilities[wrong].max(axis=1)
    return wrong[np.argsort(-confidence, kind="stable")][:count]
