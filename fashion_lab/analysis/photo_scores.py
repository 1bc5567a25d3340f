"""Score the upload path on real phone photos (data/clothing-photos and its labels.csv)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image

from fashion_lab.analysis.evaluation import predict_views
from fashion_lab.analysis.labelled_csv import csv_rows
from fashion_lab.data.fashion_mnist import IMAGE_SHAPE, NUM_CLASSES
from fashion_lab.i18n import _
from fashion_lab.images.decoding import ImageError, load_image_file
from fashion_lab.images.preprocessing import Preprocessed, preprocess_upload

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".bmp", ".gif"}
HALVES = ("tune", "check")
LABELS_FILE = "labels.csv"  # in the photo folder, beside DEFAULT_SPLIT
LABEL_COLUMNS = ("folder", "accepted_labels", "headline")
MAX_LABELS_BYTES = 1_000_000  # a labels file read at most (the project's: 1 KB)
MAX_LABEL_ROWS = 10_000  # garment folders named in one (the clothing dataset has 10)
NAMED_MISSING = 5  # missing folders named in the message; the rest are counted
DEFAULT_SPLIT = "validation"  # the subfolder that holds the garment folders (the dataset's split)
PHOTOS_FOLDER = Path(__file__).resolve().parents[2] / "data" / "clothing-photos"  # the repository's photos


@dataclass
class FolderScore:
    folder: str
    accepted: list[int]
    headline: bool
    correct: int = 0
    total: int = 0
    predicted: list[int] = field(default_factory=list)
    confidence: list[float] = field(default_factory=list)  # of each top answer
    calibrated: list[float] = field(default_factory=list)  # the same, at the model's temperature
    sure: list[bool] = field(default_factory=list)  # whether the app gives it (not "not sure")
    unreadable: list[str] = field(default_factory=list)

    @property
    def right(self) -> list[bool]:
        """Whether each photo's top answer is an accepted one."""
        return [p in self.accepted for p in self.predicted]

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.total if self.total and self.accepted else None


def plain_pipeline(image: Image.Image) -> Preprocessed:
    """The naive baseline: squash to 28x28 and invert, no trimming, no segmentation."""
    return Preprocessed(255 - np.asarray(image.convert("L").resize(IMAGE_SHAPE[::-1], Image.Resampling.BOX)))


PIPELINES: dict[str, Callable[[Image.Image], Preprocessed]] = {
    "ours": preprocess_upload,
    "plain": plain_pipeline,
}


def read_label_map(labels: Path) -> list[FolderScore]:
    """A labels.csv: folder, accepted labels (space separated, may be empty), headline yes/no.
    ValueError when it is not one (other columns, a row without a folder, a class not in 0-9)."""
    rows = list(csv_rows(labels, LABEL_COLUMNS, MAX_LABELS_BYTES))
    if not rows or not all(row["folder"] for row in rows):
        raise ValueError(_("a row names no folder") if rows else _("it names no folder"))
    if len(rows) > MAX_LABEL_ROWS:
        raise ValueError(_("it has more than {rows} rows").format(rows=f"{MAX_LABEL_ROWS:,}"))
    seen: set[str] = set()
    for row in rows:
        if row["folder"] in seen:
            raise ValueError(_("{folder} is named twice").format(folder=row["folder"][:60]))
        seen.add(row["folder"])
    scores = [
        FolderScore(
            row["folder"], [int(x) for x in row["accepted_labels"].split()], row["headline"].lower() == "yes"
        )
        for row in rows
    ]
    if any(label not in range(NUM_CLASSES) for score in scores for label in score.accepted):
        raise ValueError(_("an accepted label is not a class number 0-{last}").format(last=NUM_CLASSES - 1))
    return scores


def photo_folder_problem(root: Path, split: str = DEFAULT_SPLIT, labels: Path | None = None) -> str | None:
    """Why ``root`` cannot be scored (no labels file, no such split, not a labels file, a garment
    folder missing), or None."""
    if labels is not None and not labels.is_file():
        return _("{labels} is not a file").format(labels=labels)
    labels = labels or root / LABELS_FILE
    if not labels.is_file():
        return _("{root} holds no {labels}: a photo folder holds it and {split}/, or give --labels").format(
            root=root, labels=LABELS_FILE, split=split
        )
    if Path(split).is_absolute() or ".." in Path(split).parts or not (root / split).is_dir():
        return _("{root} has no {split}/ of garment folders (a folder inside it)").format(
            root=root, split=split
        )
    try:
        folders = [score.folder for score in read_label_map(labels)]
    except ValueError as error:  # a bad number, or not UTF-8, too
        return _("{labels} is not a labels file: {error}").format(labels=labels, error=error)
    missing = [folder for folder in folders if not (root / split / folder).is_dir()]
    if not missing:
        return None
    named = ", ".join(missing[:NAMED_MISSING])
    where = {"folder": root / split, "labels": labels.name, "named": named}
    if len(missing) > NAMED_MISSING:
        more = len(missing) - NAMED_MISSING
        return _("{folder} lacks folders named in {labels}: {named} and {count} more").format(
            count=more, **where
        )
    return _("{folder} lacks folders named in {labels}: {named}").format(**where)


