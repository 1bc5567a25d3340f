"""The freehand sketches' shapes: small geometry in garment units (y down) and the strokes
of one drawing (outlines, small loops, lines, dots)."""

from __future__ import annotations

from math import comb

import numpy as np


def ln(*pts):
    return np.asarray(pts, float)


def bez(*ctrl, n=18):
    P = np.asarray(ctrl, float)
    k = len(P) - 1
    t = np.linspace(0.0, 1.0, n)[:, None]
    return sum(comb(k, i) * (1 - t) ** (k - i) * t**i * P[i] for i in range(k + 1))


def arc(cx, cy, rx, ry, a0, a1, n=28):
    a = np.radians(np.linspace(a0, a1, n))
    return np.stack([cx + rx * np.cos(a), cy + ry * np.sin(a)], 1)


def cat(*parts):
    out = []
    for p in parts:
        p = np.asarray(p, float).reshape(-1, 2)
        if out and np.allclose(out[-1][-1], p[0]):
            p = p[1:]
        if len(p):
            out.append(p)
    return np.vstack(out)


def mx(p):
    q = np.array(p, float).reshape(-1, 2)
    q[:, 0] *= -1
    return q


def loop_from_half(right):
    """right: path on x>=0 from a top-centre point to a bottom-centre point."""
    left = mx(right[::-1])
    return np.vstack([right, left[1:-1]])


def sym_open(right):
    """right: open path starting on the centre line; returns the mirrored full path."""
    return np.vstack([mx(right[::-1]), right[1:]])


def rect(x0, y0, x1, y1):
    return ln((x0, y0), (x1, y0), (x1, y1), (x0, y1))


def unit(v):
    v = np.asarray(v, float)
    n = np.hypot(*v)
    return v / n if n > 1e-12 else v


class GarmentStrokes:
    """Collects the strokes of one drawing."""

    def __init__(self, rng, detail):
        self.rng = rng
        self.detail = detail
        self.items = []  # (kind, pts) kind: O outline loop, C small loop, L line, D dot
        self.hang = rng.random() < 0.5

    def u(self, a, b):
        return float(self.rng.uniform(a, b))

    def has(self, p):
        return self.rng.random() < min(0.97, p * self.detail)

    def choice(self, opts, p=None):
        return opts[int(self.rng.choice(len(opts), p=p))]

    def outline(self, pts):
        self.items.append(("O", np.asarray(pts, float)))

    def loop(self, pts):
        self.items.append(("C", np.asarray(pts, float)))

    def line(self, pts):
        self.items.append(("L", np.asarray(pts, float)))

    def dot(self, p):
        self.items.append(("D", np.asarray(p, float).reshape(1, 2)))

    def both(self, pts, kind="L"):
        self.items.append((kind, np.asarray(pts, float)))
        self.items.append((kind, mx(pts)))

    def button(self, p, r):
        if self.rng.random() < 0.6:
            self.dot(p)
        else:
            self.loop(arc(p[0], p[1], r, r, 0, 360, n=14)[:-1])

    def logo(self, cx, cy, s):
        k = self.choice(["circle", "star", "heart", "wave", "smile"])
        if k == "circle":
            self.loop(arc(cx, cy, s, s, 0, 360)[:-1])
        elif k == "star":
            a = np.radians(np.arange(10) * 36 - 90)
            r = np.where(np.arange(10) % 2 == 0, s, s * 0.45)
            self.loop(np.stack([cx + r * np.cos(a), cy + r * np.sin(a)], 1))
        elif k == "heart":
            self.loop(
                cat(
                    bez(
                        (cx, cy + s),
                        (cx - 1.6 * s, cy - 0.2 * s),
                        (cx - 0.6 * s, cy - 1.3 * s),
                        (cx, cy - 0.4 * s),
                    ),
                    bez(
                        (cx, cy - 0.4 * s),
                        (cx + 0.6 * s, cy - 1.3 * s),
                        (cx + 1.6 * s, cy - 0.2 * s),
                        (cx, cy + s),
                    ),
                )[:-1]
            )
        elif k == "wave":
            x = np.linspace(cx - 1.6 * s, cx + 1.6 * s, 30)
            self.line(np.stack([x, cy + 0.35 * s * np.sin((x - cx) / s * 3.0)], 1))
        else:
            self.loop(arc(cx, cy, s, s, 0, 360)[:-1])
            self.line(arc(cx, cy, 0.6 * s, 0.5 * s, 20, 160, n=12))
