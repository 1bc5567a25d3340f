"""How a model arranges the garments: its last hidden layer's outputs for test images, projected
to 2-D by PCA, and how well the classes separate there (a k-nearest-neighbour vote in the full
hidden space, each image left out of its own vote)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # Keras loads only when a projection is computed: not on the app's first page
    import keras

PROJECTED_IMAGES = 2000  # the first 2,000 test images (about 200 of each class)
NEIGHBOURS = 5
_CHUNK = 500  # rows of the distance matrix at a time: 500 x 2,000 floats


@dataclass(frozen=True)
class Projection:
    points: np.ndarray  # (n, 2) the first two principal components
    explained: tuple[float, float]  # the share of the hidden layer's variance each keeps
    knn_accuracy: float  # 0-1, leave-one-out, in the full hidden space
    width: int  # the hidden layer's size


def hidden_outputs(model: keras.Model, pixels: np.ndarray, batch_size: int = 500) -> np.ndarray:
    """(n, width) what the model's last hidden layer passes to its output layer."""
    import keras

    probe = keras.Model(model.input, model.get_layer("output").input)
    outputs = probe.predict(np.asarray(pixels, dtype=np.uint8), batch_size=batch_size, verbose=0)
    return np.asarray(outputs, dtype=np.float64).reshape(len(pixels), -1)


def principal_components(features: np.ndarray, count: int = 2) -> tuple[np.ndarray, np.ndarray]:
    """The centred features projected on their ``count`` directions of largest variance, and the
    share of the variance each keeps. Each axis points the way its largest loading is positive."""
    centred = features - features.mean(axis=0)
    n, width = centred.shape
    if width <= n:  # the width x width covariance
        variances, directions = np.linalg.eigh(centred.T @ centred)
        order = np.argsort(variances)[::-1][:count]
        directions = directions[:, order]
    else:  # the n x n Gram matrix has the same non-zero eigenvalues
        variances, left = np.linalg.eigh(centred @ centred.T)
        order = np.argsort(variances)[::-1][:count]
        directions = centred.T @ left[:, order]
        directions /= np.maximum(np.linalg.norm(directions, axis=0), 1e-12)
    signs = np.sign(directions[np.abs(directions).argmax(axis=0), range(directions.shape[1])])
    directions = directions * np.where(signs == 0, 1, signs)
    total = max(float((centred**2).sum()), 1e-12)
    kept = np.clip(variances[order], 0, None) / total
    return centred @ directions, kept


def knn_accuracy(features: np.ndarray, labels: np.ndarray, k: int = NEIGHBOURS) -> float:
    """The share of points whose k nearest others (Euclidean) vote for their own class; a tie
    goes to the class of the nearest among the tied."""
    features = np.asarray(features, dtype=np.float64)
    squared = (features**2).sum(axis=1)
    right = 0
    for start in range(0, len(features), _CHUNK):
        rows = slice(start, start + _CHUNK)
        distances = squared[rows, None] + squared[None] - 2 * features[rows] @ features.T
        distances[np.arange(distances.shape[0]), np.arange(start, start + distances.shape[0])] = np.inf
        nearest = np.argsort(distances, axis=1, kind="stable")[:, :k]
        for own, neighbours in zip(labels[rows], labels[nearest], strict=True):
            right += _vote(neighbours) == own
    return right / len(features)


def _vote(neighbours: np.ndarray) -> int:
    counts = np.bincount(neighbours)
    tied = np.flatnonzero(counts == counts.max())
    return int(next(label for label in neighbours if label in tied))


def project(model: keras.Model, pixels: np.ndarray, labels: np.ndarray) -> Projection:
    features = hidden_outputs(model, pixels)
    points, kept = principal_components(features)
    explained = (float(kept[0]), float(kept[1]))
    return Projection(points, explained, knn_accuracy(features, labels), features.shape[1])
