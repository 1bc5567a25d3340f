"""Confidences that mean what they say: temperature scaling, the expected calibration error and
the reliability diagram's bins (pure numpy on predicted probabilities), and a model's two
temperatures (fashion_lab/analysis/reliability.py: the sets its reliability diagrams show).

The two temperatures: one for inputs like the dataset's, fitted on the first CALIBRATION_IMAGES
test images; one for photos, fitted on simulated photos of the first PHOTO_CALIBRATION_IMAGES
test images as the photo pipeline sees them (fashion_lab/images/photo_simulation.py): photos are
harder than the dataset, and a temperature fitted on the dataset cannot know it. The real photos
are never used to fit anything."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from fashion_lab.i18n import N_

BINS = 10
CALIBRATION_IMAGES = 2000  # the first test images; reliability diagrams use the others
PHOTO_CALIBRATION_IMAGES = 500  # enough for one number; simulated in a few seconds
PHOTO_SEED = 2021  # of the simulated photos the photo temperature is fitted on
_LOG_T = (-3.0, 3.0)  # the search range of log(temperature): T from 0.05 to 20


def _log_probabilities(probabilities: np.ndarray) -> np.ndarray:
    """The log-probabilities, the logits up to a constant per row (which softmax ignores)."""
    return np.log(np.clip(np.asarray(probabilities, dtype=np.float64), 1e-12, 1.0))


def scaled(probabilities: np.ndarray, temperature: float) -> np.ndarray:
    """softmax(logits / T): the same ranking, confidences softened (T > 1) or sharpened (T < 1)."""
    logits = _log_probabilities(probabilities) / temperature
    logits -= logits.max(axis=1, keepdims=True)
    exp = np.exp(logits)
    return exp / exp.sum(axis=1, keepdims=True)


def negative_log_likelihood(probabilities: np.ndarray, labels: np.ndarray, temperature: float) -> float:
    chosen = scaled(probabilities, temperature)[np.arange(len(labels)), labels]
    return float(-np.mean(np.log(np.clip(chosen, 1e-12, 1.0))))


def fit_temperature(probabilities: np.ndarray, labels: np.ndarray) -> float:
    """The temperature minimising the negative log-likelihood of ``labels`` (golden-section search
    on log T; the likelihood is convex in 1/T, so its minimum is the only one)."""
    ratio = (np.sqrt(5) - 1) / 2
    low, high = _LOG_T
    for _ in range(80):
        a, b = high - ratio * (high - low), low + ratio * (high - low)
        if negative_log_likelihood(probabilities, labels, np.exp(a)) < negative_log_likelihood(
            probabilities, labels, np.exp(b)
        ):
            high = b
        else:
            low = a
    return float(np.exp((low + high) / 2))


@dataclass(frozen=True)
class Reliability:
    """Per confidence bin (0-0.1, ..., 0.9-1): how many answers, their mean confidence, and the
    share right. A calibrated model's share right equals its confidence in every bin."""

    counts: np.ndarray
    confidence: np.ndarray
    accuracy: np.ndarray

    @property
    def expected_calibration_error(self) -> float:
        """The mean |share right - confidence| over the bins, weighted by their answers."""
        total = self.counts.sum()
        gaps = np.abs(np.nan_to_num(self.accuracy) - np.nan_to_num(self.confidence))
        return float((self.counts * gaps).sum() / total) if total else 0.0


def reliability(probabilities: np.ndarray, right: np.ndarray, bins: int = BINS) -> Reliability:
    """The reliability diagram's bins of the top confidences; ``right``: whether each top answer
    was right (bool per row)."""
    confidence = np.asarray(probabilities).max(axis=1)
    right = np.asarray(right, dtype=np.float64)
    index = np.minimum((confidence * bins).astype(int), bins - 1)
    counts = np.bincount(index, minlength=bins)
    with np.errstate(invalid="ignore"):
        mean_confidence = np.bincount(index, confidence, minlength=bins) / counts
        accuracy = np.bincount(index, right, minlength=bins) / counts
    return Reliability(counts, mean_confidence, accuracy)


def fit_dataset_temperature(model, images: np.ndarray, labels: np.ndarray) -> float:
    """The temperature on the first CALIBRATION_IMAGES of the test ``images``."""
    from fashion_lab.analysis.evaluation import predict_images

    count = CALIBRATION_IMAGES
    return fit_temperature(predict_images(model, images[:count]), labels[:count])


def photographed_test_images(images: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The first PHOTO_CALIBRATION_IMAGES test images as the pipeline sees simulated photos of them:
    (n, views, 28, 28), every view a photo's answer is averaged over."""
    from fashion_lab.images.photo_simulation import simulated_photos

    count = PHOTO_CALIBRATION_IMAGES
    return simulated_photos(images[:count], labels[:count], PHOTO_SEED, views=True), labels[:count].copy()


def fit_photo_temperature(model, photographed: np.ndarray, labels: np.ndarray) -> float:
    """The temperature on ``photographed_test_images``, each answer averaged over its views as
    for a real photo."""
    from fashion_lab.analysis.evaluation import predict_views

    return fit_temperature(predict_views(model, photographed), labels)


def fit_real_photo_temperature(model) -> float:
    """The temperature on the validation part of the real photos' cut-outs
    (fashion_lab/data/photo_cutouts.py): for a model that trained on real photos, photos it did not
    train on; a shoe counts as the likeliest of the classes its folder accepts."""
    from fashion_lab.analysis.evaluation import predict_views
    from fashion_lab.data.photo_cutouts import load_cutouts

    held_out = load_cutouts().part(validation=True)
    return fit_temperature(predict_views(model, list(held_out.views)), held_out.labels)


def fit_photo_temperature_for(model, real_photos: bool, images: np.ndarray, labels: np.ndarray) -> float:
    """The model's temperature for photos: on the real photos held out from its training if it
    trained on ``real_photos``, else on simulated photos of the test ``images``."""
    if real_photos:
        return fit_real_photo_temperature(model)
    return fit_photo_temperature(model, *photographed_test_images(images, labels))


def trained_on_real_photos(meta: dict) -> bool:
    """Whether a stored model's training saw real photos (then its photo temperature is fitted on
    real ones it did not see, not on simulated photos)."""
    return bool((meta.get("config") or {}).get("real_photos"))


ConfidenceSet = tuple[np.ndarray, np.ndarray, np.ndarray]  # (n,) as given, at the temperature; right


def reliability_curves(sets: dict[str, ConfidenceSet]) -> dict[tuple[str, str], Reliability]:
    """The bins of each set's top confidences, as given and calibrated:
    {(set, "as given" | "calibrated"): its Reliability}, in the sets' order."""
    curves = {}
    for name, (given, calibrated, right) in sets.items():
        for how, confidence in ((N_("as given"), given), (N_("calibrated"), calibrated)):
            curves[name, how] = reliability(np.asarray(confidence)[:, None], right)
    return curves
