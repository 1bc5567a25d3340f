"""A drawing from the canvas to what the models answer on, keeping what the drawing says.

People draw outlines, with collars, buttons, laces and handles as lines inside; tilted a little;
shoes facing either way (nearly every Fashion-MNIST shoe faces left); outlines that do not quite
close. So: trim; set a clearly tilted drawing upright; close small gaps and fill the garment's
inside, keeping the lines drawn within it as darker lines (as Fashion-MNIST's grey levels keep
seams and collars) and leaving holes that are not its inside open (a handle's, between straps);
then answer on the filled drawing and the strokes as drawn, each also mirrored, the answers
averaged. A drawing is first turned to face left, as Fashion-MNIST's shoes do, by a rule that
brings a drawing and its mirror image to the same picture: they get the same answer. Chosen on the tune part
of tools/drawing_set.py (docs/drawings.md)."""

from __future__ import annotations

import numpy as np
from scipy import ndimage

from fashion_lab.i18n import _
from fashion_lab.images.preprocessing import (
    TRIM_TOLERANCE,
    Preprocessed,
    fit_and_centre,
    luminance,
    trim,
)

GAP_BRIDGED = 1 / 70  # of a drawing's side: gaps up to this in an outline still close it (4 px of 280)
DETAIL_LEVEL = 110  # the grey of a line drawn inside a filled garment: darker than the garment
MAX_TILT = 20.0  # degrees: a drawing tilted more than this is taken as drawn on purpose
MIN_TILT = 3.0  # degrees: less is not worth a resampling
ELONGATION = 1.8  # the spread along the drawing's main axis over the spread across it, at least
HOLE_WIDTH = 0.6  # an enclosed area on top of the body narrower than this share of it is a hole


def preprocess_drawing(pixels: np.ndarray) -> Preprocessed:
    """A drawing, light strokes on black (already 'negated'): each step named, ``pixels`` the
    filled drawing (or the strokes, when they enclose nothing), ``inputs`` every view."""
    gray = np.asarray(pixels, dtype=np.uint8)
    if gray.ndim == 3:
        gray = luminance(gray[..., :3])
    result = Preprocessed(gray)
    result.add(_("drawing"), gray)
    trimmed = result.add(_("trimmed"), trim(gray))
    result.mirrored = facing_right(trimmed)
    if result.mirrored:
        trimmed = result.add(_("mirrored (to face left, as Fashion-MNIST's shoes do)"), trimmed[:, ::-1])
    tilt = tilt_degrees(trimmed)
    turned = _rotate(trimmed, tilt) if tilt else None
    if turned is not None and _ink(turned).any():  # (faint strokes can fade away when turned)
        upright = _("set upright ({degrees} degrees)").format(degrees=f"{tilt:+.0f}")
        trimmed = result.add(upright, trim(turned))
    filled = fill_outlines(trimmed)
    if filled is not None:
        strokes = fit_and_centre(Preprocessed(trimmed), trimmed, sharpen=False).pixels
        fit_and_centre(result, result.add(_("inside filled, lines kept"), filled), sharpen=False)
        views = [result.pixels, strokes]
    else:
        views = [fit_and_centre(result, trimmed, sharpen=False).pixels]
    result.extra_views = views[1:] + [view[:, ::-1].copy() for view in views]
    if filled is not None:
        result.first_view, result.views = (
            _("the filled drawing"),
            _("the filled drawing, its strokes, mirrored too"),
        )
    else:
        result.first_view, result.views = _("the strokes"), _("the strokes, mirrored too")
    return result


def canvas_image_pixels(image) -> np.ndarray:
    """A canvas saved as a file (a Pillow image, RGBA or grey, light strokes on black) as the
    canvas hands it to the app: RGBA pixels."""
    return np.asarray(image.convert("RGBA"))


