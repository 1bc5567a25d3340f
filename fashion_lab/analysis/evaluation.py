"""Predictions and test-set scores of a model (stored or freshly trained)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from fashion_lab.data.fashion_mnist import IMAGE_SHAPE, NUM_CLASSES, Dataset, load_dataset

# The CNN's conv output for 1,000 float32 images is 100 MB, and the process keeps what it once
# used: 250 at a time is as fast and took 130-320 MB off the peak memory of training.
PREDICT_BATCH_SIZE = 250


@dataclass(frozen=True)
class Evaluation:
    """A model's score on the 10,000 test images."""

    accuracy: float
    loss: float  # mean sparse categorical cross-entropy
    confusion: np.ndarray  # (10, 10) counts: row = true class, column = predicted
    probabilities: np.ndarray  # (10000, 10)


def confusion_matrix(true: np.ndarray, predicted: np.ndarray) -> np.ndarray:
    """Counts (NUM_CLASSES, NUM_CLASSES): row = true class, column = predicted class."""
    return np.bincount(true.astype(np.int64) * NUM_CLASSES + predicted, minlength=NUM_CLASSES**2).reshape(
        NUM_CLASSES, NUM_CLASSES
    )


def predict_images(model, images: Sequence[np.ndarray] | np.ndarray) -> np.ndarray:
    """Class probabilities (n, 10) for uint8 images (n, 28, 28); the model scales them."""
    batch = np.asarray(images, dtype=np.uint8).reshape(-1, *IMAGE_SHAPE)
    if len(batch) <= 64:  # direct call: far less overhead than predict() for a few images
        return np.asarray(model(batch, training=False))
    return model.predict(batch, batch_size=PREDICT_BATCH_SIZE, verbose=0)


def predict_views(model, views: Sequence[Sequence[np.ndarray]]) -> np.ndarray:
    """Class probabilities (n, 10): each input's averaged over its views (a photo cut out with
    masks closed by different amounts, ``Preprocessed.inputs``), in one call."""
    if len(views) == 0:  # a list, or an array (n, views, 28, 28)
        return np.zeros((0, NUM_CLASSES), dtype=np.float32)
    counts = [len(v) for v in views]
    flat = predict_images(model, [x for v in views for x in v])
    return np.stack([part.mean(axis=0) for part in np.split(flat, np.cumsum(counts)[:-1])])


def evaluate_model(model, dataset: Dataset | None = None) -> Evaluation:
    """Accuracy, loss and confusion matrix on the test set."""
    data = dataset or load_dataset()
    probabilities = predict_images(model, data.test_images)
    predicted = probabilities.argmax(axis=1)
    true_probability = probabilities[np.arange(len(predicted)), data.test_labels]
    return Evaluation(
        accuracy=float((predicted == data.test_labels).mean()),
        loss=float(-np.log(np.clip(true_probability, 1e-7, 1.0)).mean()),
        confusion=confusion_matrix(data.test_labels, predicted),
        probabilities=probabilities,
    )
