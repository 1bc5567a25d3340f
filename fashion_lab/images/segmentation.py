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
        moved = np.array(
            [
                pixels[nearest == k].mean(0) if (nearest == k).any() else centres[k]
                for k in range(len(centres))
            ]
        )
        if np.array_equal(moved, centres):  # settled: the rounds left would change nothing
            break
        centres = moved
    shares = np.bincount(_nearest(pixels, centres), minlength=len(centres)) / len(pixels)
    return centres[(shares >= min_share) | (shares == shares.max())]


def colour_distances(pixels: np.ndarray, centres: np.ndarray) -> np.ndarray:
    """(h, w): each pixel's squared distance to the nearest centre, one centre at a time (the
    same sums as all at once, without an (h, w, centres, 3) array)."""
    nearest = ((pixels - centres[0]) ** 2).sum(-1)
    for centre in centres[1:]:
        np.minimum(nearest, ((pixels - centre) ** 2).sum(-1), out=nearest)
    return nearest


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


def objects(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The 8-connected objects of ``mask``: each pixel's object (1...; 0 outside any) and each
    object's size."""
    labels, count = ndimage.label(mask, structure=np.ones((3, 3)))
    return labels, np.bincount(labels.ravel(), minlength=count + 1)[1:]


def fill_holes(mask: np.ndarray) -> np.ndarray:
    """``mask`` with every hole filled: the background that cannot reach the frame's edge
    through 4-connected background (what ndimage.binary_fill_holes does by growing the outside
    pixel by pixel; one labelling here)."""
    background, _ = ndimage.label(~mask)
    edge = np.unique(np.concatenate([background[0], background[-1], background[:, 0], background[:, -1]]))
    return mask | ~np.isin(background, edge)


def largest_object(found: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """The largest of ``found`` (objects(mask)), its holes filled."""
    labels, sizes = found
    if len(sizes) == 0:
        return labels > 0
    return fill_holes(labels == (np.argmax(sizes) + 1))


def count_objects(found: tuple[np.ndarray, np.ndarray], share: float = SECOND_OBJECT) -> int:
    """How many of ``found`` (objects(mask)) are at least ``share`` the size of the largest (a
    sleeve's shadow or a button is no second object)."""
    _, sizes = found
    return int((sizes >= share * sizes.max()).sum()) if len(sizes) else 0


def foreground_masks(rgb: np.ndarray) -> tuple[list[np.ndarray] | None, int]:
    """(h, w) bool masks of the largest object, one per closing in CLOSINGS, or None when no clear
    object stands out; and how many objects stood out at the first (two garments side by side: 2)."""
    centres = background_colours(border_pixels(rgb))
    distance = np.sqrt(colour_distances(rgb.astype(np.float64), centres))
    if distance.max() < 20:  # nothing differs from the border by more than noise
        return None, 0
    mask = distance > max(otsu_threshold(distance), 20.0)
    mask = ndimage.binary_opening(mask, iterations=1)
    found = [objects(ndimage.binary_closing(mask, iterations=n)) for n in CLOSINGS]
    masks = large_enough([largest_object(f) for f in found])
    return (masks, count_objects(found[0])) if masks else (None, 0)


def large_enough(masks: list[np.ndarray]) -> list[np.ndarray]:
    """The masks, or none when the first is smaller than MIN_OBJECT_FRACTION; a wider one that
    is (a closing wears a thin object along the edges away) is left out."""
    if masks[0].mean() < MIN_OBJECT_FRACTION:
        return []
    return [masks[0], *(m for m in masks[1:] if m.mean() >= MIN_OBJECT_FRACTION)]
