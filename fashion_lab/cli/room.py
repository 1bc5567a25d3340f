"""The command line's ``room`` command: a round's drawings (or every round's) for the talk's
slides, as one JSON document and one contact sheet (every drawing large, a band under it: green
where the CNN was right, red where it was wrong); with ``--set``, also as a labelled set (a PNG
per drawing and labels.csv: file, the class asked for) that any model can be scored on."""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

from PIL import Image, ImageDraw

from fashion_lab.data.fashion_mnist import CLASS_NAMES, class_name
from fashion_lab.i18n import _
from fashion_lab.i18n.fonts import picture_font
from fashion_lab.room.drawings import open_room, pixels_of, scoreboard

TILE, BAND, COLUMNS = 112, 36, 10  # the band: the class asked, and the CNN's answer
LABEL_SIZE, LABEL_INSET = 13, 6  # pixels
MAX_ROUND = 2**31 - 1  # what both databases' round ids hold
RIGHT, WRONG = (44, 160, 44), (214, 39, 40)


def command_room(args: argparse.Namespace, store) -> int:
    room = open_room()
    round_id = args.round if args.round is not None else room.current_round()
    if round_id > room.current_round():
        raise ValueError(
            _("there is no round {round} (the rounds are 1 to {last})").format(
                round=round_id, last=room.current_round()
            )
        )
    drawings = room.drawings(round_id, every_round=args.every_round)
    score = scoreboard(room, round_id, every_round=args.every_round)
    name = "every-round" if args.every_round else f"round-{round_id}"
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if args.set:
        write_labelled_set(drawings, out / f"{name}-set")
    document = {
        "round": "every" if args.every_round else round_id,
        "drawings": len(drawings),
        "dense_right": score.dense_right,
        "cnn_right": score.cnn_right,
        "per_class": {
            name: dict(zip(("drawings", "dense_right", "cnn_right"), counts, strict=True))
            for name, counts in score.per_class.items()
        },
        "items": [
            {
                "id": d.id,
                "asked": CLASS_NAMES[d.asked],
                "dense": {"answer": CLASS_NAMES[d.dense_answer], "confidence": round(d.dense_confidence, 4)},
                "cnn": {"answer": CLASS_NAMES[d.cnn_answer], "confidence": round(d.cnn_confidence, 4)},
                "created": d.created,
            }
            for d in drawings
        ],
    }
    (out / f"{name}.json").write_text(json.dumps(document, indent=1))
    contact_sheet(drawings).save(out / f"{name}.png")
    if args.json:
        print(json.dumps(document | {"files": [str(out / f"{name}.{ext}") for ext in ("json", "png")]}))
        return 0
    heading = _("every round") if args.every_round else _("round {round}").format(round=round_id)
    files = (
        _("{folder}/{name}.json and .png, {folder}/{name}-set/")
        if args.set
        else _("{folder}/{name}.json and .png")
    ).format(folder=out, name=name)
    print(
        _("{heading}: {count} drawing(s), dense {dense} right, CNN {cnn} right -> {files}").format(
            heading=heading, count=len(drawings), dense=score.dense_right, cnn=score.cnn_right, files=files
        )
    )
    return 0


def write_labelled_set(drawings, folder: Path) -> None:
    """Each drawing as the 28x28 PNG the models answered on, and labels.csv (file, label: the
    class that was asked for)."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "labels.csv", "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["file", "label"])
        for drawing in drawings:
            file = f"{drawing.id:06d}.png"
            (folder / file).write_bytes(drawing.png)
            writer.writerow([file, drawing.asked])


def contact_sheet(drawings) -> Image.Image:
    """Every drawing at TILE pixels, COLUMNS a row, newest first, each over its CNN band (green:
    right, red: wrong) saying the class asked and the CNN's answer, in the CLI's language."""
    rows = max(1, -(-len(drawings) // COLUMNS))
    sheet = Image.new("RGB", (COLUMNS * TILE, rows * (TILE + BAND)), (255, 255, 255))
    draw = ImageDraw.Draw(sheet)
    for index, drawing in enumerate(drawings):
        x, y = (index % COLUMNS) * TILE, (index // COLUMNS) * (TILE + BAND)
        tile = Image.fromarray(pixels_of(drawing.png)).resize((TILE, TILE), Image.Resampling.NEAREST)
        sheet.paste(tile.convert("RGB"), (x, y))
        draw.rectangle(
            (x, y + TILE, x + TILE - 1, y + TILE + BAND - 1), fill=RIGHT if drawing.cnn_right else WRONG
        )
        for line, text in enumerate(band_label(drawing)):
            where = (x + LABEL_INSET, y + TILE + 2 + line * (LABEL_SIZE + 4))
            draw.text(where, text, fill=(255, 255, 255), font=picture_font(LABEL_SIZE))
    return sheet


def band_label(drawing) -> tuple[str, str]:
    """The two lines under a drawing: the class asked for, and what the CNN answered."""
    return class_name(drawing.asked), _("CNN: {answer}").format(answer=class_name(drawing.cnn_answer))


def round_number(text: str) -> int:
    """--round's value: a whole number from 1 to MAX_ROUND, or argparse's one-line error."""
    if not text.strip().isdigit() or not 1 <= int(text) <= MAX_ROUND:
        raise argparse.ArgumentTypeError(
            _("a round is a whole number from 1 to {last}, not {text}").format(
                last=MAX_ROUND, text=repr(text[:30])
            )
        )
    return int(text)


def add_room_command(commands) -> argparse.ArgumentParser:
    room = commands.add_parser("room", help="export a round of the room (JSON and a contact sheet PNG)")
    room.add_argument(
        "--round", type=round_number, default=None, help="round number (default: the current one)"
    )
    room.add_argument("--out", default="room-export", help="folder to write round-N.json and round-N.png")
    room.add_argument("--every-round", action="store_true", help="every round's drawings, not one round's")
    room.add_argument(
        "--set",
        action="store_true",
        help="also write the drawings as a labelled set: a PNG each and labels.csv",
    )
    room.set_defaults(handler=command_room)
    return room
