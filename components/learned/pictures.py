"""The replay's pictures: a grid of weight images or maps as one picture, so that a step of the
replay is one image to send, not 48 (formatting only)."""

from __future__ import annotations

import numpy as np
from PIL import Image

from components.map_images import KERNEL_COLOURS, MAP_COLOURS, coloured, kernel_scale

GAP = 4  # px between tiles
MAP_SCALE_PERCENTILE = 99.5


def grid(tiles: list[Image.Image], columns: int) -> Image.Image:
    """``tiles`` (of one size) in rows of ``columns`` on white."""
    width, height = tiles[0].size
    rows = -(-len(tiles) // columns)
    sheet = Image.new("RGB", (columns * (width + GAP) - GAP, rows * (height + GAP) - GAP), "white")
    for index, tile in enumerate(tiles):
        row, column = divmod(index, columns)
        sheet.paste(tile, (column * (width + GAP), row * (height + GAP)))
    return sheet


def weight_grid(weights: np.ndarray, columns: int, side: int, limit: float) -> Image.Image:
    """Weight images (n, h, w) on one symmetric scale, ``limit`` (red adds, blue subtracts, white
    zero): the replay's whole run on one scale, so that weights that grow look stronger."""
    tiles = [coloured(w, -limit, limit, KERNEL_COLOURS, side=side) for w in weights.astype(np.float32)]
    return grid(tiles, columns)


def replay_scale(weights: np.ndarray) -> float:
    """One scale for every point of a run's weights (points, n, h, w): set by most weights."""
    return kernel_scale(weights.astype(np.float32))


def map_grid(maps: np.ndarray, columns: int, side: int) -> tuple[Image.Image, float]:
    """Feature maps (n, 28, 28) on one scale from 0 (dark) to nearly the largest value (bright:
    the few largest saturate, as kernel_scale lets them, so that the rest show)."""
    high = float(np.percentile(maps, MAP_SCALE_PERCENTILE)) or float(maps.max()) or 1.0
    return grid([coloured(m, 0.0, high, MAP_COLOURS, side=side) for m in maps], columns), high
