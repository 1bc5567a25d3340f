"""Find the garment in a photo: background colours from the border, a foreground mask, the
largest object. Works on small RGB arrays; no TensorFlow."""

from __future__ import annotations

import numpy as np
from scipy import ndimage

# Every number below was chosen on photos of the clothing dataset's train split; the variants
# tried and their scores are in docs/photos.md ("Three masks, and rare border colours left out").
BORDER_FRACTION = 0.02  # the outer 2% of each side is background (1% and 3% scored lower)
BACKGROUND_CLUSTERS = 3  # floors, walls and beds: the border is rarely one colour
MIN_BACKGROUND_SHARE = 0.2  # a border colour on less of the frame is left out of the background: a
# garment reaching an edge is no floor
MIN_OBJECT_FRACTION = 0.02  # a mask smaller than this is no garment: fall back
CLOSINGS = (2, 4, 8)  # iterations: each bridges gaps up to twice as many px of 160 that patterned
# fabric leaves in a mask. The first is the mask shown (and the one the photo model trained on);
# a photo's answer is averaged over the masks of all.
SECOND_OBJECT = 0.4  # a second object counts when it is at least 40% the size of the largest


def border_pixels(rgb: np.ndarray) -> np.ndarray:
    """(k, 3) the pixels of the outer frame of an (h, w, 3) image."""
    h, w = rgb.shape[:2]
    band = max(1, round(min(h, w) * BORDER_FRACTION))
    frame = np.zeros((h, w), dtype=bool)
    frame[:band], frame[-band:], frame[:, :band], frame[:, -band:] = True, True, True, True
    return rgb[frame].astype(np.float64)


def _nearest(pixels: np.ndarray, centres: np.ndarray) -> np.ndarray:
    """The index of each pixel's nearest centre."""
    return np.argmin(((pixels[:, None, :] - centres[None]) ** 2).sum(-1), axis=1)


def background_colours(
    pixels: np.ndarray,
    clusters: int = BACKGROUND_CLUSTERS,
    rounds: int = 8,
    min_share: float = MIN_BACKGROUND_SHARE,
) -> np.ndarray:
    """(c, 3) centres of a small k-means over the border pixels; a centre nearest to fewer than
    ``min_share`` of them is dropped (the most common is always kept)."""
    rng = np.random.default_rng(0)
    centres = pixels[rng.choice(len(pixels), size=min(clusters, len(pixels)), replace=False)]
    for _ in range(rounds):
        nearest = _nearest(pixels, centres)
        centres = np.array(
            [
                pixels[nearest == k].mean(0) if (nearest == k).any() else centres[k]
                for k in range(len(centres))
            ]
        )
    shares = np.bincount(_nearest(pixels, centres), minlength=len(centres)) / len(pixels)
    return centres[(shares >= min_share) | (shares == shares.max())]


def otsu_threshold(values: np.ndarray) -> float:
    """The threshold that best splits ``values`` in two classes (Otsu 1979)."""
    histogram, edges = np.histogram(values, bins=256)
    centres = (edges[:-1] + edges[1:]) / 2
    weight = np.cumsum(histogram)
    mean = np.cumsum(histogram * centres)
    total_weight, total_mean = weight[-1], mean[-1]
    below, above = weight[:-1], total_weight - weight[:-1]
    valid = (below > 0) & (above > 0)
    between = np.zeros_like(below, dtype=np.float64)
    mean_below = mean[:-1][valid] / below[valid]
    mean_above = (total_mean - mean[:-1][valid]) / above[valid]
    between[valid] = below[valid] * above[valid] * (mean_below - mean_above) ** 2
    return float(edges[1:][np.argmax(between)])


def largest_object(mask: np.ndarray) -> np.ndarray:
    """The largest 8-connected component of ``mask``, its holes filled."""
    labels, count = ndimage.label(mask, structure=np.ones((3, 3)))
    if count == 0:
        return mask
    sizes = ndimage.sum(mask, labels, index=np.arange(1, count + 1))
    return ndimage.binary_fill_holes(labels == (np.argmax(sizes) + 1))


def count_objects(mask: np.ndarray, share: float = SECOND_OBJECT) -> int:
    """How many 8-connected objects the mask holds, counting those at least ``share`` the size
    of the largest (a sleeve's shadow or a button is no second object)."""
    labels, count = ndimage.label(mask, structure=np.ones((3, 3)))
    if count == 0:
        return 0
    sizes = ndimage.sum(mask, labels, index=np.arange(1, count + 1))
    return int((sizes >= share * sizes.max()).sum())


def foreground_masks(rgb: np.ndarray) -> tuple[list[np.ndarray] | None, int]:
    """(h, w) bool masks of the largest object, one per closing in CLOSINGS, or None when no clear
    object stands out; and how many objects stood out at the first (two garments side by side: 2)."""
    centres = background_colours(border_pixels(rgb))
    pixels = rgb.astype(np.float64)
    distance = np.sqrt(((pixels[:, :, None, :] - centres[None, None]) ** 2).sum(-1)).min(axis=2)
    if distance.max() < 20:  # nothing differs from the border by more than noise
        return None, 0
    mask = distance > max(otsu_threshold(distance), 20.0)
    mask = ndimage.binary_opening(mask, iterations=1)
    closed = [ndimage.binary_closing(mask, iterations=n) for n in CLOSINGS]
    objects = count_objects(closed[0])
    masks = large_enough([largest_object(m) for m in closed])
    return (masks, objects) if masks else (None, 0)


def large_enough(masks: list[np.ndarray]) -> list[np.ndarray]:
    """The masks, or none when the first is smaller than MIN_OBJECT_FRACTION; a wider one that
    is (a closing wears a thin object along the edges away) is left out."""
    if masks[0].mean() < MIN_OBJECT_FRACTION:
        return []
    return [masks[0], *(m for m in masks[1:] if m.mean() >= MIN_OBJECT_FRACTION)]
