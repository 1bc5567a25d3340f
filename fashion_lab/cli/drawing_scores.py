"""The command line's ``drawings`` command: a labelled set of drawings (a folder of PNG files and
its labels.csv: file, label) scored in one go, each file answered exactly as the app answers a
canvas (the drawing path, every view), for one model or several: how many right, per class, and
the shoes facing left and right apart. The drawing sets (tools/drawing_set.py, data/drawing-sets)
and the room's exports (``room --set``) are such folders."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import numpy as np

from fashion_lab.analysis.labelled_csv import csv_rows
from fashion_lab.cli.output import print_json
from fashion_lab.cli.quiet_tensorflow import load_tensorflow
from fashion_lab.data.fashion_mnist import CLASS_NAMES, NUM_CLASSES, class_name
from fashion_lab.i18n import N_, _

LABELS_FILE = "labels.csv"
COLUMNS = ("file", "label")
SHOES = (5, 7, 9)  # sandal, sneaker, ankle boot: Fashion-MNIST's face left, a person's either way
SHOE_SIDES = {"shoes_facing_left": N_("shoes facing left"), "shoes_facing_right": N_("shoes facing right")}
MAX_FILES = 10_000
MAX_LABELS_BYTES = 1_000_000  # 10,000 rows of a file name and a class fit in a tenth of it


def read_labelled_set(folder: Path) -> list[tuple[Path, int]]:
    """(file, label) of each row of the folder's labels.csv, or ValueError saying what is wrong."""
    labels = folder / LABELS_FILE
    if not labels.is_file():
        raise ValueError(_("{folder} holds no labels.csv").format(folder=folder))
    rows = []
    try:
        for number, row in enumerate(csv_rows(labels, COLUMNS, MAX_LABELS_BYTES), start=2):
            file, label = row["file"], row["label"]
            if not re.fullmatch("[0-9]", label) or not file or "/" in file or "\\" in file:
                raise ValueError(_("line {line}: a file name and a class 0-9").format(line=number))
            rows.append((folder / file, int(label)))
            if len(rows) > MAX_FILES:
                raise ValueError(_("it lists more than {most} drawings").format(most=f"{MAX_FILES:,}"))
        if not rows:
            raise ValueError(_("it lists no drawings"))
    except ValueError as error:  # a UnicodeDecodeError too
        raise ValueError(f"{labels}: {error}") from None
    return rows


def read_drawing(path: Path) -> tuple[list[np.ndarray], bool]:
    """What the models answer on for the drawing in ``path`` (its views), and whether the drawing
    path mirrors it (a shoe facing right); ImageError naming the file when it cannot be read."""
    from fashion_lab.images.decoding import ImageError, load_image_file
    from fashion_lab.images.drawings import canvas_image_pixels, preprocess_drawing

    pixels = canvas_image_pixels(load_image_file(path))  # its errors name the file
    try:
        prepared = preprocess_drawing(pixels)
    except ImageError as error:  # a blank drawing
        raise ImageError(f"{path}: {error}") from None
    return prepared.inputs, prepared.mirrored


def command_drawings(args: argparse.Namespace, store) -> int:
    folder = Path(args.folder)
    rows = read_labelled_set(folder)
    for name in args.model:
        store.get(name)
    read = [read_drawing(path) for path, _label in rows]  # one at a time: the views alone are kept
    views = [inputs for inputs, _facing in read]
    right_facing = np.array([facing for _inputs, facing in read], dtype=bool)
    labels = np.array([label for _path, label in rows], dtype=np.int64)
    load_tensorflow()
    from fashion_lab.analysis.evaluation import predict_views

    scores = {}
    for name in args.model:
        answers = predict_views(store.load(name), views).argmax(axis=1)
        scores[name] = count_right(answers == labels, labels, right_facing)
    if args.json:
        print_json({"folder": str(folder), "drawings": len(rows), "models": scores})
        return 0
    for name, score in scores.items():
        said = _("{model}: {right} of {total} right ({share})")
        print(
            said.format(
                model=name, right=score["right"], total=score["total"], share=f"{score['accuracy']:.1%}"
            )
        )
        for english, counts in score["classes"].items():
            print(f"  {class_name(CLASS_NAMES.index(english))}: {counts['right']}/{counts['total']}")
        for key, side in SHOE_SIDES.items():
            print(f"  {_(side)}: {score[key]['right']}/{score[key]['total']}")
    return 0


def count_right(right: np.ndarray, labels: np.ndarray, right_facing: np.ndarray) -> dict:
    """How many of the answers are right: in all, per class present, and for the shoes facing
    left and right apart (each {"right", "total", "accuracy"}; accuracy None where none)."""

    def counts(where: np.ndarray) -> dict:
        total = int(where.sum())
        hits = int(right[where].sum())
        return {"right": hits, "total": total, "accuracy": hits / total if total else None}

    shoes = np.isin(labels, SHOES)
    return {
        **counts(np.ones_like(right, dtype=bool)),
        "classes": {CLASS_NAMES[c]: counts(labels == c) for c in range(NUM_CLASSES) if (labels == c).any()},
        "shoes_facing_left": counts(shoes & ~right_facing),
        "shoes_facing_right": counts(shoes & right_facing),
    }


def add_drawings_command(commands) -> argparse.ArgumentParser:
    drawings = commands.add_parser(
        "drawings", help="score models on a labelled set of drawings (PNG files and labels.csv)"
    )
    drawings.add_argument("folder", help="e.g. data/drawing-sets/third-hand/tune (holds labels.csv)")
    drawings.add_argument(
        "--model", action="append", required=True, help="stored model name (repeat for more)"
    )
    drawings.set_defaults(handler=command_drawings)
    return drawings