def facing_right(gray: np.ndarray) -> bool:
    """Whether the drawing's mirror image is the one to answer on: the one with more ink in its
    upper right (a shoe's heel or shaft, where Fashion-MNIST has it), ties broken by the pixels
    themselves, so that a drawing and its mirror image always come to the same picture."""
    top = gray[: max(1, gray.shape[0] // 2)].astype(np.int64)
    half = gray.shape[1] // 2
    left, right = int(top[:, :half].sum()), int(top[:, gray.shape[1] - half :].sum())
    if left != right:
        return left > right
    return gray[:, ::-1].tobytes() > gray.tobytes()


def _ink(gray: np.ndarray) -> np.ndarray:
    return gray > TRIM_TOLERANCE * 255


def _rotate(gray: np.ndarray, degrees: float) -> np.ndarray:
    return ndimage.rotate(gray, degrees, reshape=True, order=1, mode="constant").astype(np.uint8)


def tilt_degrees(gray: np.ndarray) -> float:
    """How far the drawing's main axis leans from upright or level (positive: clockwise on
    screen), when it has a clear main axis leaning between MIN_TILT and MAX_TILT; else 0."""
    ys, xs = np.nonzero(_ink(gray))
    if len(xs) < 10:
        return 0.0
    spread = np.cov(np.stack([xs, ys]).astype(float))
    values, vectors = np.linalg.eigh(spread)
    if values[0] <= 0 or np.sqrt(values[1] / values[0]) < ELONGATION:
        return 0.0
    x, y = vectors[:, 1]  # the main axis, in screen coordinates (y down)
    angle = np.degrees(np.arctan2(y, x)) % 180  # 0: level, 90: upright
    lean = (angle + 45) % 90 - 45  # from the nearest of level and upright
    return float(lean) if MIN_TILT <= abs(lean) <= MAX_TILT else 0.0


def fill_outlines(gray: np.ndarray, gap: float = GAP_BRIDGED) -> np.ndarray | None:
    """The garment's inside filled white, the lines drawn within it kept at DETAIL_LEVEL, and the
    holes that are holes left open; None if the strokes enclose nothing. An outline with gaps up
    to ``gap`` of the drawing's side still counts as closed. The garment's body is the largest
    enclosed area; another one is a hole when it stands on top of the body and is narrower than
    HOLE_WIDTH of the body's top (a handle's, the space under a strap); a flap, a waistband or a
    bodice above a seam is as wide as what it stands on, and is filled."""
    ink = _ink(gray)
    reach = max(1, round(gap * max(gray.shape) / 2))
    padded = np.pad(ink, reach + 1)  # closing must not eat strokes along the edges
    closed = ndimage.binary_closing(padded, np.ones((3, 3), bool), iterations=reach)
    enclosed = (ndimage.binary_fill_holes(closed) & ~closed)[reach + 1 : -reach - 1, reach + 1 : -reach - 1]
    regions, count = ndimage.label(enclosed)
    if not count:  # an open shape (bridged corners alone do not count)
        return None
    boxes = ndimage.find_objects(regions)
    body = int(np.argmax(ndimage.sum(enclosed, regions, range(1, count + 1))))
    top, columns = boxes[body][0].start, np.flatnonzero(regions[boxes[body][0].start] == body + 1)
    top_width = columns[-1] - columns[0] + 1
    inside = np.zeros_like(enclosed)
    for index, (rows, cols) in enumerate(boxes):
        on_top = rows.stop <= top + 2 * reach + 2  # ends where the body begins (a stroke between)
        if index == body or not (on_top and cols.stop - cols.start < HOLE_WIDTH * top_width):
            inside |= regions == index + 1
    outside = np.pad(~ink & ~inside, 1, constant_values=True)  # beyond the trimmed edges too
    outer = ink & ndimage.binary_dilation(outside, iterations=_stroke_width(ink))[1:-1, 1:-1]
    filled = gray.copy()
    filled[inside] = 255
    filled[ink & ~outer] = np.minimum(gray[ink & ~outer], DETAIL_LEVEL)  # lines drawn inside
    return filled


def _stroke_width(ink: np.ndarray) -> int:
    """The brush's width in px, about: twice the distance from a stroke's middle to its edge."""
    depth = ndimage.distance_transform_edt(ink)[ink]
    return max(1, round(2 * float(np.percentile(depth, 90))))
