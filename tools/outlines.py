"""Garments drawn as closed outlines, the way a finger draws them on a phone: the corners of each
(on a 280x280 canvas), as one stroke's points, or rasterised with the app's default brush."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

CANVAS_SIDE, BRUSH = 280, 18
OUTLINES = {  # true class -> corners
    "T-shirt/top": [
        (90, 40),
        (190, 40),
        (250, 90),
        (225, 120),
        (195, 100),
        (195, 250),
        (85, 250),
        (85, 100),
        (55, 120),
    ],
    "Trouser": [(90, 30), (190, 30), (200, 260), (155, 260), (140, 110), (125, 260), (80, 260)],
    "Dress": [(115, 30), (165, 30), (160, 100), (210, 260), (70, 260), (120, 100)],
    "Bag": [(50, 110), (230, 110), (230, 250), (50, 250)],
    "Pullover": [
        (90, 40),
        (190, 40),
        (260, 230),
        (225, 240),
        (195, 120),
        (195, 250),
        (85, 250),
        (85, 120),
        (55, 240),
        (20, 230),
    ],
    "Ankle boot": [(120, 30), (180, 30), (180, 170), (260, 200), (260, 250), (100, 250), (110, 170)],
}


def outline(corners: list[tuple[int, int]], step: float = 6) -> list[tuple[float, float]]:
    """The closed outline through ``corners`` as the points of one finger stroke."""
    points = []
    for (x0, y0), (x1, y1) in zip(corners, corners[1:] + corners[:1], strict=True):
        count = max(1, int(max(abs(x1 - x0), abs(y1 - y0)) / step))
        points += [(x0 + (x1 - x0) * i / count, y0 + (y1 - y0) * i / count) for i in range(count)]
    return [*points, corners[0]]


def rasterised(corners: list[tuple[int, int]]) -> np.ndarray:
    """The outline drawn white on a black canvas, as the canvas returns it (grey, uint8)."""
    image = Image.new("L", (CANVAS_SIDE, CANVAS_SIDE), 0)
    ImageDraw.Draw(image).line(outline(corners), fill=255, width=BRUSH, joint="curve")
    return np.asarray(image)
