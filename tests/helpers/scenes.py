"""Photos made for the tests: dark trousers on a light floor, one pair or two side by side."""

import numpy as np
from PIL import Image


def trousers_photo(pairs: int = 1) -> Image.Image:
    """A 400x300 photo of ``pairs`` (1 or 2) dark trousers side by side on a light floor."""
    rgb = np.full((300, 400, 3), (225, 220, 210), dtype=np.uint8)
    for left in (40, 230)[:pairs]:
        rgb[40:260, left : left + 50] = rgb[40:260, left + 80 : left + 130] = (40, 50, 90)
        rgb[40:90, left : left + 130] = (40, 50, 90)
    return Image.fromarray(rgb)
