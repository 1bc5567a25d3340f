"""Tops as the freehand hand sketches them: T-shirt or tank top, pullover, coat, shirt (one
silhouette builder with their necks, cuffs, ribs, collars and hoods)."""

from __future__ import annotations

import numpy as np

from fashion_lab.sketches.freehand.geometry import bez, cat, ln, loop_from_half, rect, sym_open, unit


def neckline(nw, nd, kind):
    if kind == "v":
        return ln((0, nd), (nw, 0))
    if kind == "square":
        return ln((0, nd), (nw * 0.9, nd), (nw, 0))
    return bez((0, nd), (nw * 0.55, nd), (nw, nd * 0.45), (nw, 0), n=12)


def top_half(g, bw, H, sw, sd, nw, nd, neck, L, a_deg, cw, ay, hw, hc):
    for _ in range(25):
        a = np.radians(a_deg)
        d = np.array([np.cos(a), np.sin(a)])
        pp = np.array([-np.sin(a), np.cos(a)])
        S = np.array([sw, sd])
        C1 = S + L * d
        C2 = C1 + cw * pp
        if C2[0] >= bw + 0.05 or a_deg <= 0:
            break
        a_deg -= 4
    A = np.array([bw, ay])
    side = bez(A, (bw + (hw - bw) * 0.3 + g.u(-0.02, 0.02), ay + (H - ay) * 0.5), (hw, H), n=12)
    hem = bez((hw, H), (hw * 0.5, H + hc), (0, H + hc), n=10)
    right = cat(neckline(nw, nd, neck), ln((nw, 0), S), ln(S, C1), ln(C1, C2), ln(C2, A), side, hem)
    K = dict(
        S=S, C1=C1, C2=C2, A=A, d=d, pp=pp, nw=nw, nd=nd, H=H, hw=hw, bw=bw, ay=ay, hc=hc, L=L, neck=neck
    )
    K["bx"] = lambda y: float(np.interp(y, [ay, H], [bw, hw]))
    return right, K


def cuff(K, c):
    return ln(K["C1"] - c * K["d"], K["C2"] + c * unit(K["A"] - K["C2"]))


def ribs(g, K, c, n):
    """short lines inside a cuff band of depth c (right sleeve), mirrored."""
    p0a, p0b = K["C1"], K["C2"]
    p1a, p1b = K["C1"] - c * K["d"], K["C2"] + c * unit(K["A"] - K["C2"])
    for t in np.linspace(0.2, 0.8, n):
        g.both(ln(p0a + t * (p0b - p0a), p1a + t * (p1b - p1a)))


def neck_band(g, K, b):
    nw, nd = K["nw"], K["nd"]
    g.line(sym_open(neckline(nw + 0.25 * b, nd + b, K["neck"])))


def hood(g, nw):
    hwid = nw + g.u(0.06, 0.14)
    hh = g.u(0.35, 0.55)
    g.line(bez((-nw, 0.02), (-hwid * 1.5, -hh * 1.1), (hwid * 1.5, -hh * 1.1), (nw, 0.02), n=24))
    if g.has(0.5):
        f = g.u(0.55, 0.75)
        g.line(
            bez(
                (-nw * 0.7, 0.05),
                (-hwid * f * 1.3, -hh * f * 1.1),
                (hwid * f * 1.3, -hh * f * 1.1),
                (nw * 0.7, 0.05),
                n=20,
            )
        )


def tank(g):
    u = g.u
    nw, st, nd = u(0.09, 0.17), u(0.05, 0.11), u(0.18, 0.38)
    bw, ay, H = u(0.28, 0.4), u(0.3, 0.5), u(0.85, 1.3)
    hw, hc = bw * u(0.95, 1.18), u(-0.02, 0.04)
    right = cat(
        neckline(nw, nd, "round" if g.rng.random() < 0.8 else "v"),
        ln((nw, 0), (nw + st, 0)),
        bez((nw + st, 0), (nw + st + 0.01, ay * 0.65), (bw * 0.8, ay), (bw, ay), n=14),
        bez((bw, ay), (bw + (hw - bw) * 0.3, (ay + H) / 2), (hw, H), n=10),
        bez((hw, H), (hw * 0.5, H + hc), (0, H + hc), n=10),
    )
    g.outline(loop_from_half(right))
    if g.has(0.15):
        g.logo(0, (nd + H) / 2, u(0.07, 0.12))
    if g.has(0.1):
        y = H - u(0.05, 0.1)
        g.line(ln((-hw * 0.98, y), (hw * 0.98, y)))


