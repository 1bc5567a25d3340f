"""Trousers, dresses and bags as the freehand hand sketches them."""

from __future__ import annotations

import numpy as np

from fashion_lab.sketches.freehand.geometry import arc, bez, cat, ln, loop_from_half, rect
from fashion_lab.sketches.freehand.tops import neck_band, neckline, top_half


def trousers(g):
    u, r = g.u, g.rng
    w, L = u(0.3, 0.45), u(1.25, 1.9)
    hipx, hy = w + u(0.0, 0.06), u(0.2, 0.35)
    cy = u(0.35, 0.6)
    lw = u(0.19, 0.34)
    ihw = u(0.02, 0.2) if r.random() < 0.75 else u(0.15, 0.3)
    ohw = ihw + lw
    right = cat(
        ln((0, 0), (w, 0)),
        bez((w, 0), (hipx, hy * 0.6), (hipx + (ohw - hipx) * 0.2, hy + 0.2), (ohw, L), n=16),
        ln((ohw, L), (ihw, L)),
        bez((ihw, L), (ihw * 0.8 + 0.02, cy + (L - cy) * 0.4), (0.04, cy + 0.06), (0, cy), n=14),
    )
    g.outline(loop_from_half(right))
    wb = u(0.06, 0.12)
    if g.has(0.65):
        g.line(ln((-w, wb), (w, wb)))
        if g.has(0.2):
            for x in (-0.75 * w, -0.2 * w, 0.2 * w, 0.75 * w)[: int(r.integers(2, 5))]:
                g.line(ln((x, 0.005), (x, wb - 0.005)))
    if g.has(0.5):
        fx = u(0.04, 0.08)
        g.line(bez((0.0, wb), (fx, wb + 0.02), (fx, cy - 0.12), (0.005, cy - 0.04), n=12))
    elif g.has(0.3):
        g.line(ln((0, wb if r.random() < 0.5 else 0.0), (0, cy)))
    if g.has(0.35):
        g.button((0.0, wb * 0.5), 0.02)
    if g.has(0.35):
        g.both(
            bez(
                (w * u(0.35, 0.6), wb),
                (w * 0.7, hy * 0.8),
                (w * 0.9, hy * 0.7),
                (w + 0.02, hy * u(0.6, 0.9)),
                n=10,
            )
        )
    if g.has(0.12):
        for s in (-1, 1):
            x0, x1 = s * (w * 0.5), s * (ihw + lw / 2)
            g.line(ln((x0, cy * 0.8), (x1, L - 0.02)))
    if g.has(0.2):
        y = L - u(0.06, 0.12)
        g.both(ln((ihw, y), (ohw - 0.01, y)))


