"""The training photos' cut-outs (issue 41): every photo of the six headline folders of the train
split of clothing-dataset-small (CC0), put through the app's own photo pipeline, kept as the
28x28 views the models answer on. Only the train split is ever read; its test split, and every
other collection of clothing photos, stay unseen.

    git clone https://github.com/alexeygrigorev/clothing-dataset-small /tmp/clothing
    python -m tools.photo_cutouts /tmp/clothing

writes data/photo-cutouts/cutouts.npz and its checksum (fashion_lab/data/photo_cutouts.py reads
them). A fifth of the photos, chosen by a hash of the file name, is the validation part that
every choice is made on; training never sees it.
"""

from __future__ import annotations

import hashlib
import io
import sys
from pathlib import Path

import numpy as np

from fashion_lab.analysis.photo_scores import IMAGE_SUFFIXES, read_label_map
from fashion_lab.data.photo_cutouts import CUTOUTS, LABELS, VALIDATION_EVERY, record_checksum
from fashion_lab.images.decoding import ImageError, load_image_file
from fashion_lab.images.preprocessing import preprocess_upload
from fashion_lab.images.segmentation import CLOSINGS
from tools.app_server import ROOT

SPLIT = "train"  # the only split of the dataset this project reads besides data/clothing-photos
LABELLER = "bundled-cnn-deep-photos"  # picks a shoe's class among sandal, sneaker and ankle boot


def validation_names(names: list[str]) -> set[str]:
    """Every VALIDATION_EVERY-th name ranked by its SHA-256: a fifth of every folder."""
    ranked = sorted(names, key=lambda name: hashlib.sha256(name.encode()).hexdigest())
    return {name for rank, name in enumerate(ranked) if rank % VALIDATION_EVERY == 0}


def views_of(path: Path) -> np.ndarray | None:
    """(len(CLOSINGS), 28, 28): the photo's views as the app answers on them (the first repeated
    when the segmentation made fewer), or None when it cannot be read."""
    try:
        inputs = preprocess_upload(load_image_file(path)).inputs
    except ImageError as error:
        print(f"skipped: {error}", flush=True)
        return None
    return np.stack(inputs + inputs[:1] * (len(CLOSINGS) - len(inputs)))


def main(clone: Path) -> int:
    from fashion_lab.analysis.evaluation import predict_views
    from fashion_lab.models.stored import open_store

    labeller = open_store().load(LABELLER)
    views, labels, accepted, validation, folders = [], [], [], [], []
    for score in read_label_map(LABELS):
        if not score.headline:
            continue
        folder = clone / SPLIT / score.folder
        files = sorted(p for p in folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)
        held_out = validation_names([p.name for p in files])
        found = [(p, v) for p in files if (v := views_of(p)) is not None]
        answers = predict_views(labeller, [v for _, v in found])
        for (path, seen), probabilities in zip(found, answers, strict=True):
            # one class for training: the folder's, or the likeliest of the classes it accepts
            label = score.accepted[int(np.argmax(probabilities[score.accepted]))]
            views.append(seen)
            labels.append(label)
            accepted.append(np.isin(np.arange(10), score.accepted))
            validation.append(path.name in held_out)
            folders.append(score.folder)
        print(f"{score.folder}: {len(found)} photos, {len(held_out)} held out", flush=True)
    buffer = io.BytesIO()
    np.savez_compressed(
        buffer,
        views=np.stack(views).astype(np.uint8),
        labels=np.array(labels, dtype=np.uint8),
        accepted=np.stack(accepted),
        validation=np.array(validation),
        folders=np.array(folders),
    )
    CUTOUTS.parent.mkdir(parents=True, exist_ok=True)
    CUTOUTS.write_bytes(buffer.getvalue())
    record_checksum()
    print(f"wrote {CUTOUTS.relative_to(ROOT)}: {len(views)} photos, {CUTOUTS.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
