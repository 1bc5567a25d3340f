"""Real phone photos to learn from: the cut-outs of the train split of clothing-dataset-small
(CC0; data/photo-cutouts/README.md says where they came from and how tools/photo_cutouts.py made
them). Each photo is kept as the 28x28 views the app answers on, with its class for training,
the classes its folder accepts, and whether it is in the validation part (a fifth, chosen by a
hash of the file name) that choices are made on and training never sees.

The file is checked against its recorded SHA-256 before it is read, and read without pickle.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from fashion_lab.i18n import _
from model_store.files import UnreadableFile, read_bounded

FOLDER = Path(__file__).resolve().parents[2] / "data" / "photo-cutouts"
CUTOUTS = FOLDER / "cutouts.npz"
CHECKSUM = FOLDER / "cutouts.sha256"
LABELS = FOLDER.parent / "clothing-photos" / "labels.csv"  # the folders' classes, as for scoring
VALIDATION_EVERY = 5  # every fifth photo of a folder (ranked by a hash of its name) is held out
MAX_BYTES = 50_000_000
ARRAYS = ("views", "labels", "accepted", "validation", "folders")  # PhotoCutouts' fields, in order


class CutoutsError(RuntimeError):
    """The cut-outs are missing or not the recorded ones; the message says what to do."""


@dataclass(frozen=True)
class PhotoCutouts:
    views: np.ndarray  # (n, views, 28, 28) uint8, garment light on black
    labels: np.ndarray  # (n,) the class trained on: the folder's, or the likeliest it accepts
    accepted: np.ndarray  # (n, 10) bool: the classes counted right for the photo
    validation: np.ndarray  # (n,) bool: held out from training
    folders: np.ndarray  # (n,) str: the dataset's folder

    def part(self, validation: bool) -> PhotoCutouts:
        keep = self.validation == validation
        return PhotoCutouts(*(getattr(self, name)[keep] for name in ARRAYS))


def record_checksum() -> str:
    digest = hashlib.sha256(CUTOUTS.read_bytes()).hexdigest()
    CHECKSUM.write_text(f"{digest}  {CUTOUTS.name}\n")
    return digest


def load_cutouts() -> PhotoCutouts:
    """The cut-outs, if they are the recorded ones; CutoutsError otherwise."""
    if not CUTOUTS.is_file() or not CHECKSUM.is_file():
        raise CutoutsError(
            _("{file} or its checksum is missing: it is in the repository (git checkout it)").format(
                file=CUTOUTS
            )
        )
    try:
        data = read_bounded(CUTOUTS, MAX_BYTES)
    except UnreadableFile as error:
        raise CutoutsError(_("{file} cannot be read: {error}").format(file=CUTOUTS, error=error)) from None
    recorded = CHECKSUM.read_text().split()[0]
    if hashlib.sha256(data).hexdigest() != recorded:
        raise CutoutsError(
            _("{file} does not match {checksum}: restore it, or remake it (tools/photo_cutouts.py)").format(
                file=CUTOUTS, checksum=CHECKSUM.name
            )
        )
    with np.load(io.BytesIO(data), allow_pickle=False) as arrays:
        return PhotoCutouts(*(arrays[name] for name in ARRAYS))


def with_real_photos(
    images: np.ndarray, labels: np.ndarray, repeats: int, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """``images`` and ``labels`` with ``repeats`` times as many training photos as there are (the
    validation part left out), drawn with replacement so that every folder gives as many (the
    t-shirts are 37% of the photos, the outwear 8%), every view of each, each copy mirrored
    left-right at random, shuffled in."""
    if repeats <= 0:
        return images, labels
    train = load_cutouts().part(validation=False)
    rng = np.random.default_rng(seed)
    folders = sorted(set(train.folders))
    each = -(-repeats * len(train.labels) // len(folders))
    drawn = np.concatenate([rng.choice(np.flatnonzero(train.folders == f), each) for f in folders])
    photos = train.views[drawn].reshape(-1, 28, 28)
    photo_labels = np.repeat(train.labels[drawn], train.views.shape[1])
    mirrored = rng.random(len(photos)) < 0.5
    photos[mirrored] = photos[mirrored, :, ::-1]
    x = np.concatenate([images, photos])
    y = np.concatenate([labels, photo_labels.astype(labels.dtype)])
    order = rng.permutation(len(x))
    return x[order], y[order]