def tee(g):
    u, r = g.u, g.rng
    if r.random() < 0.17:
        return tank(g)
    bw, H = u(0.36, 0.5), u(0.8, 1.25)
    sw, sd, nw = bw + u(-0.01, 0.09), u(0.03, 0.14), u(0.1, 0.19)
    neck = "v" if r.random() < 0.2 else "round"
    nd = u(0.14, 0.32) if neck == "v" else u(0.04, 0.2)
    L, cw = u(0.18, 0.42), u(0.14, 0.26)
    a = u(28, 60) if g.hang else u(0, 28)
    ay = sd + u(0.18, 0.32)
    right, K = top_half(g, bw, H, sw, sd, nw, nd, neck, L, a, cw, ay, bw * u(0.9, 1.12), u(-0.02, 0.05))
    g.outline(loop_from_half(right))
    if g.has(0.45):
        neck_band(g, K, u(0.03, 0.06))
    if g.has(0.3):
        g.both(cuff(K, u(0.03, 0.07)))
    if g.has(0.1):
        y = H - u(0.05, 0.1)
        g.line(ln((-K["bx"](y), y), (K["bx"](y), y)))
    if g.has(0.1):
        s = u(0.1, 0.15)
        x0, y0 = -bw * u(0.35, 0.6), ay + u(-0.05, 0.05)
        g.loop(rect(x0 - s / 2, y0, x0 + s / 2, y0 + s * u(0.9, 1.2)))
    elif g.has(0.18):
        g.logo(u(-0.05, 0.05), (ay + H) / 2 - u(0, 0.1), u(0.08, 0.16))
    if g.has(0.06):
        for y in np.linspace(ay + 0.1, H - 0.08, int(r.integers(2, 5))):
            g.line(ln((-K["bx"](y), y), (K["bx"](y), y)))


def pullover(g):
    u, r = g.u, g.rng
    bw, H = u(0.34, 0.48), u(0.9, 1.25)
    sw, sd, nw = bw + u(0.0, 0.1), u(0.04, 0.15), u(0.1, 0.18)
    neck = "v" if r.random() < 0.3 else "round"
    nd = u(0.15, 0.3) if neck == "v" else u(0.05, 0.17)
    L, cw = u(0.6, 0.95), u(0.12, 0.2)
    a = u(45, 78) if g.hang else u(15, 45)
    ay = sd + u(0.2, 0.32)
    right, K = top_half(g, bw, H, sw, sd, nw, nd, neck, L, a, cw, ay, bw * u(0.88, 1.05), u(-0.02, 0.03))
    g.outline(loop_from_half(right))
    if g.has(0.6):
        neck_band(g, K, u(0.03, 0.07))
    if g.has(0.7):
        c = u(0.06, 0.13)
        g.both(cuff(K, c))
        if g.has(0.35):
            ribs(g, K, c, int(r.integers(2, 5)))
    if g.has(0.6):
        y = H - u(0.07, 0.14)
        g.line(ln((-K["bx"](y), y), (K["bx"](y), y)))
        if g.has(0.35):
            for x in np.linspace(-0.8, 0.8, int(r.integers(4, 9))) * K["bx"](y):
                g.line(ln((x, y + 0.015), (x, H - 0.015)))
    if g.has(0.06):
        hood(g, nw)
    if g.has(0.07):
        y0, y1 = H * u(0.55, 0.65), H - u(0.12, 0.18)
        w0, w1 = u(0.12, 0.18), u(0.22, 0.3)
        g.line(ln((-w1, y1), (-w0, y0), (w0, y0), (w1, y1)))
    pat = r.random()
    if pat < 0.1 * g.detail:
        for y in np.linspace(ay + 0.05, H - 0.18, int(r.integers(2, 5))):
            g.line(ln((-K["bx"](y), y), (K["bx"](y), y)))
    elif pat < 0.18 * g.detail:
        y = u(ay + 0.05, (ay + H) / 2)
        n = int(r.integers(4, 8))
        xs = np.linspace(-K["bx"](y), K["bx"](y), 2 * n + 1)
        ys = y + np.where(np.arange(2 * n + 1) % 2 == 0, 0, u(0.06, 0.1))
        g.line(np.stack([xs, ys], 1))
    elif pat < 0.24 * g.detail:
        g.logo(0, (ay + H) / 2, u(0.08, 0.15))


def collar(g, nw, depth):
    tipx, tipy, cy = g.u(0.05, 0.13), depth, g.u(0.06, 0.13)
    right = ln((nw + 0.01, -0.01), (tipx, tipy), (0.0, cy))
    g.both(right)
    return cy


