"""Garment drawings made the way people draw them, for developing the drawing path: outlines
mostly, with collars, buttons, zips, laces, handles and straps drawn inside; a few scribbled in;
shoes facing either way; brushes of 6-30 px; tilted up to 15 degrees; outlines that do not quite
close; a hand's wobble. Each drawing is the canvas as the app receives it (light strokes on
black), drawn from a seed, so a set is reproducible from its seeds alone.

The tune part (seeds from TUNE_SEED) is for choosing methods; the check part (seeds from
CHECK_SEED) is measured once, at the end (docs/drawings.md). ``python -m tools.drawing_set
FOLDER`` writes both as PNG files with a labels.csv, for the CLI's ``predict --drawing``."""

from __future__ import annotations

import argparse
import csv
import math
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from fashion_lab.data.fashion_mnist import CLASS_NAMES

TUNE_SEED, CHECK_SEED = 0, 1_000_000
Stroke = list[tuple[float, float]]  # points in the unit square, y down


def _arc(cx: float, cy: float, rx: float, ry: float, start: float, end: float, n: int = 12) -> Stroke:
    angles = np.linspace(math.radians(start), math.radians(end), n)
    return [(cx + rx * math.cos(a), cy + ry * math.sin(a)) for a in angles]


def _closed(points: Stroke) -> Stroke:
    return [*points, points[0]]


def _buttons(rng, x: float, top: float, bottom: float, count: int) -> list[Stroke]:
    """Small circles (or dots: a circle too small to see as one) down a line."""
    r = rng.uniform(0.008, 0.02)
    return [_closed(_arc(x, y, r, r, 0, 330, 8)) for y in np.linspace(top, bottom, count)]


def t_shirt(rng) -> list[Stroke]:
    w, s, h = rng.uniform(0.22, 0.3), rng.uniform(0.12, 0.2), rng.uniform(0.7, 0.85)
    top, sleeve = 0.12, rng.uniform(0.15, 0.25)
    body = [
        (0.5 - w + 0.05, top),
        (0.42, top),
        (0.58, top),
        (0.5 + w - 0.05, top),
        (0.5 + w + s, top + sleeve * 0.6),
        (0.5 + w + s * 0.6, top + sleeve + 0.05),
        (0.5 + w, top + sleeve),
        (0.5 + w, top + h),
        (0.5 - w, top + h),
        (0.5 - w, top + sleeve),
        (0.5 - w - s * 0.6, top + sleeve + 0.05),
        (0.5 - w - s, top + sleeve * 0.6),
    ]
    strokes = [_closed(body)]
    if rng.random() < 0.7:
        strokes.append(_arc(0.5, top, 0.08, rng.uniform(0.04, 0.08), 0, 180))  # neckline
    if rng.random() < 0.2:
        strokes.append(_closed([(0.56, 0.35), (0.66, 0.35), (0.66, 0.45), (0.56, 0.45)]))  # pocket
    return strokes


def trouser(rng) -> list[Stroke]:
    w, gap, h = rng.uniform(0.16, 0.22), rng.uniform(0.015, 0.05), rng.uniform(0.78, 0.88)
    crotch, flare = rng.uniform(0.25, 0.4), rng.uniform(-0.02, 0.04)
    top = 0.06
    outline = [
        (0.5 - w, top),
        (0.5 + w, top),
        (0.5 + w + flare, top + h),
        (0.5 + gap + 0.02, top + h),
        (0.5, top + crotch),
        (0.5 - gap - 0.02, top + h),
        (0.5 - w - flare, top + h),
    ]
    strokes = [_closed(outline)]
    if rng.random() < 0.6:
        strokes.append([(0.5 - w, top + 0.06), (0.5 + w, top + 0.06)])  # waistband
    if rng.random() < 0.3:
        strokes.append([(0.5, top + 0.06), (0.5, top + crotch * 0.7)])  # fly
    return strokes


