"""Two models side by side on the test set: per-class accuracy, where they disagree, where each
is most confidently wrong. Pure numpy on predicted probabilities."""

from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True)
class Answers:
    """A model's answer on each of a set of images: its top class and that class's probability
    (all the gallery needs of the 10 probabilities, and what is kept of them ahead of time)."""

    top: np.ndarray  # (n,) int
    confidence: np.ndarray  # (n,) float

    @classmethod
    def of(cls, probabilities: np.ndarray) -> Answers:
        return cls(probabilities.argmax(axis=1), probabilities.max(axis=1))


def right_and_wrong(first: Answers, second: Answers, labels: np.ndarray, count: int) -> np.ndarray:
    """Indices of up to ``count`` images the first model gets right and the second wrong,
    the second's mistake most confident first."""
    candidates = np.flatnonzero((first.top == labels) & (second.top != labels))
    confidence = second.confidence[candidates]
    return candidates[np.argsort(-confidence, kind="stable")][:count]


def confidently_wrong(answers: Answers, labels: np.ndarray, count: int) -> np.ndarray:
    """Indices of the ``count`` mistakes made with the highest confidence."""
    wrong = np.flatnonzero(answers.top != labels)
    confidence = answers.confidence[wrong]
    return wrong[np.argsort(-confidence, kind="stable")][:count]
