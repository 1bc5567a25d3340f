"""The command line: ``python -m fashion_lab train|list|evaluate|predict|photos|room|quiz``."""

from __future__ import annotations

import argparse
import sys
import time

from fashion_lab.cli.commands import command_evaluate, command_list, command_photos, command_predict
from fashion_lab.cli.drawing_scores import add_drawings_command
from fashion_lab.cli.quiz import add_quiz_command
from fashion_lab.cli.room import add_room_command
from fashion_lab.cli.train import command_train
from fashion_lab.data.fashion_mnist import DatasetError
from fashion_lab.i18n import _
from fashion_lab.images.decoding import ImageError
from fashion_lab.models.stored import open_store
from fashion_lab.training.config import PRECISIONS, SCHEDULES, TrainingConfig
from model_store import StoreError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m fashion_lab", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    train = commands.add_parser("train", help="train a model and save it in the store")
    train.add_argument(
        "--arch",
        default=None,
        help="architecture name (dense, cnn, ...; default: cnn, or the --init-from model's)",
    )
    defaults = TrainingConfig()
    train.add_argument("--epochs", type=int, default=defaults.epochs)
    train.add_argument("--batch-size", type=int, default=defaults.batch_size)
    train.add_argument(
        "--learning-rate", type=float, default=defaults.learning_rate, help="peak learning rate of Adam"
    )
    train.add_argument(
        "--schedule",
        choices=SCHEDULES,
        default=defaults.schedule,
        help="cosine: decay the learning rate to 0 by the last batch",
    )
    train.add_argument("--seed", type=int, default=defaults.seed)
    train.add_argument(
        "--augment",
        action="store_true",
        help="random shifts, zoom, flips and contrast of the training images",
    )
    train.add_argument(
        "--simulated-photos",
        type=float,
        default=defaults.simulated_photos,
        metavar="SHARE",
        help="also train on this share (0-1) of the images as the photo pipeline sees a simulated "
        "photo of each (random backgrounds, colours, patterns, light): for models that read photos",
    )
    train.add_argument(
        "--footwear-from-above",
        type=float,
        default=defaults.footwear_from_above,
        metavar="SHARE",
        help="of the simulated photos' sandals, sneakers and ankle boots, draw this share (0-1) as "
        "a pair seen from above, as a phone sees shoes on the floor (Fashion-MNIST has only side views)",
    )
    train.add_argument(
        "--drawings",
        type=float,
        default=defaults.drawings,
        metavar="SHARE",
        help="also train on this share (0-1) of the images redrawn as a person draws them (outlines "
        "at random brush widths, details as lines, gaps, flips, tilts): for models that read drawings",
    )
    train.add_argument(
        "--sketches",
        type=int,
        default=defaults.sketches,
        metavar="COUNT",
        help="also train on COUNT garments sketched as people draw them (outlines with collars, "
        "buttons, laces, handles; gaps, tilts, shoes facing either way), as the app's drawing path "
        "sees each: for models that read drawings",
    )
    train.add_argument(
        "--real-photos",
        type=int,
        default=defaults.real_photos,
        metavar="REPEATS",
        help="also train on REPEATS times as many real phone photos as the 1,739 cut-outs in "
        "data/photo-cutouts (clothing-dataset-small's train split, its validation part left out), "
        "drawn so that each of the six folders gives as many",
    )
    train.add_argument(
        "--precision",
        choices=PRECISIONS,
        default=defaults.precision,
        help="auto: mixed bfloat16 for CNNs where the CPU has native bf16 (faster), else float32",
    )
    train.add_argument(
        "--init-from",
        metavar="MODEL",
        help="start from this stored model's weights instead of random ones (fine-tuning; same architecture)",
    )
    train.add_argument("--limit", type=int, default=None, help="train on N images only")
    train.add_argument("--name", default=None, help="store name (default: arch-epochs-time)")
    train.add_argument("--quiet", action="store_true", help="no progress bar")
    train.add_argument(
        "--ray",
        metavar="ADDRESS",
        help="train in a Ray worker: 'local' (a Ray of its own), 'auto' or 'ray://host:port' (a "
        "cluster); default: FASHION_LAB_RAY_ADDRESS, or in this process when that is unset",
    )
    train.set_defaults(handler=command_train)

    listing = commands.add_parser("list", help="list stored models")
    listing.set_defaults(handler=command_list)

    evaluate = commands.add_parser("evaluate", help="re-evaluate a stored model on the test set")
    evaluate.add_argument("name")
    evaluate.set_defaults(handler=command_evaluate)

    predict = commands.add_parser("predict", help="classify image files with a stored model")
    predict.add_argument("name")
    predict.add_argument("images", nargs="+")
    predict.add_argument(
        "--drawing",
        action="store_true",
        help="each file is a drawing as the canvas hands it over (a PNG, light strokes on black, "
        "RGBA or grey, any size): answered exactly as the app answers a drawing",
    )
    predict.set_defaults(handler=command_predict)

    photos = commands.add_parser("photos", help="score the upload path on a folder of labelled photos")
    photos.add_argument("folder", help="e.g. data/clothing-photos (holds labels.csv)")
    photos.add_argument("--model", required=True, help="stored model name")
    photos.add_argument(
        "--pipeline",
        choices=("ours", "plain"),
        default="ours",
        help="plain: squash to 28x28 and invert, to compare",
    )
    photos.add_argument(
        "--half",
        choices=("tune", "check"),
        default=None,
        help="only one half of each folder (split by a hash of the file names): tune methods on "
        "'tune', report 'check'",
    )
    photos.add_argument(
        "--split",
        default="validation",
        help="the folder inside FOLDER that holds the garment folders (a clone of the clothing "
        "dataset: 'train')",
    )
    photos.add_argument("--labels", help="the folders' labels.csv, if not in the folder")
    photos.set_defaults(handler=command_photos)

    room, quiz = add_room_command(commands), add_quiz_command(commands)
    drawings = add_drawings_command(commands)
    for sub in (train, listing, evaluate, predict, photos, drawings, room, quiz):
        sub.add_argument("--json", action="store_true", help="print one JSON document")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; errors print one line and return a non-zero exit code."""
    args = build_parser().parse_args(argv)
    started = time.perf_counter()
    try:
        store = open_store()
        store.remove_leftovers()  # what a killed save left behind
        return args.handler(args, store)
    except (DatasetError, StoreError, ImageError, ValueError, RuntimeError, OSError) as error:
        print(_("error: {error}").format(error=error), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        seconds = f"{time.perf_counter() - started:.0f}"
        print("\n" + _("interrupted after {seconds}s").format(seconds=seconds), file=sys.stderr)
        return 130