def _long_sleeved(rng, length: float) -> tuple[Stroke, float, float]:
    """Shoulders, sleeves angled down and out to their cuffs, the body between them."""
    w, s = rng.uniform(0.16, 0.22), rng.uniform(0.08, 0.11)  # half the body's width, a sleeve's
    top, out = 0.08, rng.uniform(0.06, 0.18)  # how far the cuffs stand out from the body
    cuff_y, armpit = top + length * rng.uniform(0.75, 0.95), top + rng.uniform(0.18, 0.26)
    body = [
        (0.5 - w, top),
        (0.42, top),
        (0.58, top),
        (0.5 + w, top),
        (0.5 + w + out + s, cuff_y),
        (0.5 + w + out, cuff_y + 0.03),
        (0.5 + w, armpit),
        (0.5 + w, top + length),
        (0.5 - w, top + length),
        (0.5 - w, armpit),
        (0.5 - w - out, cuff_y + 0.03),
        (0.5 - w - out - s, cuff_y),
    ]
    return body, w, top


def pullover(rng) -> list[Stroke]:
    body, w, top = _long_sleeved(rng, rng.uniform(0.72, 0.82))
    strokes = [_closed(body)]
    if rng.random() < 0.7:
        strokes.append(_arc(0.5, top, 0.08, 0.06, 0, 180))  # round neck
    if rng.random() < 0.4:
        bottom = body[7][1]
        strokes.append([(0.5 - w, bottom - 0.05), (0.5 + w, bottom - 0.05)])  # ribbed hem
    return strokes


def coat(rng) -> list[Stroke]:
    body, w, top = _long_sleeved(rng, rng.uniform(0.8, 0.9))
    bottom = body[7][1]
    strokes = [_closed(body)]
    if rng.random() < 0.8:
        strokes.append([(0.5, top + 0.12), (0.5, bottom)])  # the front's opening or zip
    if rng.random() < 0.6:
        strokes += [[(0.42, top), (0.5, top + 0.14), (0.58, top)], [(0.38, top), (0.47, top + 0.2)]]  # lapels
    if rng.random() < 0.5:
        strokes += _buttons(rng, 0.53, top + 0.2, bottom - 0.1, int(rng.integers(3, 6)))
    if rng.random() < 0.3:
        strokes.append([(0.5 - w + 0.04, 0.6), (0.5 - 0.05, 0.6)])  # pocket
    return strokes


def shirt(rng) -> list[Stroke]:
    body, w, top = _long_sleeved(rng, rng.uniform(0.74, 0.84))
    bottom = body[7][1]
    strokes = [_closed(body)]
    if rng.random() < 0.8:
        strokes += [
            [(0.42, top), (0.45, top + 0.08), (0.5, top + 0.04)],
            [(0.58, top), (0.55, top + 0.08), (0.5, top + 0.04)],
        ]
    if rng.random() < 0.7:
        strokes.append([(0.5, top + 0.05), (0.5, bottom)])  # placket
    if rng.random() < 0.6:
        strokes += _buttons(rng, 0.52, top + 0.12, bottom - 0.08, int(rng.integers(3, 6)))
    if rng.random() < 0.3:
        strokes.append(_closed([(0.56, 0.3), (0.64, 0.3), (0.64, 0.38), (0.56, 0.38)]))
    return strokes


def dress(rng) -> list[Stroke]:
    shoulder, waist, hem = rng.uniform(0.1, 0.16), rng.uniform(0.08, 0.12), rng.uniform(0.25, 0.4)
    top, waist_y = 0.06, rng.uniform(0.3, 0.42)
    outline = [
        (0.5 - shoulder, top),
        (0.44, top + 0.02),
        (0.5, top + 0.08),
        (0.56, top + 0.02),
        (0.5 + shoulder, top),
        (0.5 + shoulder + 0.02, top + 0.12),
        (0.5 + waist, waist_y),
        (0.5 + hem, 0.94),
        (0.5 - hem, 0.94),
        (0.5 - waist, waist_y),
        (0.5 - shoulder - 0.02, top + 0.12),
    ]
    strokes = [_closed(outline)]
    if rng.random() < 0.5:
        strokes.append([(0.5 - waist, waist_y), (0.5 + waist, waist_y)])  # waist seam
    return strokes


def _shoe(rng, height: float, toe_to_left: bool = True) -> tuple[list[Stroke], float, float]:
    """A shoe's profile facing left: the sole from heel to toe, the toe cap, the heel's back."""
    sole, toe_h = rng.uniform(0.72, 0.84), rng.uniform(0.1, 0.16)
    y0 = 0.5 + height / 2  # the ground
    left, right = 0.5 - sole / 2, 0.5 + sole / 2
    top = y0 - height
    outline = [
        (right, y0),
        (left + 0.06, y0),
        *_arc(left + 0.08, y0 - toe_h / 2, 0.08, toe_h / 2, 90, 250, 6),
        (left + 0.2, y0 - toe_h - 0.02),
        (right - 0.3, top),
        (right - 0.02, top),
        (right, y0 - 0.05),
    ]
    return [_closed(outline)], y0, top