def coat(g):
    u, r = g.u, g.rng
    bw, H = u(0.36, 0.5), u(1.45, 2.1)
    sw, sd, nw = bw + u(0.0, 0.1), u(0.04, 0.14), u(0.1, 0.17)
    lapel = r.random() < 0.45
    neck = "v" if lapel else "round"
    nd = u(0.3, 0.55) if lapel else u(0.04, 0.14)
    L, cw = u(0.85, 1.15), u(0.13, 0.21)
    a = u(50, 80) if g.hang else u(15, 42)
    ay = sd + u(0.22, 0.35)
    hw, hc = bw * u(0.95, 1.3), u(-0.02, 0.03)
    right, K = top_half(g, bw, H, sw, sd, nw, nd, neck, L, a, cw, ay, hw, hc)
    g.outline(loop_from_half(right))
    x0 = 0.0 if r.random() < 0.75 else u(-0.06, 0.06)
    top_y = nd
    if lapel and g.has(0.85):
        lx, ly = nw + u(0.04, 0.12), u(0.15, 0.3)
        g.both(ln((nw, 0), (lx, ly), (0.0 + x0 * 0.5, nd + u(-0.02, 0.04))))
    elif not lapel:
        if g.has(0.35):
            top_y = collar(g, nw, u(0.15, 0.26))
        elif g.has(0.25):
            hood(g, nw)
    opening = g.has(0.85)
    if opening:
        g.line(ln((x0, top_y), (x0, H + hc)))
    zip_ = opening and g.rng.random() < 0.12
    if zip_:
        for y in np.linspace(top_y + 0.06, H - 0.05, int(r.integers(6, 12))):
            g.line(ln((x0 - 0.025, y), (x0 + 0.025, y)))
    elif g.has(0.7):
        n = int(r.integers(2, 7))
        ys = np.linspace(top_y + u(0.05, 0.12), top_y + (H - top_y) * u(0.45, 0.8), n)
        cols = [x0 + u(0.05, 0.08)] if r.random() < 0.7 else [x0 - u(0.08, 0.12), x0 + u(0.08, 0.12)]
        if not opening:
            cols = [x0]
        for y in ys:
            for x in cols:
                g.button((x, y), 0.025)
    if g.has(0.5):
        y = H * u(0.55, 0.72)
        px, pw = K["bx"](y) * u(0.4, 0.6), u(0.12, 0.2)
        k = r.random()
        if k < 0.45:
            g.both(ln((px - pw / 2, y), (px + pw / 2, y)))
        elif k < 0.8:
            g.both(rect(px - pw / 2, y, px + pw / 2, y + pw * u(0.8, 1.2)), "C")
        else:
            g.both(ln((px - pw / 3, y - pw / 2), (px + pw / 3, y + pw / 2)))
    if g.has(0.25):
        y = H * u(0.4, 0.5)
        bh = u(0.05, 0.09)
        for yy in (y, y + bh):
            g.line(ln((-K["bx"](yy), yy), (K["bx"](yy), yy)))
        if g.has(0.6):
            g.loop(rect(x0 - bh * 0.8, y - 0.01, x0 + bh * 0.8, y + bh + 0.01))
    if g.has(0.35):
        g.both(cuff(K, u(0.08, 0.15)))


def shirt(g):
    u, r = g.u, g.rng
    bw, H = u(0.34, 0.47), u(0.95, 1.35)
    sw, sd, nw = bw + u(0.0, 0.08), u(0.04, 0.13), u(0.09, 0.15)
    nd = u(0.03, 0.08)
    L, cw = u(0.65, 0.95), u(0.12, 0.19)
    a = u(45, 78) if g.hang else u(15, 42)
    ay = sd + u(0.2, 0.3)
    hc = u(0.04, 0.12) if r.random() < 0.5 else u(-0.02, 0.02)
    right, K = top_half(g, bw, H, sw, sd, nw, nd, "round", L, a, cw, ay, bw * u(0.9, 1.05), hc)
    g.outline(loop_from_half(right))
    cy = nd
    if g.has(0.92):
        cy = collar(g, nw, u(0.15, 0.28))
    if g.has(0.55):
        pw = u(0.025, 0.05)
        g.line(ln((-pw, cy), (-pw, H + hc * 0.9)))
        g.line(ln((pw, cy), (pw, H + hc * 0.9)))
    elif g.has(0.6):
        g.line(ln((0, cy), (0, H + hc)))
    if g.has(0.85):
        n = int(r.integers(4, 8))
        for y in np.linspace(cy + u(0.04, 0.09), H - u(0.06, 0.14), n):
            g.button((0.0, y), 0.02)
    if g.has(0.65):
        g.both(cuff(K, u(0.07, 0.13)))
    if g.has(0.4):
        s = u(0.1, 0.15)
        x0 = bw * u(0.35, 0.55) * (1 if r.random() < 0.5 else -1)
        y0 = ay + u(-0.06, 0.04)
        g.loop(rect(x0 - s / 2, y0, x0 + s / 2, y0 + s * u(0.9, 1.25)))
        if g.has(0.4):
            g.line(ln((x0 - s / 2, y0 + s * 0.3), (x0 + s / 2, y0 + s * 0.3)))
