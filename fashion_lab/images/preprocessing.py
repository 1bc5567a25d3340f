"""Any image -> the 28x28 uint8 picture a model sees, the way Fashion-MNIST was made.

Xiao et al. 2017, section 2: trim the background, resize the longest edge to 28, sharpen,
extend the short edge to 28 and centre, negate so the garment is light on black, 8-bit
grayscale. Real photos need the garment found first (fashion_lab.images.segmentation). Every step is
kept, named, so the app can show the whole pipeline.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from PIL import Image, ImageFilter

from fashion_lab.data.fashion_mnist import IMAGE_SHAPE
from fashion_lab.images.decoding import ImageError
from fashion_lab.images.segmentation import foreground_masks

SIDE = IMAGE_SHAPE[0]
TRIM_TOLERANCE = 0.05  # "within 5% of max intensity" of the background
SEGMENT_SIDE = 160  # photos are segmented at this size: fast, and plenty for a 28x28 result
GARMENT_FLOOR = 60  # darkest value inside a photo's garment, so its outline always shows
GAP_BRIDGED = 1 / 70  # of a drawing's side: gaps up to this in an outline still close it (4 px of 280)


@dataclass
class Preprocessed:
    """The model input and each named step that led to it."""

    pixels: np.ndarray  # (28, 28) uint8, garment light on black
    steps: list[tuple[str, np.ndarray]] = field(default_factory=list)
    objects: int | None = None  # a photo's: how many objects its segmentation found (0: none clear)
    wider_cutouts: list[np.ndarray] = field(default_factory=list)  # a photo's: 28x28 of each wider mask

    @property
    def inputs(self) -> list[np.ndarray]:
        """What the models answer on, their answers averaged: the picture, and a photo's cut-outs
        with its mask's gaps bridged wider."""
        return [self.pixels, *self.wider_cutouts]

    def add(self, name: str, image: np.ndarray) -> np.ndarray:
        self.steps.append((name, image))
        return image


def _luminance(rgb: np.ndarray) -> np.ndarray:
    return np.asarray(Image.fromarray(rgb).convert("L"), dtype=np.uint8)


def _border_median(gray: np.ndarray) -> float:
    return float(np.median(np.concatenate([gray[0], gray[-1], gray[:, 0], gray[:, -1]])))


def _trim(gray: np.ndarray) -> np.ndarray:
    """Cut away the edges that stay within TRIM_TOLERANCE of black."""
    rows = np.flatnonzero((gray > TRIM_TOLERANCE * 255).any(axis=1))
    cols = np.flatnonzero((gray > TRIM_TOLERANCE * 255).any(axis=0))
    if len(rows) == 0:
        raise ImageError("the image is blank: nothing stands out from the background")
    return gray[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]


def _fit_and_centre(result: Preprocessed, gray: np.ndarray, sharpen: bool) -> Preprocessed:
    """Resize the longest edge to 28, optionally sharpen, centre on a black 28x28."""
    height, width = gray.shape
    scale = SIDE / max(height, width)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    image = Image.fromarray(gray).resize(size, Image.Resampling.BOX)
    result.add("resized (longest edge 28)", np.asarray(image))
    if sharpen:
        image = image.filter(ImageFilter.UnsharpMask(radius=1.0, percent=100, threshold=0))
        result.add("sharpened", np.asarray(image))
    canvas = np.zeros(IMAGE_SHAPE, dtype=np.uint8)
    top, left = (SIDE - size[1]) // 2, (SIDE - size[0]) // 2
    canvas[top : top + size[1], left : left + size[0]] = np.asarray(image)
    result.pixels = result.add("centred 28x28", canvas)
    return result


