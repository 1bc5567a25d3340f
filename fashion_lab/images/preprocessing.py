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
from fashion_lab.i18n import _
from fashion_lab.images.decoding import ImageError
from fashion_lab.images.segmentation import foreground_masks

SIDE = IMAGE_SHAPE[0]
TRIM_TOLERANCE = 0.05  # "within 5% of max intensity" of the background
SEGMENT_SIDE = 160  # photos are segmented at this size: fast, and plenty for a 28x28 result
GARMENT_FLOOR = 60  # darkest value inside a photo's garment, so its outline always shows


@dataclass
class Preprocessed:
    """The model input and each named step that led to it."""

    pixels: np.ndarray  # (28, 28) uint8, garment light on black
    steps: list[tuple[str, np.ndarray]] = field(default_factory=list)
    objects: int | None = None  # a photo's: how many objects its segmentation found (0: none clear)
    mirrored: bool = False  # a drawing's: turned to face left (drawn facing right, as the path judges)
    # More 28x28 views the answer is averaged over: a photo's cut-outs with its mask's gaps
    # bridged wider; a drawing's strokes as drawn and the mirror images. ``views`` says what all
    # of them are, ``first_view`` what ``pixels`` is among them (both empty with one view).
    extra_views: list[np.ndarray] = field(default_factory=list)
    views: str = ""
    first_view: str = ""

    @property
    def inputs(self) -> list[np.ndarray]:
        """What the models answer on, their answers averaged: the picture and its extra views."""
        return [self.pixels, *self.extra_views]

    def add(self, name: str, image: np.ndarray) -> np.ndarray:
        self.steps.append((name, image))
        return image


def luminance(rgb: np.ndarray) -> np.ndarray:
    return np.asarray(Image.fromarray(rgb).convert("L"), dtype=np.uint8)


def _border_median(gray: np.ndarray) -> float:
    return float(np.median(np.concatenate([gray[0], gray[-1], gray[:, 0], gray[:, -1]])))


def trim(gray: np.ndarray) -> np.ndarray:
    """Cut away the edges that stay within TRIM_TOLERANCE of black."""
    rows = np.flatnonzero((gray > TRIM_TOLERANCE * 255).any(axis=1))
    cols = np.flatnonzero((gray > TRIM_TOLERANCE * 255).any(axis=0))
    if len(rows) == 0:
        raise ImageError(_("the image is blank: nothing stands out from the background"))
    return gray[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]


def fit_and_centre(result: Preprocessed, gray: np.ndarray, sharpen: bool) -> Preprocessed:
    """Resize the longest edge to 28, optionally sharpen, centre on a black 28x28."""
    height, width = gray.shape
    scale = SIDE / max(height, width)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    image = Image.fromarray(gray).resize(size, Image.Resampling.BOX)
    result.add(_("resized (longest edge 28)"), np.asarray(image))
    if sharpen:
        image = image.filter(ImageFilter.UnsharpMask(radius=1.0, percent=100, threshold=0))
        result.add(_("sharpened"), np.asarray(image))
    canvas = np.zeros(IMAGE_SHAPE, dtype=np.uint8)
    top, left = (SIDE - size[1]) // 2, (SIDE - size[0]) // 2
    canvas[top : top + size[1], left : left + size[0]] = np.asarray(image)
    result.pixels = result.add(_("centred 28x28"), canvas)
    return result


def fit_drawing(gray: np.ndarray) -> np.ndarray:
    """A drawing's strokes trimmed, resized (longest edge 28) and centred: (28, 28) uint8."""
    return fit_and_centre(Preprocessed(gray), trim(gray), sharpen=False).pixels


def preprocess_upload(image: Image.Image) -> Preprocessed:
    """An uploaded image: a 28x28 passes as it is (negated if light); a photo is segmented."""
    rgb = np.asarray(image.convert("RGB"), dtype=np.uint8)
    gray = luminance(rgb)
    result = Preprocessed(gray)
    result.add(_("upload"), rgb)
    light_background = _border_median(gray) > 127
    if gray.shape == IMAGE_SHAPE:  # already Fashion-MNIST sized: only the polarity may differ
        result.pixels = result.add(_("negated"), 255 - gray) if light_background else gray
        return result
    return _preprocess_photo(result, image.convert("RGB"), light_background)


def _preprocess_photo(result: Preprocessed, image: Image.Image, light_background: bool) -> Preprocessed:
    small = image.copy()
    small.thumbnail((SEGMENT_SIDE, SEGMENT_SIDE), Image.Resampling.BOX)
    rgb = np.asarray(small, dtype=np.uint8)
    gray = luminance(rgb)
    if light_background:
        gray = result.add(_("negated"), 255 - gray)
    masks, result.objects = foreground_masks(rgb)
    if masks is None:  # no object stood out from the border's colours: trim by intensity alone
        # (Classify then says "not sure": on the tune half of the photos none of these was right)
        background = _border_median(gray)
        garment = np.clip(np.abs(gray.astype(np.int16) - background), 0, 255).astype(np.uint8)
        result.add(_("background removed"), garment)
    else:
        result.add(_("garment found (mask)"), (masks[0] * 255).astype(np.uint8))
        garment = _stretch_inside(gray, masks[0])
        result.add(_("garment cut out"), garment)
    fit_and_centre(result, result.add(_("trimmed"), trim(garment)), sharpen=True)
    for mask in (masks or [])[1:]:  # the same cut out with gaps bridged wider (patterned fabric)
        result.add(_("mask, gaps bridged wider"), (mask * 255).astype(np.uint8))
        cutout = fit_and_centre(Preprocessed(gray), trim(_stretch_inside(gray, mask)), sharpen=True)
        result.extra_views.append(result.add(_("its 28x28 (the answers are averaged)"), cutout.pixels))
    if result.extra_views:
        result.views, result.first_view = _("all cut-outs"), _("the first cut-out")
    return result


def _stretch_inside(gray: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Black outside the mask; inside, brightened so the garment's light parts reach 255, and
    never darker than GARMENT_FLOOR (a white shirt on a white bed still shows its outline)."""
    high = max(float(np.percentile(gray[mask], 98)), 1.0)
    return np.where(mask, np.clip(gray * (255.0 / high), GARMENT_FLOOR, 255), 0).astype(np.uint8)
