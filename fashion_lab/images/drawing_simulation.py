"""Fashion-MNIST garments drawn, in simulation: each 28x28 garment redrawn as a person would draw
it, so a model learns drawings too. The garment's outline at a random brush width, with the
seams, collars and edges inside it as lines (as people draw buttons, zips and lapels), small gaps
left in the outline, or the outline filled with the lines inside kept darker (what the drawing
path makes of a closed outline); flipped left-right half the time, tilted up to 15 degrees; then
trimmed, fitted and centred as a drawing is. Pure numpy and scipy; no TensorFlow."""

from __future__ import annotations

import numpy as np
from scipy import ndimage

from fashion_lab.images.preprocessing import fit_drawing

SCALE = 4  # garments are redrawn at 112x112: brushes thinner than a pixel of 28 exist
OUTLINE, FILLED = "outline", "filled"


def _edges(image: np.ndarray, inside: np.ndarray, share: float) -> np.ndarray:
    """The strongest ``share`` of grey-level edges inside the garment: its seams and details."""
    gradient = np.hypot(ndimage.sobel(image, 0), ndimage.sobel(image, 1))
    values = gradient[inside]
    if not len(values):
        return np.zeros_like(inside)
    return inside & (gradient >= np.quantile(values, 1 - share))


def draw_like_a_person(garment: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """One 28x28 uint8 drawing of ``garment`` (28x28 uint8, light on black)."""
    big = ndimage.zoom(garment.astype(np.float32), SCALE, order=1)
    mask = (
        ndimage.binary_fill_holes(big > rng.uniform(15, 60))
        if rng.random() < 0.3
        else big > rng.uniform(15, 60)
    )
    if not mask.any():
        return garment.copy()
    brush = int(rng.integers(1, 9))  # half the brush, in px of 112
    inner = ndimage.binary_erosion(mask, iterations=brush * 2)
    outline = mask & ~ndimage.binary_erosion(mask, iterations=brush)
    details = np.zeros_like(mask)
    if rng.random() < 0.7:
        details = ndimage.binary_dilation(
            _edges(big, inner, rng.uniform(0.03, 0.12)), iterations=max(1, brush // 2)
        )
    if rng.random() < 0.35:  # a gap or two where the finger lifted
        for _ in range(int(rng.integers(1, 3))):
            if not outline.any():
                break
            y, x = np.argwhere(outline)[rng.integers(outline.sum())]
            r = rng.uniform(2, 6) * SCALE
            yy, xx = np.ogrid[: outline.shape[0], : outline.shape[1]]
            outline &= (yy - y) ** 2 + (xx - x) ** 2 > r * r
    drawing = np.zeros(big.shape, np.uint8)
    if rng.random() < 0.35:  # filled, as the drawing path fills a closed outline
        drawing[mask] = 255
        drawing[details & inner] = rng.integers(70, 150)
    else:
        drawing[outline | (details & inner)] = 255
    if rng.random() < 0.5:
        drawing = drawing[:, ::-1]
    angle = rng.uniform(-15, 15) if rng.random() < 0.6 else 0.0
    if angle:
        drawing = ndimage.rotate(drawing, angle, reshape=True, order=1)
    if drawing.max() == 0:
        return garment.copy()
    return fit_drawing(drawing)


def drawn_garments(images: np.ndarray, seed: int) -> np.ndarray:
    """(n, 28, 28) uint8: each of ``images`` drawn once, reproducibly for a seed."""
    rng = np.random.default_rng(seed)
    return np.stack([draw_like_a_person(image, rng) for image in images])


def with_drawn_garments(
    images: np.ndarray, labels: np.ndarray, share: float, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """The training images plus drawings of ``share`` of them (a seeded choice), labels alike."""
    rng = np.random.default_rng(seed + 1)
    chosen = rng.permutation(len(images))[: round(share * len(images))]
    drawn = drawn_garments(images[chosen], seed)
    return np.concatenate([images, drawn]), np.concatenate([labels, labels[chosen]])
