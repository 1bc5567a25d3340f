"""What a model's reliability diagrams are drawn from: its top answers' confidence, as given and
at its temperature (fashion_lab/analysis/calibration.py), and whether each was right, on the test
images its temperature was not fitted on and on the check half of the real photos."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from fashion_lab.analysis.calibration import CALIBRATION_IMAGES, ConfidenceSet, scaled
from fashion_lab.analysis.photo_scores import LABELS_FILE, PHOTOS_FOLDER, photo_confidences, score_photos
from fashion_lab.i18n import N_

DATASET_SET, PHOTO_SET = N_("Fashion-MNIST test images"), N_("real photos (check half)")  # keys; shown: _()


def reliability_sets(
    model,
    images: np.ndarray,
    labels: np.ndarray,
    dataset_t: float,
    photo_t: float,
    photos_folder: Path | None = PHOTOS_FOLDER,
) -> dict[str, ConfidenceSet]:
    """Each top answer's confidence as given and at the model's temperature, and whether it was
    right: on the test ``images`` after the first CALIBRATION_IMAGES (at ``dataset_t``) and, when
    ``photos_folder`` holds a labels file, on the check half of its headline folders' photos (at
    ``photo_t``). Keyed DATASET_SET and PHOTO_SET."""
    from fashion_lab.analysis.evaluation import predict_images

    probabilities = predict_images(model, images[CALIBRATION_IMAGES:])
    right = probabilities.argmax(axis=1) == labels[CALIBRATION_IMAGES:]
    sets = {DATASET_SET: (probabilities.max(axis=1), scaled(probabilities, dataset_t).max(axis=1), right)}
    if photos_folder is not None and (photos_folder / LABELS_FILE).is_file():
        scores = score_photos(photos_folder, model, half="check", temperature=photo_t)
        sets[PHOTO_SET] = photo_confidences(scores)
    return sets