def sneaker(rng) -> list[Stroke]:
    strokes, y0, top = _shoe(rng, rng.uniform(0.28, 0.36))
    if rng.random() < 0.7:
        strokes.append([(0.14, y0 - 0.05), (0.86, y0 - 0.05)])  # the sole's top
    if rng.random() < 0.7:
        for i in range(int(rng.integers(2, 5))):  # laces
            x = 0.4 + 0.07 * i
            strokes.append([(x, top + 0.08 + 0.02 * i), (x + 0.08, top + 0.02 * i + 0.02)])
    return strokes


def ankle_boot(rng) -> list[Stroke]:
    shaft = rng.uniform(0.5, 0.62)
    strokes, y0, top = _shoe(rng, shaft)
    strokes = [
        _closed(
            [
                (0.88, y0),
                (0.16, y0),
                *_arc(0.2, y0 - 0.08, 0.08, 0.08, 90, 230, 5),
                (0.3, y0 - 0.2),
                (0.5, y0 - 0.26),
                (0.52, top),
                (0.86, top),
                (0.88, y0 - 0.1),
            ]
        )
    ]
    if rng.random() < 0.6:
        heel = rng.uniform(0.04, 0.1)
        strokes.append([(0.7, y0), (0.72, y0 + heel), (0.88, y0 + heel), (0.88, y0)])
    if rng.random() < 0.5:
        strokes.append([(0.62, top + 0.04), (0.58, y0 - 0.2)])  # zip or laces
    return strokes


def sandal(rng) -> list[Stroke]:
    y0 = rng.uniform(0.6, 0.7)
    heel = rng.uniform(0.0, 0.25)  # a high heel lifts the back
    sole = [
        (0.1, y0),
        (0.55, y0),
        (0.9, y0 - heel),
        (0.9, y0 - heel + 0.05),
        (0.55, y0 + 0.05),
        (0.1, y0 + 0.05),
    ]
    strokes = [_closed(sole)]
    if heel > 0.08:
        strokes.append([(0.82, y0 - heel + 0.05), (0.84, y0 + 0.08)])
    for i in range(int(rng.integers(2, 5))):  # straps over the foot, open between them
        x = 0.18 + 0.16 * i + rng.uniform(-0.03, 0.03)
        height = rng.uniform(0.15, 0.3)
        strokes.append(_arc(x + 0.06, y0 - heel * (x / 0.9), 0.07, height, 180, 360, 8))
    return strokes


def bag(rng) -> list[Stroke]:
    w, h, taper = rng.uniform(0.3, 0.4), rng.uniform(0.35, 0.5), rng.uniform(0.0, 0.06)
    top = rng.uniform(0.38, 0.46)
    body = [(0.5 - w + taper, top), (0.5 + w - taper, top), (0.5 + w, top + h), (0.5 - w, top + h)]
    strokes = [_closed(body)]
    handle_w, handle_h = rng.uniform(0.12, 0.25), rng.uniform(0.15, 0.28)
    strokes.append(_arc(0.5, top, handle_w, handle_h, 180, 360, 10))  # the handle: a hole under it
    if rng.random() < 0.3:
        strokes.append(_arc(0.5, top, handle_w - 0.04, handle_h - 0.04, 180, 360, 10))  # its inner edge
    if rng.random() < 0.4:
        strokes.append([(0.5 - w + taper, top + h * 0.3), (0.5 + w - taper, top + h * 0.3)])  # the flap
    if rng.random() < 0.3:
        strokes.append(_closed(_arc(0.5, top + h * 0.3, 0.02, 0.02, 0, 330, 6)))  # clasp
    return strokes


GARMENTS: dict[str, Callable[[np.random.Generator], list[Stroke]]] = {
    "T-shirt/top": t_shirt,
    "Trouser": trouser,
    "Pullover": pullover,
    "Dress": dress,
    "Coat": coat,
    "Sandal": sandal,
    "Shirt": shirt,
    "Sneaker": sneaker,
    "Bag": bag,
    "Ankle boot": ankle_boot,
}
FOOTWEAR = {"Sandal", "Sneaker", "Ankle boot"}


