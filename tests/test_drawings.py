"""The drawing path on constructed drawings: a handbag keeps its handle's hole, a shirt keeps its
buttons as darker pixels, a small gap still closes an outline, a tilted trouser is set upright, a
drawing and its mirror image come to the same picture; and the drawing set it was chosen on."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from fashion_lab.images.decoding import ImageError
from fashion_lab.images.drawings import DETAIL_LEVEL, facing_right, preprocess_drawing, tilt_degrees
from tools.drawing_set import CHECK_SEED, TUNE_SEED, draw_garment, drawing_set

SIDE, BRUSH = 280, 8


def canvas(*shapes) -> np.ndarray:
    """White strokes on a black canvas: each shape ("line", points), ("ellipse", box) or ("arc", box),
    an arc being the ellipse's upper half."""
    image = Image.new("L", (SIDE, SIDE), 0)
    pen = ImageDraw.Draw(image)
    for kind, where in shapes:
        if kind == "line":
            pen.line(where, fill=255, width=BRUSH)
        elif kind == "arc":
            pen.arc(where, 180, 360, fill=255, width=BRUSH)
        else:
            pen.ellipse(where, outline=255, width=BRUSH)
    return np.asarray(image)


def box(left: int, top: int, right: int, bottom: int, gap: int = 0) -> tuple:
    """A closed rectangle outline, with a ``gap`` of that many px in its base."""
    middle = (left + right) // 2
    return (
        "line",
        [
            (middle + gap, bottom),
            (right, bottom),
            (right, top),
            (left, top),
            (left, bottom),
            (middle, bottom),
        ],
    )


def step_names(result) -> list[str]:
    return [name for name, _ in result.steps]


def filled_at(drawing: np.ndarray, result, x: int, y: int) -> int:
    """The filled drawing's pixel at canvas point (x, y) (the drawing trimmed, not resized)."""
    filled = next(image for name, image in result.steps if name == "inside filled, lines kept")
    ys, xs = np.nonzero(drawing > 12)
    return int(filled[y - ys.min(), x - xs.min()])


def test_a_handbag_keeps_its_handles_hole_and_fills_its_body():
    bag = canvas(box(40, 130, 240, 250), ("arc", (90, 40, 190, 220)), ("line", [(40, 170), (240, 170)]))
    result = preprocess_drawing(bag)
    assert filled_at(bag, result, 140, 90) == 0  # under the handle: a hole
    assert filled_at(bag, result, 60, 200) == 255  # the bag, below its flap
    assert filled_at(bag, result, 60, 150) == 255  # and above it
    assert 0 < filled_at(bag, result, 140, 170) <= DETAIL_LEVEL  # the flap's line, darker


def test_a_shirt_keeps_its_buttons_as_darker_lines_inside():
    buttons = [("ellipse", (135, y, 149, y + 14)) for y in (90, 140, 190)]
    result = preprocess_drawing(canvas(box(60, 40, 220, 250), ("line", [(142, 40), (142, 80)]), *buttons))
    filled = next(image for name, image in result.steps if name == "inside filled, lines kept")
    inside = filled[20:-20, 20:-20]
    assert (inside == 255).mean() > 0.7  # filled
    assert ((inside > 0) & (inside <= DETAIL_LEVEL)).sum() > 200  # the buttons and the placket, darker
    assert result.pixels[8:20, 12:16].min() < 255  # and they still show at 28x28


@pytest.mark.parametrize("gap", [0, 4])
def test_a_closed_outline_with_a_small_gap_still_reaches_the_model_filled(gap):
    result = preprocess_drawing(canvas(box(60, 40, 208, 250, gap)))
    assert "inside filled, lines kept" in step_names(result)
    assert result.pixels[6:22, 8:20].min() == 255


def test_an_open_outline_is_answered_as_drawn():
    u_shape = canvas(("line", [(60, 40), (60, 250), (208, 250), (208, 40)]))
    result = preprocess_drawing(u_shape)
    assert "inside filled, lines kept" not in step_names(result)
    assert result.pixels[4:20, 10:18].max() == 0  # the U's inside stays black


def test_a_tilted_trouser_is_set_upright():
    trouser = [(110, 30), (170, 30), (175, 250), (150, 250), (140, 120), (130, 250), (105, 250), (110, 30)]
    upright = canvas(("line", trouser))
    tilted = np.asarray(Image.fromarray(upright).rotate(12, resample=Image.Resampling.BILINEAR))
    assert abs(tilt_degrees(upright)) < 3 and abs(tilt_degrees(tilted)) == pytest.approx(12, abs=2)
    result = preprocess_drawing(tilted)
    turned = next(image for name, image in result.steps if name.startswith("set upright"))
    assert abs(tilt_degrees(turned)) < 3


def test_a_drawing_and_its_mirror_image_come_to_the_same_picture():
    shoe = canvas(
        (
            "line",
            [
                (30, 200),
                (250, 200),
                (250, 150),
                (180, 140),
                (170, 60),
                (120, 60),
                (110, 150),
                (30, 180),
                (30, 200),
            ],
        )
    )
    mirrored = shoe[:, ::-1]
    assert facing_right(shoe) != facing_right(mirrored)
    ours, theirs = preprocess_drawing(shoe), preprocess_drawing(mirrored)
    for mine, other in zip(ours.inputs, theirs.inputs, strict=True):
        np.testing.assert_array_equal(mine, other)
    assert len(ours.inputs) == 4  # filled, strokes, and both mirrored
    assert (ours.mirrored, theirs.mirrored) == (facing_right(shoe), facing_right(mirrored))  # it says which


def test_a_symmetric_drawing_is_its_own_mirror_and_still_one_picture():
    symmetric = canvas(box(60, 40, 220, 250))
    np.testing.assert_array_equal(
        preprocess_drawing(symmetric).pixels, preprocess_drawing(symmetric[:, ::-1]).pixels
    )


def test_rgba_canvas_data_is_accepted_and_an_empty_canvas_refused():
    drawing = np.zeros((100, 100, 4), dtype=np.uint8)
    drawing[..., 3] = 255
    drawing[20:80, 40:60, :3] = 255
    assert preprocess_drawing(drawing).pixels.max() == 255
    with pytest.raises(ImageError, match="blank"):
        preprocess_drawing(np.zeros((50, 50), dtype=np.uint8))


def test_the_drawing_set_is_reproducible_and_its_parts_are_apart():
    np.testing.assert_array_equal(draw_garment(7, 123), draw_garment(7, 123))
    drawings, labels = drawing_set(TUNE_SEED, 2)
    assert len(drawings) == 20 and sorted(set(labels.tolist())) == list(range(10))
    assert all(d.ndim == 2 and d.dtype == np.uint8 and d.max() == 255 for d in drawings)
    assert (
        CHECK_SEED - TUNE_SEED > 10 * 10_000
    )  # every class's seeds of the tune part stay below the check part's


def test_the_outline_stays_bright_where_it_touches_the_drawings_edge():
    """The box's top and base are its outline, not lines drawn inside: once trimmed, nothing lies
    beyond them, and they were taken for details (grey) before."""
    result = preprocess_drawing(canvas(box(60, 40, 208, 250)))
    filled = next(image for name, image in result.steps if name == "inside filled, lines kept")
    assert filled[1, filled.shape[1] // 2] == 255 and filled[-2, filled.shape[1] // 2] == 255
    assert filled.min() == 0 or filled[filled > 0].min() > DETAIL_LEVEL  # no line inside: no grey
