"""Garments sketched by a second hand: another team member's templates, written from the
issue's description alone without seeing fashion_lab.sketches' (which is why its code and style
differ). Each class is a parametric template in garment units (y down) with several styles (a
tank top or a tee; jeans or wide legs; a hood, a belt or lapels; a tote, a clutch or a shoulder
bag; sandals from the side or from above); a random drawer then decides how it is drawn: brush
width, wobble, rounded corners, one loop or several strokes with gaps and overlaps, how many
details, scribbled or solid colouring-in, rotation, size and position. Shoes face either way."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from fashion_lab.sketches.freehand.geometry import GarmentStrokes, mx
from fashion_lab.sketches.freehand.lower_and_bags import bag, dress, trousers
from fashion_lab.sketches.freehand.pen import Hand, render_polyline, scribble
from fashion_lab.sketches.freehand.shoes import boot, sandal, sneaker
from fashion_lab.sketches.freehand.tops import coat, pullover, shirt, tee

BUILDERS = (tee, trousers, pullover, dress, coat, sandal, shirt, sneaker, bag, boot)  # by class


def draw_freehand(label: int, seed: int) -> np.ndarray:
    """Garment ``label`` sketched freehand from ``seed``: (S, S) uint8, light strokes on black,
    S in 250-420."""
    label = int(label)
    rng = np.random.default_rng([label, int(seed) & 0xFFFFFFFF, 20240611])
    S = int(rng.integers(250, 421))
    g = GarmentStrokes(rng, float(rng.uniform(0.45, 1.35)))
    BUILDERS[label](g)
    items = g.items
    if label in (5, 7, 9) and rng.random() < 0.5:  # face left instead of right
        items = [(k, mx(p)) for k, p in items]

    # global placement: rotation, size (40-90 % of canvas), position
    allp = np.vstack([p for _, p in items])
    c = (allp.min(0) + allp.max(0)) / 2
    ang = np.radians(np.clip(rng.normal(0, 7), -15, 15))
    R = np.array([[np.cos(ang), -np.sin(ang)], [np.sin(ang), np.cos(ang)]])
    items = [(k, (p - c) @ R.T) for k, p in items]
    allp = np.vstack([p for _, p in items])
    ext = allp.max(0) - allp.min(0)
    frac = rng.uniform(0.38, 0.85)
    gsz = frac * S
    scale = gsz / ext.max()
    w = float(np.exp(rng.uniform(np.log(6), np.log(30))))
    w = float(np.clip(min(w, 0.085 * gsz), 6, 30))
    margin = w / 2 + 3
    if ext.max() * scale > S - 2 * margin:
        scale = (S - 2 * margin) / ext.max()
    items = [(k, p * scale) for k, p in items]
    lo = allp.min(0) * scale
    sz = ext * scale
    off = (
        np.array(
            [
                rng.uniform(margin, max(margin, S - margin - sz[0])),
                rng.uniform(margin, max(margin, S - margin - sz[1])),
            ]
        )
        - lo
    )
    items = [(k, p + off) for k, p in items]
    gsz = float(sz.max())

    st = Hand(rng, gsz, w)
    ss = 2
    img = Image.new("L", (S * ss, S * ss), 0)
    dr = ImageDraw.Draw(img)
    fill = rng.random()
    fill_layer = None
    for k, p in items:
        if k == "O":
            if fill_layer is None and fill < 0.09:
                fill_layer = scribble(p, w, rng, S, ss, solid=fill < 0.025)
            strokes = st.outline_pieces(p)
        elif k == "C":
            strokes = st.small_loop(p)
        elif k == "L":
            strokes = st.open_line(p)
        else:
            strokes = [p + rng.normal(0, 0.004 * gsz, 2)]
        for q in strokes:
            q = st.wobble(q) if len(q) > 1 else q
            if k == "D":
                x, y = q[0] * ss
                r = w * ss / 2 * rng.uniform(1.0, 1.5)
                dr.ellipse([x - r, y - r, x + r, y + r], fill=255)
            else:
                render_polyline(dr, q, w, ss)
    a = np.asarray(img)
    if fill_layer is not None:
        a = np.maximum(a, fill_layer)
    out = Image.fromarray(a).resize((S, S), Image.BOX)
    return np.asarray(out, dtype=np.uint8)
