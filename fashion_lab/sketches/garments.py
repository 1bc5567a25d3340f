"""Garments sketched the way people draw them, from a seed, by the first hand: a template per
class with random proportions and the details people add, drawn as outlines mostly, with collars,
buttons, zips, laces, handles and straps inside; a few scribbled in; shoes facing either way;
brushes of 6-30 px; tilted up to 15 degrees; outlines that do not quite close; a hand's wobble.
Each sketch is the canvas as the app receives it (light strokes on black). The drawing set
(tools/drawing_set.py) measures the drawing path on them; ``train --sketches`` teaches models
from them and the freehand hand's (docs/drawings.md)."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
from PIL import Image, ImageDraw

from fashion_lab.data.fashion_mnist import CLASS_NAMES
from fashion_lab.sketches.clothes import coat, dress, pullover, shirt, t_shirt, trouser
from fashion_lab.sketches.shoes_and_bags import ankle_boot, bag, sandal, sneaker
from fashion_lab.sketches.strokes import Stroke, scribble, with_gap, wobble

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
    tremor = rng.uniform(0.002, 0.01)
    pieces = []
    for i, stroke in enumerate(strokes):
        points = wobble(rng, stroke, tremor)
        if i == 0 and rng.random() < 0.1:
            pieces.append(scribble(rng, points))
        pieces += with_gap(rng, points) if i == 0 and rng.random() < 0.35 else [points]
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
