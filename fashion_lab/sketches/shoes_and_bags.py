"""Shoes (facing left, as Fashion-MNIST's do) and bags as people sketch them."""

from __future__ import annotations

from fashion_lab.sketches.strokes import Stroke, arc, closed


def _shoe(rng, height: float, toe_to_left: bool = True) -> tuple[list[Stroke], float, float]:
    """A shoe's profile facing left: the sole from heel to toe, the toe cap, the heel's back."""
    sole, toe_h = rng.uniform(0.72, 0.84), rng.uniform(0.1, 0.16)
    y0 = 0.5 + height / 2  # the ground
    left, right = 0.5 - sole / 2, 0.5 + sole / 2
    top = y0 - height
    outline = [
        (right, y0),
        (left + 0.06, y0),
        *arc(left + 0.08, y0 - toe_h / 2, 0.08, toe_h / 2, 90, 250, 6),
        (left + 0.2, y0 - toe_h - 0.02),
        (right - 0.3, top),
        (right - 0.02, top),
        (right, y0 - 0.05),
    ]
    return [closed(outline)], y0, top


def sneaker(rng) -> list[Stroke]:
    strokes, y0, top = _shoe(rng, rng.uniform(0.28, 0.36))
    if rng.random() < 0.7:
        strokes.append([(0.14, y0 - 0.05), (0.86, y0 - 0.05)])  # the sole's top
    if rng.random() < 0.7:
        for i in range(int(rng.integers(2, 5))):  # laces
            x = 0.4 + 0.07 * i
            strokes.append([(x, top + 0.08 + 0.02 * i), (x + 0.08, top + 0.02 * i + 0.02)])
    return strokes


def ankle_boot(rng) -> list[Stroke]:
    shaft = rng.uniform(0.5, 0.62)
    strokes, y0, top = _shoe(rng, shaft)
    strokes = [
        closed(
            [
                (0.88, y0),
                (0.16, y0),
                *arc(0.2, y0 - 0.08, 0.08, 0.08, 90, 230, 5),
                (0.3, y0 - 0.2),
                (0.5, y0 - 0.26),
                (0.52, top),
                (0.86, top),
                (0.88, y0 - 0.1),
            ]
        )
    ]
    if rng.random() < 0.6:
        heel = rng.uniform(0.04, 0.1)
        strokes.append([(0.7, y0), (0.72, y0 + heel), (0.88, y0 + heel), (0.88, y0)])
    if rng.random() < 0.5:
        strokes.append([(0.62, top + 0.04), (0.58, y0 - 0.2)])  # zip or laces
    return strokes


def sandal(rng) -> list[Stroke]:
    y0 = rng.uniform(0.6, 0.7)
    heel = rng.uniform(0.0, 0.25)  # a high heel lifts the back
    sole = [
        (0.1, y0),
        (0.55, y0),
        (0.9, y0 - heel),
        (0.9, y0 - heel + 0.05),
        (0.55, y0 + 0.05),
        (0.1, y0 + 0.05),
    ]
    strokes = [closed(sole)]
    if heel > 0.08:
        strokes.append([(0.82, y0 - heel + 0.05), (0.84, y0 + 0.08)])
    for i in range(int(rng.integers(2, 5))):  # straps over the foot, open between them
        x = 0.18 + 0.16 * i + rng.uniform(-0.03, 0.03)
        height = rng.uniform(0.15, 0.3)
        strokes.append(arc(x + 0.06, y0 - heel * (x / 0.9), 0.07, height, 180, 360, 8))
    return strokes


def bag(rng) -> list[Stroke]:
    w, h, taper = rng.uniform(0.3, 0.4), rng.uniform(0.35, 0.5), rng.uniform(0.0, 0.06)
    top = rng.uniform(0.38, 0.46)
    body = [(0.5 - w + taper, top), (0.5 + w - taper, top), (0.5 + w, top + h), (0.5 - w, top + h)]
    strokes = [closed(body)]
    handle_w, handle_h = rng.uniform(0.12, 0.25), rng.uniform(0.15, 0.28)
    strokes.append(arc(0.5, top, handle_w, handle_h, 180, 360, 10))  # the handle: a hole under it
    if rng.random() < 0.3:
        strokes.append(arc(0.5, top, handle_w - 0.04, handle_h - 0.04, 180, 360, 10))  # its inner edge
    if rng.random() < 0.4:
        strokes.append([(0.5 - w + taper, top + h * 0.3), (0.5 + w - taper, top + h * 0.3)])  # the flap
    if rng.random() < 0.3:
        strokes.append(closed(arc(0.5, top + h * 0.3, 0.02, 0.02, 0, 330, 6)))  # clasp
    return strokes