def _wobble(rng, stroke: Stroke, amount: float) -> np.ndarray:
    """The stroke resampled every ~1% of the canvas, bent by a hand's slow wobble (a few smooth
    waves along its length)."""
    points = np.asarray(stroke, dtype=float)
    dense = [points[0]]
    for a, b in zip(points[:-1], points[1:], strict=True):
        count = max(1, int(np.linalg.norm(b - a) / 0.01))
        dense += [a + (b - a) * t for t in np.linspace(0, 1, count + 1)[1:]]
    dense = np.asarray(dense)
    along = np.linspace(0, 1, len(dense))[:, None]
    waves = rng.uniform(1, 4, (3, 2)), rng.uniform(0, 2 * np.pi, (3, 2))
    bend = sum(np.sin(2 * np.pi * waves[0][k] * along + waves[1][k]) for k in range(3))
    return dense + bend * amount


def _with_gap(rng, points: np.ndarray) -> list[np.ndarray]:
    """The stroke with a short piece (2-6% of the canvas) left out: an outline that does not close."""
    if len(points) < 12:
        return [points]
    gap = int(rng.integers(2, 7))
    start = int(rng.integers(1, len(points) - gap - 1))
    return [points[:start], points[start + gap :]]


def _scribble(rng, outline: np.ndarray) -> np.ndarray:
    """Zig-zags from side to side of the outline, row by row: a coloured-in garment."""
    zigzag = []
    for i, y in enumerate(np.arange(outline[:, 1].min(), outline[:, 1].max(), rng.uniform(0.02, 0.04))):
        near = outline[np.abs(outline[:, 1] - y) < 0.015, 0]
        if len(near):
            zigzag.append((near.min() if i % 2 == 0 else near.max(), y))
    return np.asarray(zigzag) if len(zigzag) > 1 else outline


def faces_right(label: int, seed: int) -> bool:
    """Whether the drawing of ``label`` from ``seed`` is a shoe facing right (Fashion-MNIST's face
    left, as the templates do)."""
    return _draw(label, seed)[1]


def draw_garment(label: int, seed: int, side: int | None = None) -> np.ndarray:
    """Garment ``label`` drawn from ``seed``: (side, side) uint8, light strokes on black."""
    return _draw(label, seed, side)[0]


def _draw(label: int, seed: int, side: int | None = None) -> tuple[np.ndarray, bool]:
    rng = np.random.default_rng(seed)
    drawn_side = int(rng.choice([280, 300, 340, 390]))  # drawn even when given: the same garment
    side = side or drawn_side
    strokes = GARMENTS[CLASS_NAMES[label]](rng)
    brush = int(rng.integers(6, 31))
    angle = math.radians(rng.uniform(-15, 15) if rng.random() < 0.5 else rng.uniform(-5, 5))
    size, centre = rng.uniform(0.6, 0.95), rng.uniform(0.42, 0.58, 2)
    mirror = CLASS_NAMES[label] in FOOTWEAR and rng.random() < 0.5
    wobble = rng.uniform(0.002, 0.01)
    pieces = []
    for i, stroke in enumerate(strokes):
        points = _wobble(rng, stroke, wobble)
        if i == 0 and rng.random() < 0.1:
            pieces.append(_scribble(rng, points))
        pieces += _with_gap(rng, points) if i == 0 and rng.random() < 0.35 else [points]
    image = Image.new("L", (side, side), 0)
    pen = ImageDraw.Draw(image)
    rotation = np.array([[math.cos(angle), -math.sin(angle)], [math.sin(angle), math.cos(angle)]])
    for points in pieces:
        p = points - 0.5
        if mirror:
            p[:, 0] = -p[:, 0]
        p = (p @ rotation.T) * size + centre
        xy = [tuple(q) for q in (p * side).tolist()]
        if len(xy) > 1:
            pen.line(xy, fill=255, width=brush)
        for x, y in xy:  # a round brush, as a finger's
            pen.ellipse((x - brush / 2, y - brush / 2, x + brush / 2, y + brush / 2), fill=255)
    return np.asarray(image), mirror


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--part", choices=["tune", "check"], default="tune")
    parser.add_argument("--per-class", type=int, default=30)
    args = parser.parse_args()
    write_set(args.folder, TUNE_SEED if args.part == "tune" else CHECK_SEED, args.per_class)


if __name__ == "__main__":
    main()