def dress(g):
    u, r = g.u, g.rng
    H, nw = u(1.4, 2.3), u(0.09, 0.16)
    bust = u(0.25, 0.36)
    ww = bust * u(0.72, 0.92)
    wy = u(0.45, 0.75)
    hw = max(bust * 0.95, u(0.42, 1.0))
    top = g.choice(["strap", "sleeveless", "short", "long"], p=[0.33, 0.3, 0.27, 0.1])
    neck = g.choice(["round", "v", "square"], p=[0.6, 0.25, 0.15])
    nd = u(0.05, 0.28)
    K = None
    if top == "strap":
        st, ay = u(0.04, 0.09), u(0.22, 0.38)
        nd = max(nd, u(0.12, 0.3))
        upper = cat(
            ln((nw, 0), (nw + st, 0)),
            bez((nw + st, 0), (nw + st, ay * 0.6), (bust * 0.85, ay), (bust, ay), n=12),
        )
    elif top == "sleeveless":
        S, ay = (nw + u(0.06, 0.12), u(0.02, 0.06)), u(0.25, 0.38)
        upper = cat(ln((nw, 0), S), bez(S, (S[0] - 0.02, ay * 0.7), (bust * 0.9, ay), (bust, ay), n=12))
    else:
        ay = u(0.22, 0.32)
        if top == "short":
            L, cw, a = u(0.12, 0.28), u(0.12, 0.2), (u(30, 55) if g.hang else u(5, 30))
        else:
            L, cw, a = u(0.5, 0.8), u(0.08, 0.13), (u(45, 75) if g.hang else u(10, 35))
        sd = u(0.03, 0.1)
        _, K = top_half(g, bust, 1.0, bust + u(0.0, 0.06), sd, nw, nd, "round", L, a, cw, ay, bust, 0)
        upper = ln((nw, 0), K["S"], K["C1"], K["C2"], K["A"])
    bod = bez((bust, ay), (bust, ay + (wy - ay) * 0.4), (ww, wy - (wy - ay) * 0.3), (ww, wy), n=10)
    skirt = bez(
        (ww, wy),
        (ww + (hw - ww) * u(0.1, 0.4), wy + (H - wy) * 0.3),
        (hw * 0.97, H - (H - wy) * 0.25),
        (hw, H),
        n=14,
    )
    hk = g.choice(["straight", "wavy", "zig", "curved"], p=[0.45, 0.22, 0.13, 0.2])
    if hk == "straight":
        hem = bez((hw, H), (hw * 0.5, H + u(-0.03, 0.06)), (0, H + u(-0.03, 0.06)), n=10)
    elif hk == "curved":
        c = u(0.08, 0.18)
        hem = bez((hw, H), (hw * 0.5, H + c), (0, H + c), n=12)
    else:
        n = int(r.integers(2, 5))
        x = np.linspace(hw, 0, 16 * n + 1)
        ph = (hw - x) / hw * n * 2 * np.pi
        amp = u(0.03, 0.07)
        if hk == "wavy":
            y = H + amp * (1 - np.cos(ph)) / 2 * 2
        else:
            x = np.linspace(hw, 0, 2 * n + 1)
            y = H + np.where(np.arange(2 * n + 1) % 2 == 1, 2 * amp, 0.0)
        hem = np.stack([x, y], 1)
        if hk == "wavy":
            hem[-1, 1] = hem[-2, 1]
    right = cat(neckline(nw, nd, neck), upper, bod, skirt, hem)
    g.outline(loop_from_half(right))
    if g.has(0.55):
        g.line(bez((-ww, wy), (0, wy + u(0.0, 0.05)), (ww, wy), n=12))
        if g.has(0.25):
            bh = u(0.05, 0.09)
            wwb = ww + (hw - ww) * 0.05
            g.line(bez((-wwb, wy + bh), (0, wy + bh + u(0.0, 0.05)), (wwb, wy + bh), n=12))
        if g.has(0.18):
            s = u(0.06, 0.1)
            g.loop(ln((0, wy), (-2 * s, wy - s), (-2 * s, wy + s)))
            g.loop(ln((0, wy), (2 * s, wy - s), (2 * s, wy + s)))
    if g.has(0.3):
        n = int(r.integers(2, 6))
        for f in np.linspace(-0.7, 0.7, n):
            g.line(ln((f * ww, wy + 0.04), (f * hw, H - 0.02)))
    if g.has(0.12):
        y = H - u(0.1, 0.2)
        xw = np.interp(y, [wy, H], [ww, hw]) * 0.97
        x = np.linspace(-xw, xw, 40)
        g.line(np.stack([x, y + 0.025 * np.sin(x / xw * np.pi * int(r.integers(3, 7)))], 1))
    if g.has(0.07):
        for _ in range(int(r.integers(4, 10))):
            y = u(wy + 0.1, H - 0.1)
            xw = np.interp(y, [wy, H], [ww, hw]) * 0.8
            g.dot((u(-xw, xw), y))
    if g.has(0.15):
        neck_band(g, dict(nw=nw, nd=nd, neck=neck), u(0.03, 0.05))


