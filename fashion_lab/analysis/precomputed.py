"""What the pages show of a bundled model that depends on nothing but its weights and the test
set, computed ahead by `make models` and kept beside the model: the shift test's curves (Inside),
the arrangement and the test answers (Compare), the two temperatures and the score on the
repository's phone photos (Classify). Each took 1-10 s the first time a page needed it on 2
cores; read from the file, a few milliseconds.

The file names the checksum of the weights it was computed from and the method's parameters; a
page uses it only when both match today's, and computes as before otherwise (a user's own model,
a retrained one, a changed method). It is JSON, read bounded and checked value by value: nothing
in it is trusted to have the right shape.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from fashion_lab.analysis.calibration import CALIBRATION_IMAGES, PHOTO_CALIBRATION_IMAGES, PHOTO_SEED
from fashion_lab.analysis.comparison import Answers
from fashion_lab.analysis.projection import NEIGHBOURS, PROJECTED_IMAGES, Projection
from model_store.files import UnreadableFile, read_bounded

PRECOMPUTED_FILE = "precomputed.json"
MAX_BYTES = 1_000_000  # about 135 kB each today
SHIFT_IMAGES = 1000  # the first 1,000 test images: 100 of each class
SHIFTS = range(-6, 7)
TEST_IMAGES = 10_000
METHOD = {  # what each value was computed with: a change here makes every file stale
    "version": 2,
    "shift_images": SHIFT_IMAGES,
    "shifts": [SHIFTS.start, SHIFTS.stop],
    "projected_images": PROJECTED_IMAGES,
    "neighbours": NEIGHBOURS,
    "calibration_images": CALIBRATION_IMAGES,
    "photo_calibration_images": PHOTO_CALIBRATION_IMAGES,
    "photo_seed": PHOTO_SEED,
    "test_images": TEST_IMAGES,
    "real_photo_temperature": "the validation part of data/photo-cutouts, for models trained on real photos",
    "photos": "data/clothing-photos, the headline folders: right and total at the photo temperature",
}
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Precomputed:
    shift: dict[str, list[float]]  # "shift", "horizontal", "vertical" as shift_accuracy returns
    projection: Projection
    answers: Answers  # on the test images
    temperature: float  # for drawings and 28x28 images
    photo_temperature: float
    photos: dict[str, list[int]]  # the repository's photos: headline folder -> [right, total]

    @property
    def photo_accuracy(self) -> float:
        """Balanced: the mean of the headline folders' accuracies."""
        return float(np.mean([right / total for right, total in self.photos.values()]))


def compute(model, images: np.ndarray, labels: np.ndarray, real_photos: bool = False) -> Precomputed:
    """Every value, as the pages compute it, from the test ``images`` and ``labels``; the photo
    temperature from real photos the model did not train on if it trained on ``real_photos``, else
    from simulated ones."""
    from fashion_lab.analysis.calibration import fit_dataset_temperature, fit_photo_temperature_for
    from fashion_lab.analysis.evaluation import predict_images
    from fashion_lab.analysis.inspection import shift_accuracy
    from fashion_lab.analysis.photo_scores import PHOTOS_FOLDER, score_photos
    from fashion_lab.analysis.projection import project

    photo_temperature = fit_photo_temperature_for(model, real_photos, images, labels)
    scores = score_photos(PHOTOS_FOLDER, model, temperature=photo_temperature)
    return Precomputed(
        shift=shift_accuracy(model, images[:SHIFT_IMAGES], labels[:SHIFT_IMAGES], SHIFTS),
        projection=project(model, images[:PROJECTED_IMAGES], labels[:PROJECTED_IMAGES]),
        answers=Answers.of(predict_images(model, images[:TEST_IMAGES])),
        temperature=fit_dataset_temperature(model, images, labels),
        photo_temperature=photo_temperature,
        photos={s.folder: [s.correct, s.total] for s in scores if s.headline},
    )


def write(folder: Path, weights_sha256: str, values: Precomputed) -> Path:
    projection = asdict(values.projection)
    projection["points"] = np.round(values.projection.points, 5).tolist()
    document = {
        "weights_sha256": weights_sha256,
        "method": METHOD,
        "shift": values.shift,
        "projection": projection,
        "answers": {
            "top": values.answers.top.astype(int).tolist(),
            "confidence": np.round(values.answers.confidence.astype(float), 5).tolist(),
        },
        "temperature": values.temperature,
        "photo_temperature": values.photo_temperature,
        "photos": values.photos,
    }
    path = folder / PRECOMPUTED_FILE
    path.write_text(json.dumps(document, separators=(",", ":")) + "\n")
    return path


def read(folder: Path, weights_sha256: str) -> Precomputed | None:
    """The values computed for these weights by today's method, or None (no file, another
    model's, an older method's, or one that does not hold what it should: then logged)."""
    path = folder / PRECOMPUTED_FILE
    if not path.exists():
        return None
    try:
        document = json.loads(read_bounded(path, MAX_BYTES))
        if document.get("weights_sha256") != weights_sha256 or document.get("method") != METHOD:
            return None
        return _checked(document)
    except (UnreadableFile, ValueError, TypeError, KeyError, AttributeError, RecursionError) as error:
        log.warning("%s is not used: %s", path, error)
        return None


def _numbers(values, shape: tuple[int, ...], low: float, high: float, dtype=float) -> np.ndarray:
    array = np.asarray(values, dtype=dtype)
    if array.shape != shape or not np.isfinite(array).all() or array.min() < low or array.max() > high:
        raise ValueError(f"expected {shape} finite values in [{low}, {high}]")
    return array


def _checked(document: dict) -> Precomputed:
    shifts = len(SHIFTS)
    shift = {
        "shift": _numbers(document["shift"]["shift"], (shifts,), SHIFTS.start, SHIFTS.stop, int).tolist(),
        **{d: _numbers(document["shift"][d], (shifts,), 0, 1).tolist() for d in ("horizontal", "vertical")},
    }
    found = document["projection"]
    width = int(_numbers(found["width"], (), 1, 1e6))
    projection = Projection(
        points=_numbers(found["points"], (PROJECTED_IMAGES, 2), -1e9, 1e9),
        explained=tuple(_numbers(found["explained"], (2,), 0, 1).tolist()),
        knn_accuracy=float(_numbers(found["knn_accuracy"], (), 0, 1)),
        width=width,
    )
    answers = Answers(
        top=_numbers(document["answers"]["top"], (TEST_IMAGES,), 0, 9, int),
        confidence=_numbers(document["answers"]["confidence"], (TEST_IMAGES,), 0, 1),
    )
    return Precomputed(
        shift=shift,
        projection=projection,
        answers=answers,
        temperature=float(_numbers(document["temperature"], (), 0.01, 100)),
        photo_temperature=float(_numbers(document["photo_temperature"], (), 0.01, 100)),
        photos=_photo_counts(document["photos"]),
    )


def _photo_counts(found: dict) -> dict[str, list[int]]:
    if not isinstance(found, dict) or not 1 <= len(found) <= 20:
        raise ValueError("expected the headline folders' counts")
    counts = {str(folder): _numbers(pair, (2,), 0, 100_000, int).tolist() for folder, pair in found.items()}
    if any(right > total or total == 0 for right, total in counts.values()):
        raise ValueError("a folder's right answers exceed its photos")
    return counts
