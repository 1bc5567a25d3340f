"""The freehand hand's pen: strokes resampled and smoothed, an outline broken into pieces with
gaps and overlaps, a hand's wobble and tremor, a round brush, and scribbled colouring-in."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from fashion_lab.sketches.freehand.geometry import unit


def dedupe(p):
    if len(p) < 2:
        return p
    keep = np.concatenate([[True], np.hypot(*np.diff(p, axis=0).T) > 1e-9])
    return p[keep]


def resample(p, closed, step):
    P = np.vstack([p, p[:1]]) if closed else p
    P = dedupe(P)
    if len(P) < 2:
        return P
    s = np.concatenate([[0.0], np.cumsum(np.hypot(*np.diff(P, axis=0).T))])
    n = max(3, int(s[-1] / step) + 1)
    t = np.linspace(0, s[-1], n)
    out = np.stack([np.interp(t, s, P[:, 0]), np.interp(t, s, P[:, 1])], 1)
    return out[:-1] if closed else out


def smooth(p, sigma, closed):
    if sigma < 0.6 or len(p) < 5:
        return p
    sigma = min(sigma, len(p) / 6)
    k = int(3 * sigma) + 1
    x = np.arange(-k, k + 1)
    w = np.exp(-0.5 * (x / sigma) ** 2)
    w /= w.sum()
    mode = "wrap" if closed else "edge"
    pad = np.pad(p, ((k, k), (0, 0)), mode=mode)
    out = np.stack([np.convolve(pad[:, 0], w, "valid"), np.convolve(pad[:, 1], w, "valid")], 1)
    if not closed:  # keep the end points where they were drawn
        out[0], out[-1] = p[0], p[-1]
    return out


def piece(loop, a, b):
    """points of a closed resampled loop from arc position a to b (may wrap/overrun)."""
    P = np.vstack([loop, loop[:1]])
    s = np.concatenate([[0.0], np.cumsum(np.hypot(*np.diff(P, axis=0).T))])
    L = s[-1]
    n = max(2, int(abs(b - a) / max(L / len(loop), 1e-6)) + 1)
    t = np.mod(np.linspace(a, b, n), L)
    return np.stack([np.interp(t, s, P[:, 0]), np.interp(t, s, P[:, 1])], 1)


def trim(p, a, b):
    """open path: cut a off the start and b off the end (negative = extend straight on)."""
    s = np.concatenate([[0.0], np.cumsum(np.hypot(*np.diff(p, axis=0).T))])
    L = s[-1]
    if L < 1e-6:
        return p
    a = max(a, -0.3 * L)
    b = max(b, -0.3 * L)
    if a + b > 0.6 * L:
        f = 0.6 * L / (a + b)
        a, b = a * f, b * f
    t = np.linspace(a, L - b, len(p))
    q = np.stack([np.interp(np.clip(t, 0, L), s, p[:, 0]), np.interp(np.clip(t, 0, L), s, p[:, 1])], 1)
    k = min(len(p) - 1, 3)
    t0, t1 = unit(p[k] - p[0]), unit(p[-1] - p[-1 - k])
    lo, hi = t < 0, t > L
    q[lo] += t[lo, None] * t0
    q[hi] += (t[hi, None] - L) * t1
    return q


def corner_positions(loop, step):
    """arc positions of sharp turns in a resampled closed loop."""
    n = len(loop)
    k = max(2, int(6 / step))
    fwd = np.roll(loop, -k, 0) - loop
    bwd = loop - np.roll(loop, k, 0)
    ang = np.abs(np.arctan2(fwd[:, 0] * bwd[:, 1] - fwd[:, 1] * bwd[:, 0], (fwd * bwd).sum(1)))
    idx = np.where(ang > np.radians(40))[0]
    return idx * step, n * step


class Hand:
    def __init__(self, rng, gsz, w):
        def u(a, b):
            return float(rng.uniform(a, b))

        self.rng = rng
        self.gsz, self.w = gsz, w
        self.step = 2.0
        self.corner = u(0.004, 0.022) * gsz  # rounding of corners (px sigma)
        self.wob = u(0.002, 0.011) * gsz  # low-frequency hand wobble
        self.jit = u(0.0, 0.5)  # high-frequency tremor (px)
        self.shift = u(0.0, 0.012) * gsz  # per-stroke misplacement
        self.rot = u(0.0, 3.0)  # per-stroke rotation (deg)
        self.pieces = int(rng.choice([1, 1, 1, 1, 2, 2, 3, 3, 4, 5]))
        self.gap = (u(0.3, 2.0) * w + u(0.0, 0.04) * gsz) if rng.random() < 0.7 else 0.0
        self.over = u(0.0, 0.04) * gsz
        self.corner_cut = rng.random() < 0.7

    def wobble(self, p):
        rng = self.rng
        if len(p) < 2:
            return p
        s = np.concatenate([[0.0], np.cumsum(np.hypot(*np.diff(p, axis=0).T))])
        off = np.zeros_like(p)
        for i in range(3):
            lam = rng.uniform(0.15, 0.7) * self.gsz / (i + 1)
            amp = self.wob * rng.uniform(0.4, 1.0) / (i + 1)
            off[:, 0] += amp * np.sin(2 * np.pi * s / lam + rng.uniform(0, 2 * np.pi))
            off[:, 1] += amp * np.sin(2 * np.pi * s / lam + rng.uniform(0, 2 * np.pi))
        if self.jit > 0.05:
            j = rng.normal(0, self.jit, p.shape)
            off += smooth(j, 1.5, False)
        c = p.mean(0)
        th = np.radians(rng.normal(0, self.rot))
        R = np.array([[np.cos(th), -np.sin(th)], [np.sin(th), np.cos(th)]])
        q = (p - c) @ R.T * rng.normal(1.0, 0.02) + c + rng.normal(0, self.shift, 2)
        # start a little steadier than the middle (the finger lands, then wobbles)
        return q + off * np.minimum(1.0, 0.4 + s[:, None] / (0.1 * self.gsz + 1e-6))

    def outline_pieces(self, loop):
        rng = self.rng
        loop = resample(loop, True, self.step)
        loop = smooth(loop, self.corner / self.step, True)
        L = len(loop) * self.step
        cpos, _ = corner_positions(loop, self.step)
        k = self.pieces
        if k > 1 and self.corner_cut and len(cpos) >= k:
            cuts = np.sort(rng.choice(cpos, k, replace=False)).astype(float)
        else:
            cuts = np.sort(rng.uniform(0, L, k))
            if k == 1 and len(cpos) and rng.random() < 0.6:
                cuts = np.array([float(rng.choice(cpos))])
        out = []
        for i in range(k):
            a = cuts[i]
            b = cuts[i + 1] if i + 1 < k else cuts[0] + L
            ea = rng.uniform(-self.over, self.gap) * rng.random()
            eb = rng.uniform(-self.over, self.gap)
            if b - a - ea - eb < 4 * self.step:
                ea = eb = 0.0
            out.append(piece(loop, a + ea, b - eb))
        return out

    def small_loop(self, p):
        rng = self.rng
        p = resample(p, True, self.step)
        p = smooth(p, min(self.corner, 0.15 * self.gsz * 0.1) / self.step, True)
        L = len(p) * self.step
        a = rng.uniform(0, L)
        e = rng.uniform(-0.12, 0.08) * L
        return [piece(p, a, a + L + e)]

    def open_line(self, p):
        rng = self.rng
        p = resample(p, False, self.step)
        p = smooth(p, 0.6 * self.corner / self.step, False)
        L = len(p) * self.step
        sc = min(self.gap + self.over, 0.15 * L) + 1e-6
        return [trim(p, rng.uniform(-0.6, 0.5) * sc, rng.uniform(-0.6, 0.5) * sc)]


def render_polyline(dr, p, w, ss):
    p = p * ss
    r = w * ss / 2.0
    if len(p) == 1 or np.hypot(*(p.max(0) - p.min(0))) < 0.5:
        x, y = p[0]
        dr.ellipse([x - r, y - r, x + r, y + r], fill=255)
        return
    pts = [tuple(map(float, q)) for q in p]
    dr.line(pts, fill=255, width=max(1, int(round(w * ss))))
    # round brush: stamp discs along the path (spacing well under the radius)
    cum = np.concatenate([[0.0], np.cumsum(np.hypot(*np.diff(p, axis=0).T))])
    bins = np.floor(cum / max(1.0, 0.5 * r))
    keep = np.concatenate([[True], bins[1:] != bins[:-1]])
    keep[-1] = True
    for x, y in p[keep]:
        dr.ellipse([x - r, y - r, x + r, y + r], fill=255)


def scribble(poly, w, rng, S, ss, solid):
    """an image layer with the polygon coloured in (zig-zag scribble or solid)."""
    mask = Image.new("L", (S * ss, S * ss), 0)
    md = ImageDraw.Draw(mask)
    md.polygon([tuple(map(float, q * ss)) for q in poly], fill=255)
    if solid:
        return np.asarray(mask)
    md.line(
        [tuple(map(float, q * ss)) for q in poly] + [tuple(map(float, poly[0] * ss))],
        fill=255,
        width=max(1, int(w * ss * 0.6)),
    )
    th = rng.uniform(0, np.pi)
    R = np.array([[np.cos(th), -np.sin(th)], [np.sin(th), np.cos(th)]])
    q = poly @ R
    (x0, y0), (x1, y1) = q.min(0), q.max(0)
    sp = w * rng.uniform(0.7, 1.6)
    ys = np.arange(y0 - sp * rng.random(), y1 + sp, sp)
    xs = np.where(np.arange(len(ys)) % 2 == 0, x0 - w, x1 + w)
    xs = xs + rng.normal(0, 0.05 * (x1 - x0), len(xs))
    zz = np.stack([xs, ys + rng.normal(0, sp * 0.15, len(ys))], 1) @ R.T
    lay = Image.new("L", (S * ss, S * ss), 0)
    render_polyline(ImageDraw.Draw(lay), zz, w, ss)
    return np.minimum(np.asarray(lay), np.asarray(mask))