def bag(g):
    u, r = g.u, g.rng
    h = u(0.45, 0.95)
    shape = g.choice(["rect", "trap", "round", "bucket", "moon"], p=[0.3, 0.25, 0.17, 0.16, 0.12])
    if shape == "rect":
        tw = 0.5
        bw = tw * u(0.95, 1.06)
        body = rect(-tw, 0, tw, h) if abs(bw - tw) < 0.02 else ln((-tw, 0), (tw, 0), (bw, h), (-bw, h))
    elif shape == "trap":
        tw, bw = 0.5 * u(0.6, 0.85), 0.5
        if r.random() < 0.25:
            tw, bw = bw, tw
        body = ln((-tw, 0), (tw, 0), (bw, h), (-bw, h))
    elif shape == "round":
        tw = 0.5 * u(0.75, 1.0)
        body = cat(
            ln((-tw, 0), (tw, 0)), bez((tw, 0), (tw * 1.25, h * 1.3), (-tw * 1.25, h * 1.3), (-tw, 0), n=30)
        )[:-1]
    elif shape == "bucket":
        tw = 0.5
        bw, rc = tw * u(0.85, 1.05), u(0.1, 0.25) * h
        body = cat(
            ln((-tw, 0), (tw, 0), (bw, h - rc)),
            bez((bw, h - rc), (bw, h), (bw - rc, h), n=8),
            ln((bw - rc, h), (-bw + rc, h)),
            bez((-bw + rc, h), (-bw, h), (-bw, h - rc), n=8),
        )
    else:
        tw = 0.5
        h = u(0.4, 0.6)
        body = cat(ln((-tw, 0), (tw, 0)), arc(0, 0, tw, h, 0, 180, n=30)[1:-1])
    g.outline(body)
    ht = g.choice(["arch", "double", "two", "strap", "loop"], p=[0.3, 0.15, 0.2, 0.2, 0.15])
    if ht in ("arch", "double"):
        ha, hh = tw * u(0.35, 0.75), u(0.22, 0.6)
        g.line(arc(0, 0.0, ha, hh, 180, 360))
        if ht == "double":
            t = u(0.05, 0.09)
            g.line(arc(0, 0.0, ha - t, hh - t, 180, 360))
    elif ht == "two":
        ha, hh, c = tw * u(0.35, 0.55), u(0.25, 0.55), u(0.03, 0.14)
        g.line(arc(-c, 0.0, ha, hh, 180, 360))
        g.line(arc(c, 0.0, ha, hh * u(0.85, 1.0), 180, 360))
    elif ht == "strap":
        if shape == "round":
            g.line(arc(0, 0.0, tw * u(0.35, 0.6), u(0.3, 0.6), 180, 360, n=30))
        else:
            g.line(arc(0, 0.0, tw * u(0.6, 0.97), u(0.55, 1.1), 180, 360, n=36))
    else:
        ra, rh = u(0.1, 0.22), u(0.1, 0.22)
        g.line(arc(0, 0.0, ra, rh, 180, 360, n=16))
        if g.has(0.6):
            g.line(arc(0, 0.0, ra * 0.6, rh * 0.55, 180, 360, n=14))
        if g.has(0.3):
            g.line(arc(0, 0.0, tw * u(0.85, 0.97), u(0.6, 1.0), 180, 360, n=36))
    if shape != "moon" and g.has(0.45):
        fd = u(0.3, 0.6) * h
        if r.random() < 0.5:
            g.line(ln((-tw, 0.01), (0, fd), (tw, 0.01)))
        else:
            g.line(bez((-tw, 0.01), (-tw * 0.6, fd * 1.3), (tw * 0.6, fd * 1.3), (tw, 0.01), n=20))
        if g.has(0.7):
            cs = u(0.03, 0.06)
            if r.random() < 0.5:
                g.button((0, fd), cs)
            else:
                g.loop(rect(-cs, fd - cs, cs, fd + cs))
    elif g.has(0.2):
        y = u(0.07, 0.14)
        g.line(ln((-tw * 0.95, y), (tw * 0.95, y)))
        if g.has(0.6):
            x = u(-0.2, 0.2)
            g.line(ln((x, y), (x, y + u(0.06, 0.1))))
    elif g.has(0.2):
        g.button((0, u(0.06, 0.12)), u(0.03, 0.05))
    if g.has(0.12):
        pw, ph = u(0.2, 0.4), u(0.15, 0.3) * h
        y0 = h * u(0.45, 0.6)
        g.loop(rect(-pw / 2, y0, pw / 2, min(y0 + ph, h * 0.92)))