def split_halves(names: list[str]) -> dict[str, str]:
    """Each of a folder's file names to "tune" or "check": ranked by a hash of the name, then
    alternating, so both halves hold half of every folder (a hash's parity alone left 3 of 26
    shoes to check). Methods are chosen and tuned on the tune half only; the check half is the
    score we stand by."""
    ranked = sorted(names, key=lambda name: hashlib.sha256(name.encode()).hexdigest())
    return {name: HALVES[rank % 2] for rank, name in enumerate(ranked)}


def score_photos(
    root: Path,
    model,
    pipeline: str = "ours",
    half: str | None = None,
    temperature: float = 1.0,
    split: str = DEFAULT_SPLIT,
    labels: Path | None = None,
) -> list[FolderScore]:
    """Predict every photo under root/<split>/<folder>/ (or only those of ``half``), count the
    accepted answers, and judge each ("not sure", fashion_lab/analysis/uncertainty.py, at the model's
    ``temperature``). The folders and their classes: ``labels`` (default root/labels.csv)."""
    from fashion_lab.analysis.calibration import scaled
    from fashion_lab.analysis.uncertainty import judge

    if half not in (None, *HALVES):
        raise ValueError(f"half must be one of {', '.join(HALVES)}, not {half!r}")
    prepare = PIPELINES[pipeline]
    scores = read_label_map(labels or root / LABELS_FILE)
    for score in scores:
        folder = root / split / score.folder
        files = sorted(p for p in folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)
        halves = split_halves([p.name for p in files])
        files = [p for p in files if half is None or halves[p.name] == half]
        prepared = []
        for path in files:
            try:
                prepared.append(prepare(load_image_file(path)))
            except ImageError as error:
                score.unreadable.append(str(error))  # it names the file
        if not prepared:
            continue
        probabilities = predict_views(model, [p.inputs for p in prepared])
        score.predicted = [int(p) for p in probabilities.argmax(axis=1)]
        score.confidence = [float(p) for p in probabilities.max(axis=1)]
        score.calibrated = [float(p) for p in scaled(probabilities, temperature).max(axis=1)]
        score.sure = [
            judge(one.pixels, p, temperature, one.objects).sure
            for one, p in zip(prepared, probabilities, strict=True)
        ]
        score.total = len(score.predicted)
        score.correct = sum(score.right)
    return scores


def headline(scores: list[FolderScore]) -> float:
    """Top-1 accuracy over the photos of the headline folders."""
    counted = [s for s in scores if s.headline]
    total = sum(s.total for s in counted)
    return sum(s.correct for s in counted) / total if total else 0.0


def balanced(scores: list[FolderScore]) -> float:
    """The mean of the headline folders' accuracies: every kind of garment counts the same,
    however many photos its folder holds (a set with many shoes scores like one with few)."""
    accuracies = [s.accuracy for s in scores if s.headline and s.accuracy is not None]
    return float(np.mean(accuracies)) if accuracies else 0.0


def balanced_interval(
    scores: list[FolderScore], level: float = 0.95, rounds: int = 10_000, seed: int = 0
) -> tuple[float, float]:
    """The ``level`` percentile bootstrap interval of balanced(): each headline folder's photos
    resampled with replacement, ``rounds`` times. Half of the photos is about 120 of them: the
    interval shows how far one score could move on other photos like them. (For a folder of a
    dozen photos it is a little narrow, and one all right or all wrong adds no width.)"""
    outcomes = [np.array(s.right, dtype=float) for s in scores if s.headline and s.accuracy is not None]
    if not outcomes:
        return 0.0, 0.0
    rng = np.random.default_rng(seed)
    means = [rng.choice(right, size=(rounds, len(right))).mean(axis=1) for right in outcomes]
    resampled = np.mean(means, axis=0)
    tail = (1 - level) / 2 * 100
    return float(np.percentile(resampled, tail)), float(np.percentile(resampled, 100 - tail))


def photo_confidences(scores: list[FolderScore]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The headline folders' photos: each top answer's confidence (as given, and at the model's
    temperature) and whether it was right."""
    counted = [s for s in scores if s.headline]
    return (
        np.array([c for s in counted for c in s.confidence]),
        np.array([c for s in counted for c in s.calibrated]),
        np.array([r for s in counted for r in s.right], dtype=bool),
    )


def confidence_report(scores: list[FolderScore]) -> dict[str, float]:
    """On the headline folders' photos: the expected calibration error of the top answers (as the
    model gives them, and at its temperature); the
    share of wrong answers at 90% confidence or more, and of those the app still gives (not
    "not sure"); the share "not sure"; the accuracy of the answers given."""
    from fashion_lab.analysis.calibration import reliability

    confidence, calibrated, right = photo_confidences(scores)
    sure = np.array([k for s in scores if s.headline for k in s.sure], dtype=bool)
    if not len(confidence):
        keys = ("calibration_error", "calibrated_error", "wrong_at_90", "wrong_given_at_90", "not_sure")
        return dict.fromkeys((*keys, "answered_accuracy"), 0.0)
    wrong = ~right
    return {
        "calibration_error": reliability(confidence[:, None], right).expected_calibration_error,
        "calibrated_error": reliability(calibrated[:, None], right).expected_calibration_error,
        "wrong_at_90": float((confidence[wrong] >= 0.9).mean()) if wrong.any() else 0.0,
        "wrong_given_at_90": float(((confidence >= 0.9) & sure)[wrong].mean()) if wrong.any() else 0.0,
        "not_sure": float(1 - sure.mean()),
        "answered_accuracy": float(right[sure].mean()) if sure.any() else 0.0,
    }
