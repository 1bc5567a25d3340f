"""The command line: ``python -m fashion_lab train|list|evaluate|predict``."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from fashion_lab.config import PRECISIONS, SCHEDULES, TrainingConfig
from fashion_lab.data import CLASS_NAMES, DatasetError
from fashion_lab.preprocessing import ImageError
from fashion_lab.progress import describe_epoch, render_progress
from fashion_lab.stored_models import open_store
from model_store import BrokenEntry, ModelStore, StoreError, validate_name


def print_json(document: Any) -> None:
    print(json.dumps(document, indent=1))


def command_train(args: argparse.Namespace, store: ModelStore) -> int:
    from fashion_lab.metadata import store_saver
    from fashion_lab.training import TrainingJob

    config = TrainingConfig(
        architecture=args.arch,
        epochs=args.epochs,
        batch_size=args.batch_size,
        learning_rate=args.learning_rate,
        seed=args.seed,
        limit=args.limit,
        schedule=args.schedule,
        augment=args.augment,
        precision=args.precision,
    )
    config.validate()
    if args.name:
        validate_name(args.name)
    job = TrainingJob(config, save=store_saver(store, args.name)).start()
    seen = 0
    try:
        while not job.join(timeout=0.2):
            seen = _show_events(job, seen, config.epochs, args.quiet)
    except KeyboardInterrupt:
        print("\nstopping after the current few batches...", file=sys.stderr)
        job.stop()
        job.join()
    _show_events(job, seen, config.epochs, args.quiet)
    if job.error:
        raise RuntimeError(f"training failed: {job.error}")
    if job.save_error:
        raise StoreError(f"training ended but saving failed: {job.save_error}")
    result = job.result
    if args.json:
        print_json(
            {
                "name": job.saved_as,
                "architecture": config.architecture,
                "state": job.state.value,
                "test_accuracy": result.test_accuracy,
                "seconds": result.train_seconds,
                "epochs_completed": result.epochs_completed,
                "history": result.history,
            }
        )
    else:
        print(
            f"{job.state.value}: {config.architecture}, {result.epochs_completed} epoch(s) in "
            f"{result.train_seconds:.1f}s, test accuracy {result.test_accuracy:.2%}, "
            f"saved as {job.saved_as!r} in {store.root}"
        )
    return 0


def _show_events(job, seen: int, epochs: int, quiet: bool) -> int:
    events = job.events(seen)
    for event in events if not quiet else []:
        if event["kind"] == "batch":
            print(render_progress(event, epochs), end="", file=sys.stderr, flush=True)
        elif event["kind"] == "epoch":
            print(describe_epoch(event), file=sys.stderr, flush=True)
    return seen + len(events)


def command_list(args: argparse.Namespace, store: ModelStore) -> int:
    entries = store.entries()
    if args.json:
        print_json([_entry_summary(e) for e in entries])
        return 0
    if not entries:
        print(f"no models in {store.root}")
    for entry in entries:
        if isinstance(entry, BrokenEntry):
            print(f"{entry.name:32} BROKEN: {entry.reason}")
        else:
            epochs = entry.epochs if entry.epochs is not None else "?"
            print(
                f"{entry.name:32} {entry.architecture:8} {epochs:>3} ep "
                f"{entry.test_accuracy:7.2%}  {entry.created}"
            )
    return 0


def _entry_summary(entry) -> dict[str, Any]:
    if isinstance(entry, BrokenEntry):
        return {"name": entry.name, "broken": True, "reason": entry.reason}
    return {
        "name": entry.name,
        "broken": False,
        "architecture": entry.architecture,
        "epochs_completed": entry.epochs,
        "test_accuracy": entry.test_accuracy,
        "params": entry.params,
        "created": entry.created,
    }


def command_evaluate(args: argparse.Namespace, store: ModelStore) -> int:
    from fashion_lab.evaluation import evaluate_model

    entry = store.get(args.name)
    evaluation = evaluate_model(store.load(args.name))
    document = {
        "name": entry.name,
        "architecture": entry.architecture,
        "test_accuracy": evaluation.accuracy,
        "test_loss": evaluation.loss,
        "stored_test_accuracy": entry.test_accuracy,
    }
    if args.json:
        print_json(document)
    else:
        print(
            f"{entry.name}: test accuracy {evaluation.accuracy:.2%} (stored "
            f"{entry.test_accuracy:.2%}), loss {evaluation.loss:.4f}"
        )
    return 0


def command_predict(args: argparse.Namespace, store: ModelStore) -> int:
    from fashion_lab.evaluation import predict_images
    from fashion_lab.preprocessing import load_image_file, preprocess_upload

    model = store.load(args.name)
    pixels = [preprocess_upload(load_image_file(path)).pixels for path in args.images]
    probabilities = predict_images(model, pixels)
    results = []
    for path, probs in zip(args.images, probabilities, strict=True):
        label = int(probs.argmax())
        results.append(
            {
                "image": path,
                "label": label,
                "class_name": CLASS_NAMES[label],
                "probabilities": [round(float(p), 6) for p in probs],
            }
        )
    if args.json:
        print_json({"model": args.name, "predictions": results})
    for result in results if not args.json else []:
        confidence = result["probabilities"][result["label"]]
        print(f"{result['image']}: {result['class_name']} ({confidence:.1%})")
    return 0


def command_photos(args: argparse.Namespace, store: ModelStore) -> int:
    from fashion_lab.data import CLASS_NAMES
    from fashion_lab.photos import headline, score_photos

    scores = score_photos(Path(args.folder), store.load(args.model), args.pipeline)
    document = {
        "model": args.model,
        "pipeline": args.pipeline,
        "headline": headline(scores),
        "folders": {
            s.folder: {
                "accuracy": s.accuracy,
                "correct": s.correct,
                "total": s.total,
                "headline": s.headline,
                "unreadable": s.unreadable,
                "predicted": {CLASS_NAMES[k]: s.predicted.count(k) for k in set(s.predicted)},
            }
            for s in scores
        },
    }
    if args.json:
        print_json(document)
        return 0
    print(f"{args.model} ({args.pipeline} pipeline): headline {document['headline']:.1%}")
    for s in scores:
        accuracy = f"{s.accuracy:6.1%}" if s.accuracy is not None else "   n/a"
        aside = "" if s.headline else "  not in headline"
        print(f"  {s.folder:12} {accuracy} ({s.correct}/{s.total}){aside}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m fashion_lab", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    train = commands.add_parser("train", help="train a model and save it in the store")
    train.add_argument("--arch", default="cnn", help="architecture name (dense, cnn, ...)")
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
        "--precision",
        choices=PRECISIONS,
        default=defaults.precision,
        help="auto: mixed bfloat16 for CNNs where the CPU has native bf16 (faster), else float32",
    )
    train.add_argument("--limit", type=int, default=None, help="train on N images only")
    train.add_argument("--name", default=None, help="store name (default: arch-epochs-time)")
    train.add_argument("--quiet", action="store_true", help="no progress bar")
    train.set_defaults(handler=command_train)

    listing = commands.add_parser("list", help="list stored models")
    listing.set_defaults(handler=command_list)

    evaluate = commands.add_parser("evaluate", help="re-evaluate a stored model on the test set")
    evaluate.add_argument("name")
    evaluate.set_defaults(handler=command_evaluate)

    predict = commands.add_parser("predict", help="classify image files with a stored model")
    predict.add_argument("name")
    predict.add_argument("images", nargs="+")
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
    photos.set_defaults(handler=command_photos)

    for sub in (train, listing, evaluate, predict, photos):
        sub.add_argument("--json", action="store_true", help="print one JSON document")
    return parser


@contextmanager
def native_stderr_silenced():
    """Hide file descriptor 2: TensorFlow's C++ start-up notes ignore every log-level setting."""
    sys.stderr.flush()
    saved = os.dup(2)
    with open(os.devnull, "wb") as devnull:
        os.dup2(devnull.fileno(), 2)
    try:
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; errors print one line and return a non-zero exit code."""
    args = build_parser().parse_args(argv)
    started = time.perf_counter()
    try:
        if args.command != "list":
            with native_stderr_silenced():
                import tensorflow  # noqa: F401 - loaded here so its notes stay hidden
        store = open_store()
        store.remove_leftovers()  # what a killed save left behind
        return args.handler(args, store)
    except (DatasetError, StoreError, ImageError, ValueError, RuntimeError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"\ninterrupted after {time.perf_counter() - started:.0f}s", file=sys.stderr)
        return 130
