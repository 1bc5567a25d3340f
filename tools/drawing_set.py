"""The drawing set, for developing the drawing path: garments sketched the way people draw them
(fashion_lab.sketches), ten classes alike, each from a seed, so a set is reproducible from its
seeds alone.

The tune part (seeds from TUNE_SEED) is for choosing methods; the check parts (seeds from
CHECK_SEED, then SECOND_CHECK_SEED) are measured once each, at the end of a round
(docs/drawings.md). ``python -m tools.drawing_set FOLDER`` writes a part as PNG files with a
labels.csv, for the CLI's ``drawings`` command (``python -m fashion_lab drawings FOLDER --model
NAME``)."""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import numpy as np
from PIL import Image

from fashion_lab.data.fashion_mnist import CLASS_NAMES
from fashion_lab.sketches.garments import draw_garment, faces_right

__all__ = ["CHECK_SEED", "SECOND_CHECK_SEED", "TUNE_SEED", "draw_garment", "drawing_set", "faces_right"]

TUNE_SEED, CHECK_SEED, SECOND_CHECK_SEED = 0, 1_000_000, 2_000_000


def drawing_set(first_seed: int, per_class: int) -> tuple[list[np.ndarray], np.ndarray]:
    """``per_class`` drawings of each class, seeds from ``first_seed``: (drawings, labels)."""
    drawings, labels = [], []
    for label in range(len(CLASS_NAMES)):
        for k in range(per_class):
            drawings.append(draw_garment(label, first_seed + label * 10_000 + k))
            labels.append(label)
    return drawings, np.asarray(labels)


def write_set(folder: Path, first_seed: int, per_class: int) -> None:
    """The set as PNG files and a labels.csv (file, label) in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    drawings, labels = drawing_set(first_seed, per_class)
    with open(folder / "labels.csv", "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["file", "label"])
        for i, (drawing, label) in enumerate(zip(drawings, labels, strict=True)):
            name = f"{i:04d}-{CLASS_NAMES[label].replace('/', '-').replace(' ', '-').lower()}.png"
            Image.fromarray(drawing).save(folder / name)
            writer.writerow([name, int(label)])


PARTS = {"tune": TUNE_SEED, "check": CHECK_SEED, "second-check": SECOND_CHECK_SEED}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--part", choices=list(PARTS), default="tune")
    parser.add_argument("--per-class", type=int, default=30)
    args = parser.parse_args()
    write_set(args.folder, PARTS[args.part], args.per_class)


if __name__ == "__main__":
    main()