def preprocess_drawing(pixels: np.ndarray) -> Preprocessed:
    """A drawing, light strokes on black (already 'negated'): trim, resize, centre."""
    gray = np.asarray(pixels, dtype=np.uint8)
    if gray.ndim == 3:
        gray = _luminance(gray[..., :3])
    result = Preprocessed(gray)
    result.add("drawing", gray)
    trimmed = result.add("trimmed", _trim(gray))
    filled = fill_outlines(trimmed)
    if filled is not None:
        trimmed = result.add("outlines filled", filled)
    return _fit_and_centre(result, trimmed, sharpen=False)


def fill_outlines(gray: np.ndarray, gap: float = GAP_BRIDGED) -> np.ndarray | None:
    """The drawing with the inside of each closed outline filled white (Fashion-MNIST garments are
    solid; a finger on a phone draws outlines), or None if it encloses nothing. An outline with
    gaps up to ``gap`` of the drawing's side still counts as closed."""
    from scipy import ndimage

    ink = gray > TRIM_TOLERANCE * 255
    reach = max(1, round(gap * max(gray.shape) / 2))
    padded = np.pad(ink, reach + 1)  # closing must not eat strokes along the edges
    closed = ndimage.binary_closing(padded, np.ones((3, 3), bool), iterations=reach)
    solid = ndimage.binary_fill_holes(closed)
    if not (solid & ~closed).any():  # no hole: an open shape (bridged corners alone do not count)
        return None
    filled = gray.copy()
    filled[solid[reach + 1 : -reach - 1, reach + 1 : -reach - 1] & ~ink] = 255
    return filled


def preprocess_upload(image: Image.Image) -> Preprocessed:
    """An uploaded image: a 28x28 passes as it is (negated if light); a photo is segmented."""
    rgb = np.asarray(image.convert("RGB"), dtype=np.uint8)
    gray = _luminance(rgb)
    result = Preprocessed(gray)
    result.add("upload", rgb)
    light_background = _border_median(gray) > 127
    if gray.shape == IMAGE_SHAPE:  # already Fashion-MNIST sized: only the polarity may differ
        result.pixels = result.add("negated", 255 - gray) if light_background else gray
        return result
    return _preprocess_photo(result, image.convert("RGB"), light_background)


def _preprocess_photo(result: Preprocessed, image: Image.Image, light_background: bool) -> Preprocessed:
    small = image.copy()
    small.thumbnail((SEGMENT_SIDE, SEGMENT_SIDE), Image.Resampling.BOX)
    rgb = np.asarray(small, dtype=np.uint8)
    gray = _luminance(rgb)
    if light_background:
        gray = result.add("negated", 255 - gray)
    masks, result.objects = foreground_masks(rgb)
    if masks is None:  # no object stood out from the border's colours: trim by intensity alone
        # (Classify then says "not sure": on the tune half of the photos none of these was right)
        background = _border_median(gray)
        garment = np.clip(np.abs(gray.astype(np.int16) - background), 0, 255).astype(np.uint8)
        result.add("background removed", garment)
    else:
        result.add("garment found (mask)", (masks[0] * 255).astype(np.uint8))
        garment = _stretch_inside(gray, masks[0])
        result.add("garment cut out", garment)
    _fit_and_centre(result, result.add("trimmed", _trim(garment)), sharpen=True)
    for mask in (masks or [])[1:]:  # the same cut out with gaps bridged wider (patterned fabric)
        result.add("mask, gaps bridged wider", (mask * 255).astype(np.uint8))
        cutout = _fit_and_centre(Preprocessed(gray), _trim(_stretch_inside(gray, mask)), sharpen=True)
        result.wider_cutouts.append(result.add("its 28x28 (the answers are averaged)", cutout.pixels))
    return result


def _stretch_inside(gray: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Black outside the mask; inside, brightened so the garment's light parts reach 255, and
    never darker than GARMENT_FLOOR (a white shirt on a white bed still shows its outline)."""
    high = max(float(np.percentile(gray[mask], 98)), 1.0)
    return np.where(mask, np.clip(gray * (255.0 / high), GARMENT_FLOOR, 255), 0).astype(np.uint8)
