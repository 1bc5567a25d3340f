"""Tops, trousers and dresses as people sketch them: an outline with the details they add."""

from __future__ import annotations

from fashion_lab.sketches.strokes import Stroke, arc, buttons, closed


def t_shirt(rng) -> list[Stroke]:
    w, s, h = rng.uniform(0.22, 0.3), rng.uniform(0.12, 0.2), rng.uniform(0.7, 0.85)
    top, sleeve = 0.12, rng.uniform(0.15, 0.25)
    body = [
        (0.5 - w + 0.05, top),
        (0.42, top),
        (0.58, top),
        (0.5 + w - 0.05, top),
        (0.5 + w + s, top + sleeve * 0.6),
        (0.5 + w + s * 0.6, top + sleeve + 0.05),
        (0.5 + w, top + sleeve),
        (0.5 + w, top + h),
        (0.5 - w, top + h),
        (0.5 - w, top + sleeve),
        (0.5 - w - s * 0.6, top + sleeve + 0.05),
        (0.5 - w - s, top + sleeve * 0.6),
    ]
    strokes = [closed(body)]
    if rng.random() < 0.7:
        strokes.append(arc(0.5, top, 0.08, rng.uniform(0.04, 0.08), 0, 180))  # neckline
    if rng.random() < 0.2:
        strokes.append(closed([(0.56, 0.35), (0.66, 0.35), (0.66, 0.45), (0.56, 0.45)]))  # pocket
    return strokes


def trouser(rng) -> list[Stroke]:
    w, gap, h = rng.uniform(0.16, 0.22), rng.uniform(0.015, 0.05), rng.uniform(0.78, 0.88)
    crotch, flare = rng.uniform(0.25, 0.4), rng.uniform(-0.02, 0.04)
    top = 0.06
    outline = [
        (0.5 - w, top),
        (0.5 + w, top),
        (0.5 + w + flare, top + h),
        (0.5 + gap + 0.02, top + h),
        (0.5, top + crotch),
        (0.5 - gap - 0.02, top + h),
        (0.5 - w - flare, top + h),
    ]
    strokes = [closed(outline)]
    if rng.random() < 0.6:
        strokes.append([(0.5 - w, top + 0.06), (0.5 + w, top + 0.06)])  # waistband
    if rng.random() < 0.3:
        strokes.append([(0.5, top + 0.06), (0.5, top + crotch * 0.7)])  # fly
    return strokes


def _long_sleeved(rng, length: float) -> tuple[Stroke, float, float]:
    """Shoulders, sleeves angled down and out to their cuffs, the body between them."""
    w, s = rng.uniform(0.16, 0.22), rng.uniform(0.08, 0.11)  # half the body's width, a sleeve's
    top, out = 0.08, rng.uniform(0.06, 0.18)  # how far the cuffs stand out from the body
    cuff_y, armpit = top + length * rng.uniform(0.75, 0.95), top + rng.uniform(0.18, 0.26)
    body = [
        (0.5 - w, top),
        (0.42, top),
        (0.58, top),
        (0.5 + w, top),
        (0.5 + w + out + s, cuff_y),
        (0.5 + w + out, cuff_y + 0.03),
        (0.5 + w, armpit),
        (0.5 + w, top + length),
        (0.5 - w, top + length),
        (0.5 - w, armpit),
        (0.5 - w - out, cuff_y + 0.03),
        (0.5 - w - out - s, cuff_y),
    ]
    return body, w, top


def pullover(rng) -> list[Stroke]:
    body, w, top = _long_sleeved(rng, rng.uniform(0.72, 0.82))
    strokes = [closed(body)]
    if rng.random() < 0.7:
        strokes.append(arc(0.5, top, 0.08, 0.06, 0, 180))  # round neck
    if rng.random() < 0.4:
        bottom = body[7][1]
        strokes.append([(0.5 - w, bottom - 0.05), (0.5 + w, bottom - 0.05)])  # ribbed hem
    return strokes


def coat(rng) -> list[Stroke]:
    body, w, top = _long_sleeved(rng, rng.uniform(0.8, 0.9))
    bottom = body[7][1]
    strokes = [closed(body)]
    if rng.random() < 0.8:
        strokes.append([(0.5, top + 0.12), (0.5, bottom)])  # the front's opening or zip
    if rng.random() < 0.6:
        strokes += [[(0.42, top), (0.5, top + 0.14), (0.58, top)], [(0.38, top), (0.47, top + 0.2)]]  # lapels
    if rng.random() < 0.5:
        strokes += buttons(rng, 0.53, top + 0.2, bottom - 0.1, int(rng.integers(3, 6)))
    if rng.random() < 0.3:
        strokes.append([(0.5 - w + 0.04, 0.6), (0.5 - 0.05, 0.6)])  # pocket
    return strokes


def shirt(rng) -> list[Stroke]:
    body, w, top = _long_sleeved(rng, rng.uniform(0.74, 0.84))
    bottom = body[7][1]
    strokes = [closed(body)]
    if rng.random() < 0.8:
        strokes += [
            [(0.42, top), (0.45, top + 0.08), (0.5, top + 0.04)],
            [(0.58, top), (0.55, top + 0.08), (0.5, top + 0.04)],
        ]
    if rng.random() < 0.7:
        strokes.append([(0.5, top + 0.05), (0.5, bottom)])  # placket
    if rng.random() < 0.6:
        strokes += buttons(rng, 0.52, top + 0.12, bottom - 0.08, int(rng.integers(3, 6)))
    if rng.random() < 0.3:
        strokes.append(closed([(0.56, 0.3), (0.64, 0.3), (0.64, 0.38), (0.56, 0.38)]))
    return strokes


def dress(rng) -> list[Stroke]:
    shoulder, waist, hem = rng.uniform(0.1, 0.16), rng.uniform(0.08, 0.12), rng.uniform(0.25, 0.4)
    top, waist_y = 0.06, rng.uniform(0.3, 0.42)
    outline = [
        (0.5 - shoulder, top),
        (0.44, top + 0.02),
        (0.5, top + 0.08),
        (0.56, top + 0.02),
        (0.5 + shoulder, top),
        (0.5 + shoulder + 0.02, top + 0.12),
        (0.5 + waist, waist_y),
        (0.5 + hem, 0.94),
        (0.5 - hem, 0.94),
        (0.5 - waist, waist_y),
        (0.5 - shoulder - 0.02, top + 0.12),
    ]
    strokes = [closed(outline)]
    if rng.random() < 0.5:
        strokes.append([(0.5 - waist, waist_y), (0.5 + waist, waist_y)])  # waist seam
    return strokes
