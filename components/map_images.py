"""Feature maps and kernels as pictures with one shared colour scale (formatting only)."""

from __future__ import annotations

import numpy as np
from matplotlib import colormaps
from PIL import Image, ImageDraw

MAP_COLOURS = colormaps["viridis"]
KERNEL_COLOURS = colormaps["RdBu_r"]  # blue negative, white zero, red positive


def coloured(values: np.ndarray, low: float, high: float, colours=MAP_COLOURS, side: int = 84) -> Image.Image:
    """A 2-D array as an RGB picture, ``low``..``high`` mapped to the colour scale, enlarged."""
    span = max(high - low, 1e-12)
    rgb = (colours(np.clip((values - low) / span, 0, 1))[..., :3] * 255).astype(np.uint8)
    image = Image.fromarray(rgb)
    return image.resize((side, round(side * image.height / image.width)), Image.Resampling.NEAREST)


def colour_bar(low: float, high: float, colours=MAP_COLOURS, width: int = 300) -> Image.Image:
    """A horizontal legend strip for the shared scale."""
    ramp = np.tile(np.linspace(low, high, width), (14, 1))
    return coloured(ramp, low, high, colours, side=width)


KERNEL_SCALE_PERCENTILE = 95  # of the weights' sizes: the few larger ones saturate, the rest show


def kernel_scale(kernel: np.ndarray) -> float:
    """Symmetric limit so zero is white for every kernel of the layer; set by most weights, not
    the largest (with the largest, most kernels were too pale to read)."""
    return float(np.percentile(np.abs(kernel), KERNEL_SCALE_PERCENTILE)) or 1.0


def mark_cell(image: Image.Image, row: int, col: int, cells: int, colour: str = "#ff2b2b") -> Image.Image:
    """``image`` (a map of ``cells`` x ``cells`` enlarged) with the cell at ``row``, ``col`` framed."""
    marked, size = image.copy(), image.width / cells
    box = (col * size, row * size, (col + 1) * size - 1, (row + 1) * size - 1)
    ImageDraw.Draw(marked).rectangle(box, outline=colour, width=max(2, round(size / 4)))
    return marked


def pair_tile(conv_map: np.ndarray, pooled: np.ndarray | None, high: float, side: int = 84) -> Image.Image:
    """A feature map and, right of it at half the size, its pooled map: the pair at a glance."""
    left = coloured(conv_map, 0.0, high, side=side)
    if pooled is None:
        return left
    right = coloured(pooled, 0.0, high, side=side // 2)
    tile = Image.new("RGB", (side + 6 + side // 2, side), (255, 255, 255))
    tile.paste(left, (0, 0))
    tile.paste(right, (side + 6, 0))
    return tile
