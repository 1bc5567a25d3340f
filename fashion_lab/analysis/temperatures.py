"""A model's two temperatures (fashion_lab/analysis/calibration.py). One for inputs like the dataset's,
fitted on the first 2,000 test images. One for photos, fitted on simulated photos of the first
500 test images as the photo pipeline sees them (fashion_lab/images/photo_simulation.py): photos are
harder than the dataset, and a temperature fitted on the dataset cannot know it. The real photos
are never used to fit anything."""

from __future__ import annotations

import numpy as np

from fashion_lab.analysis.calibration import fit_temperature

CALIBRATION_IMAGES = 2000  # the first test images; reliability diagrams use the others
PHOTO_CALIBRATION_IMAGES = 500  # enough for one number; simulated in a few seconds
PHOTO_SEED = 2021  # of the simulated photos the photo temperature is fitted on


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
