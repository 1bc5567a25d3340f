"""The command line's commands that read the store: list, evaluate, predict, photos."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from fashion_lab.cli.output import print_json
from fashion_lab.cli.quiet_tensorflow import load_tensorflow
from fashion_lab.data.fashion_mnist import CLASS_NAMES, class_name
from fashion_lab.i18n import _
from model_store import BrokenEntry, ModelStore


def command_list(args: argparse.Namespace, store: ModelStore) -> int:
    entries = store.entries()
    if args.json:
        print_json([_entry_summary(e) for e in entries])
        return 0
    if not entries:
        print(_("no models in {folder}").format(folder=store.root))
    for entry in entries:
        if isinstance(entry, BrokenEntry):
            print(_("{name} BROKEN: {reason}").format(name=f"{entry.name:32}", reason=entry.reason))
        else:
            epochs = entry.epochs if entry.epochs is not None else "?"
            stopped = "  " + _("stopped") if entry.stopped else ""
            print(
                f"{entry.name:32} {entry.architecture:8} {epochs:>3} ep "
                f"{entry.test_accuracy:7.2%}  {entry.created}{stopped}"
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
        "stopped": entry.stopped,
        "test_accuracy": entry.test_accuracy,
        "params": entry.params,
        "created": entry.created,
    }


def command_evaluate(args: argparse.Namespace, store: ModelStore) -> int:
    entry = store.get(args.name)
    load_tensorflow()
    from fashion_lab.analysis.evaluation import evaluate_model

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
            _("{name}: test accuracy {accuracy} (stored {stored}), loss {loss}").format(
                name=entry.name,
                accuracy=f"{evaluation.accuracy:.2%}",
                stored=f"{entry.test_accuracy:.2%}",
                loss=f"{evaluation.loss:.4f}",
            )
        )
    return 0


def command_predict(args: argparse.Namespace, store: ModelStore) -> int:
    from fashion_lab.images.decoding import load_image_file
    from fashion_lab.images.drawings import canvas_image_pixels, preprocess_drawing
    from fashion_lab.images.preprocessing import preprocess_upload

    store.get(args.name)
    if args.drawing:  # each file as the canvas hands a drawing over: the app's drawing path
        pictures = [canvas_image_pixels(load_image_file(path)) for path in args.images]
        views = [preprocess_drawing(pixels).inputs for pixels in pictures]
    else:
        views = [preprocess_upload(load_image_file(path)).inputs for path in args.images]
    load_tensorflow()
    from fashion_lab.analysis.evaluation import predict_views

    model = store.load(args.name)
    probabilities = predict_views(model, views)
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
        print(f"{result['image']}: {class_name(result['label'])} ({confidence:.1%})")
    return 0


def command_photos(args: argparse.Namespace, store: ModelStore) -> int:
    from fashion_lab.analysis.photo_scores import LABELS_FILE, photo_folder_problem

    entry = store.get(args.model)
    root, labels = Path(args.folder), Path(args.labels) if args.labels else None
    problem = photo_folder_problem(root, args.split, labels)
    if problem:
        raise ValueError(problem)
    load_tensorflow()
    from fashion_lab.analysis.calibration import fit_photo_temperature_for, trained_on_real_photos
    from fashion_lab.analysis.photo_scores import (
        balanced,
        balanced_interval,
        confidence_report,
        headline,
        score_photos,
    )
    from fashion_lab.data.fashion_mnist import load_dataset

    model, test = store.load(args.model), load_dataset()
    real_photos = trained_on_real_photos(entry.meta)
    temperature = fit_photo_temperature_for(model, real_photos, test.test_images, test.test_labels)
    scores = score_photos(root, model, args.pipeline, args.half, temperature, args.split, labels)
    document = {
        "model": args.model,
        "pipeline": args.pipeline,
        "split": args.split,
        "labels": str(labels or root / LABELS_FILE),
        "half": args.half or "all",
        "temperature": temperature,
        "headline": headline(scores),
        "balanced": balanced(scores),
        "balanced_interval": balanced_interval(scores),
        **confidence_report(scores),
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
    d = document
    summary = _(
        "{model} ({pipeline} pipeline, {half} photos of {split}/): headline {headline}, balanced {balanced} "
        "(the mean of the headline folders; {level} interval {low}-{high}, photos resampled)"
    ).format(
        model=args.model,
        pipeline=args.pipeline,
        half=d["half"],
        split=args.split,
        headline=f"{d['headline']:.1%}",
        balanced=f"{d['balanced']:.1%}",
        low=f"{d['balanced_interval'][0]:.1%}",
        high=f"{d['balanced_interval'][1]:.1%}",
        level="95%",
    )
    calibration = _(
        "calibration error {error} ({calibrated} at the photo temperature {temperature}); "
        "wrong answers at >= 90%: {wrong}, still given: {given}"
    ).format(
        error=f"{d['calibration_error']:.3f}",
        calibrated=f"{d['calibrated_error']:.3f}",
        temperature=f"{temperature:.2f}",
        wrong=f"{d['wrong_at_90']:.0%}",
        given=f"{d['wrong_given_at_90']:.0%}",
    )
    answered = _("not sure: {not_sure}; the answers given: {accuracy} right").format(
        not_sure=f"{d['not_sure']:.0%}", accuracy=f"{d['answered_accuracy']:.1%}"
    )
    print(f"{summary}\n  {calibration}\n  {answered}")
    for s in scores:
        accuracy = f"{s.accuracy:6.1%}" if s.accuracy is not None else "   n/a"
        aside = "" if s.headline else "  " + _("not in headline")
        print(f"  {s.folder:12} {accuracy} ({s.correct}/{s.total}){aside}")
    return 0
