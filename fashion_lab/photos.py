"""Score the upload path on real phone photos (data/clothing-photos and its labels.csv)."""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image

from fashion_lab.data import IMAGE_SHAPE
from fashion_lab.evaluation import predict_images
from fashion_lab.imaging import ImageError, load_image_file
from fashion_lab.preprocessing import preprocess_upload

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".bmp", ".gif"}


@dataclass
class FolderScore:
    folder: str
    accepted: list[int]
    headline: bool
    correct: int = 0
    total: int = 0
    predicted: list[int] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.total if self.total and self.accepted else None


def plain_pipeline(image: Image.Image) -> np.ndarray:
    """The naive baseline: squash to 28x28 and invert, no trimming, no segmentation."""
    return 255 - np.asarray(image.convert("L").resize(IMAGE_SHAPE[::-1], Image.Resampling.BOX))


def ours(image: Image.Image) -> np.ndarray:
    return preprocess_upload(image).pixels


PIPELINES: dict[str, Callable[[Image.Image], np.ndarray]] = {"ours": ours, "plain": plain_pipeline}


def read_label_map(root: Path) -> list[FolderScore]:
    """labels.csv: folder, accepted labels (space separated, may be empty), headline yes/no."""
    with open(root / "labels.csv", newline="", encoding="utf-8") as handle:
        return [
            FolderScore(
                row["folder"],
                [int(x) for x in row["accepted_labels"].split()],
                row["headline"].strip().lower() == "yes",
            )
            for row in csv.DictReader(handle)
        ]


def score_photos(root: Path, model, pipeline: str = "ours") -> list[FolderScore]:
    """Predict every photo under root/validation/<folder>/ and count the accepted answers."""
    prepare = PIPELINES[pipeline]
    scores = read_label_map(root)
    for score in scores:
        folder = root / "validation" / score.folder
        files = sorted(p for p in folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)
        inputs = []
        for path in files:
            try:
                inputs.append(prepare(load_image_file(path)))
            except ImageError as error:
                score.unreadable.append(str(error))  # it names the file
        if not inputs:
            continue
        score.predicted = [int(p) for p in predict_images(model, inputs).argmax(axis=1)]
        score.total = len(score.predicted)
        score.correct = sum(p in score.accepted for p in score.predicted)
    return scores


def headline(scores: list[FolderScore]) -> float:
    """Top-1 accuracy over the photos of the headline folders."""
    counted = [s for s in scores if s.headline]
    total = sum(s.total for s in counted)
    return sum(s.correct for s in counted) / total if total else 0.0
