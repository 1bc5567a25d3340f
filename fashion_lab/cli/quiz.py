"""The command line's ``quiz`` command: a round's Guess 10 answers as CSV (one row per answer of
a finished phone) and its summary as JSON: the room's accuracy and 95% interval, both networks'
on the same ten, per image, and where the room mixed classes up."""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

from fashion_lab.cli.quiet_tensorflow import load_tensorflow
from fashion_lab.cli.room import round_number
from fashion_lab.data.fashion_mnist import CLASS_NAMES, load_dataset
from fashion_lab.i18n import _
from fashion_lab.room.drawings import open_room
from fashion_lab.room.quiz import model_answers, quiz_images, summarize

CSV_COLUMNS = ("phone", "position", "test_index", "true_class", "answer", "right", "seconds")


def command_quiz(args: argparse.Namespace, store) -> int:
    room = open_room()
    round_id = args.round if args.round is not None else room.current_round()
    seed = room.quiz_seed(round_id)  # a round that does not exist is said here
    for name in (args.dense, args.cnn):
        store.get(name)
    load_tensorflow()  # before the dataset too: a missing one is downloaded through Keras
    data = load_dataset()
    images = quiz_images(data.test_labels, seed)
    truths = [int(data.test_labels[i]) for i in images]
    dense, cnn = (
        model_answers(store.load(name), data.test_images[images]) for name in (args.dense, args.cnn)
    )
    answers = room.quiz_answers(round_id)
    summary = summarize(answers, images, truths, dense, cnn)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with open(out / f"quiz-round-{round_id}.csv", "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        for a in answers:
            truth = truths[a.position]
            row = (a.phone, a.position + 1, a.image, CLASS_NAMES[truth], CLASS_NAMES[a.answer])
            writer.writerow((*row, int(a.answer == truth), round(a.seconds, 2)))
    document = _summary(round_id, summary, args)
    (out / f"quiz-round-{round_id}.json").write_text(json.dumps(document, indent=1))
    if args.json:
        print(json.dumps(document))
    else:
        line = (
            _(
                "round {round}: {count} phone(s) finished, no finished phone yet, "
                "dense {dense}, CNN {cnn} -> {files}"
            )
            if summary.accuracy is None
            else _(
                "round {round}: {count} phone(s) finished, room {room}, dense {dense}, CNN {cnn} -> {files}"
            )
        )
        print(
            line.format(
                round=round_id,
                count=summary.finished,
                room=f"{summary.accuracy:.1%}" if summary.accuracy is not None else "",
                dense=f"{summary.dense_accuracy:.0%}",
                cnn=f"{summary.cnn_accuracy:.0%}",
                files=_("{folder}/quiz-round-{round}.csv and .json").format(folder=out, round=round_id),
            )
        )
    return 0


def _summary(round_id: int, summary, args) -> dict:
    return {
        "round": round_id,
        "finished_phones": summary.finished,
        "answers": summary.answers,
        "room_right": summary.right,
        "room_accuracy": summary.accuracy,
        "room_interval_95": list(summary.interval),
        "dense": {"model": args.dense, "accuracy": summary.dense_accuracy},
        "cnn": {"model": args.cnn, "accuracy": summary.cnn_accuracy},
        "published_human_accuracy": summary.human,
        "median_seconds": summary.median_seconds,
        "images": [
            {
                "position": p + 1,
                "test_index": summary.images[p],
                "true_class": CLASS_NAMES[truth],
                "room_share_right": summary.share_right[p],
                "dense_answer": CLASS_NAMES[summary.dense_answers[p]],
                "cnn_answer": CLASS_NAMES[summary.cnn_answers[p]],
            }
            for p, truth in enumerate(summary.truths)
        ],
        "room_confusion": {
            "rows_true_columns_answered": list(CLASS_NAMES),
            "counts": summary.confusion.tolist(),
        },
    }


def add_quiz_command(commands) -> argparse.ArgumentParser:
    quiz = commands.add_parser("quiz", help="export a round's Guess 10 answers (CSV) and summary (JSON)")
    quiz.add_argument(
        "--round", type=round_number, default=None, help="round number (default: the current one)"
    )
    quiz.add_argument("--out", default="room-export", help="folder for quiz-round-N.csv and .json")
    quiz.add_argument("--dense", default="bundled-dense", help="the dense network to score (stored name)")
    quiz.add_argument("--cnn", default="bundled-cnn", help="the CNN to score (stored name)")
    quiz.set_defaults(handler=command_quiz)
    return quiz
