"""Shoes as the freehand hand sketches them, built with the toe to the right, the ground at
y = 0 and up as -y: sneakers, ankle boots, sandals from the side and from above."""

from __future__ import annotations

import numpy as np

from fashion_lab.sketches.freehand.geometry import arc, bez, cat, ln, loop_from_half, rect, unit


def sneaker(g):
    u, r = g.u, g.rng
    H, th, sh = u(0.26, 0.4), u(0.13, 0.2), u(0.05, 0.1)
    tl, tg = u(0.33, 0.45), u(0.02, 0.09)
    vamp = bez((0.88, -th), (0.72, -th - 0.02), (0.55, -H * 0.7), (tl, -H), n=20)
    g.outline(
        cat(
            ln((0.03, 0), (0.9, 0)),
            bez((0.9, 0), (1.03, 0), (1.03, -th * 0.9), (0.88, -th), n=12),
            vamp,
            bez((tl, -H), (tl - 0.01, -H - tg), (tl - 0.08, -H - tg), (tl - 0.09, -H * 0.95), n=8),
            bez((tl - 0.09, -H * 0.95), (0.2, -H * 0.72), (0.1, -H * 0.8), (0.03, -H * 0.97), n=12),
            bez((0.03, -H * 0.97), (-0.04, -H * 0.6), (-0.03, -0.05), (0.03, 0), n=12),
        )
    )
    if g.has(0.8):
        g.line(bez((0.0, -sh), (0.4, -sh * 1.1), (0.8, -sh), (1.0, -sh * 1.4), n=16))
    if g.has(0.85):
        i0, i1 = int(u(0.15, 0.35) * 19), int(u(0.85, 0.97) * 19)
        seg = vamp[i0 : i1 + 1]
        n = int(r.integers(3, 6))
        idx = np.linspace(0, len(seg) - 1, n)
        pts = np.array([seg[int(round(i))] for i in idx])
        tang = unit(seg[-1] - seg[0])
        nrm = np.array([-tang[1], tang[0]])  # points into the shoe (down-right for this slope)
        if nrm[1] < 0:
            nrm = -nrm
        ln_ = u(0.06, 0.11)
        if r.random() < 0.6:
            for p in pts:
                g.line(ln(p - 0.01 * nrm, p + ln_ * nrm - 0.02 * tang))
        else:
            zz = []
            for j, p in enumerate(pts):
                zz.append(p if j % 2 == 0 else p + ln_ * nrm)
            zz2 = [(p + ln_ * nrm if j % 2 == 0 else p) for j, p in enumerate(pts)]
            g.line(np.array(zz))
            g.line(np.array(zz2))
        if g.has(0.2):
            top = pts[-1]
            s = u(0.04, 0.07)
            g.loop(ln(top, top + (-s, -s * 0.8), top + (-s * 0.3, -s * 1.3)))
            g.loop(ln(top, top + (s * 0.9, -s * 0.9), top + (s * 0.3, -s * 1.4)))
    if g.has(0.3):
        g.line(bez((0.8, -sh), (0.76, -th * 0.75), (0.82, -th * 1.02), n=10))
    k = r.random()
    if k < 0.25 * g.detail:
        g.line(bez((0.18, -sh - 0.05), (0.4, -sh - 0.01), (0.55, -H * 0.35), (0.68, -H * 0.55), n=14))
    elif k < 0.35 * g.detail:
        for j in range(3):
            x = 0.35 + 0.07 * j
            g.line(ln((x, -sh - 0.02), (x + 0.06, -H * 0.7 + 0.02 * j)))
    if g.has(0.25):
        g.line(bez((0.02, -sh), (0.14, -sh - 0.05), (0.16, -H * 0.55), (0.12, -H * 0.82), n=10))
    if g.has(0.1):
        for x in np.linspace(0.1, 0.85, int(r.integers(4, 8))):
            g.line(ln((x, -0.005), (x + 0.02, -sh + 0.005)))


def boot(g):
    u, r = g.u, g.rng
    Hs, sw, bx, th = u(0.7, 1.05), u(0.3, 0.42), u(0.0, 0.06), u(0.14, 0.24)
    heel = g.choice(["flat", "block", "high"], p=[0.35, 0.45, 0.2])
    hh = {"flat": 0.0, "block": u(0.06, 0.14), "high": u(0.16, 0.28)}[heel]
    sh = u(0.04, 0.08)
    fx = bx + sw
    instep = np.array([fx + u(0.05, 0.13), -u(0.3, 0.42)])
    parts = [
        ln((bx, -Hs), (fx, -Hs)),
        bez((fx, -Hs), (fx, -Hs * 0.6), (instep[0] - 0.06, instep[1] - 0.04), instep, n=12),
        bez(instep, (0.68, -th - 0.05), (0.82, -th), (0.9, -th), n=12),
        bez((0.9, -th), (1.03, -th), (1.03, 0), (0.9, 0), n=12),
    ]
    if heel == "flat":
        parts += [
            ln((0.9, 0), (0.04, 0)),
            bez((0.04, 0), (-0.03, -0.04), (bx - 0.02, -Hs * 0.5), (bx, -Hs), n=14),
        ]
    else:
        hf = 0.24 if heel == "block" else u(0.17, 0.22)
        hb = 0.2 if heel == "block" else hf - u(0.03, 0.07)
        parts += [
            ln((0.9, 0), (0.62, 0)),
            bez((0.62, 0), (0.45, -hh * 0.25), (0.32, -hh), (hf, -hh), n=12),
            ln((hf, -hh), (hb, 0), (0.02, 0), (0.0, -hh)),
            bez((0.0, -hh), (-0.02, -hh - 0.2), (bx - 0.03, -Hs * 0.6), (bx, -Hs), n=12),
        ]
    g.outline(cat(*parts))
    if g.has(0.45):
        if heel == "flat":
            g.line(ln((0.99, -sh), (0.0, -sh)))
        else:
            g.line(
                cat(
                    ln((0.99, -sh), (0.6, -sh)),
                    bez((0.6, -sh), (0.4, -sh - hh * 0.3), (0.3, -hh - sh), (0.2, -hh - sh), n=8),
                    ln((0.2, -hh - sh), (-0.01, -hh - sh)),
                )
            )
    elif heel != "flat" and g.has(0.6):
        g.line(ln((0.0, -hh), (0.25, -hh)))
    k = r.random()
    if k < 0.25 * g.detail:
        x = bx + sw * u(0.3, 0.65)
        y1 = -u(0.2, 0.35) - hh * 0.5
        g.line(ln((x, -Hs + 0.03), (x, y1)))
        if g.has(0.5):
            g.line(ln((x, -Hs + 0.05), (x + 0.05, -Hs + 0.11)))
    elif k < 0.5 * g.detail:
        n = int(r.integers(3, 6))
        ys = np.linspace(-Hs + 0.07, instep[1] - 0.02, n)
        xs = np.interp(ys, [-Hs, instep[1]], [fx, instep[0]])
        dx = u(0.08, 0.13)
        if r.random() < 0.5:
            for x, y in zip(xs, ys, strict=True):
                g.line(ln((x + 0.01, y), (x - dx, y + 0.03)))
        else:
            zz = np.array(
                [(x - (dx if j % 2 else 0), y) for j, (x, y) in enumerate(zip(xs, ys, strict=True))]
            )
            g.line(zz)
    elif k < 0.7 * g.detail:
        g.line(
            bez(
                (bx + sw * 0.25, -Hs),
                (bx + sw * 0.3, -u(0.2, 0.35)),
                (bx + sw * 0.75, -u(0.2, 0.35)),
                (bx + sw * 0.8, -Hs),
                n=14,
            )
        )
    if g.has(0.25):
        t = u(0.06, 0.1)
        g.line(
            ln(
                (bx + 0.01, -Hs + 0.1),
                (bx - t, -Hs - t * 0.6),
                (bx + t * 0.6, -Hs - t * 0.9),
                (bx + 0.04, -Hs),
            )
        )
    if g.has(0.2):
        g.line(ln((bx, -Hs + 0.08), (fx + 0.005, -Hs + 0.08)))
    if g.has(0.08):
        y = instep[1] - 0.05
        g.line(ln((bx + 0.0, y + 0.06), (instep[0] + 0.01, y)))
        g.loop(rect(fx - 0.1, y - 0.03, fx - 0.03, y + 0.05))


def sandal_top(g):
    u, r = g.u, g.rng
    wb = u(0.16, 0.24)
    wh, ww = wb * u(0.7, 0.85), wb * u(0.65, 0.85)
    right = cat(
        bez((0, 0), (wb * 0.9, 0), (wb * 1.05, 0.15), (wb, 0.3), n=12),
        bez((wb, 0.3), (wb * 0.95, 0.45), (ww, 0.55), (ww, 0.65), n=10),
        bez((ww, 0.65), (wh * 1.05, 0.8), (wh, 1.0), (0, 1.0), n=12),
    )
    g.outline(loop_from_half(right))
    k = g.choice(["flip", "slide", "two"], p=[0.45, 0.3, 0.25])
    if k == "flip":
        py = u(0.1, 0.18)
        g.line(ln((-wb * 0.97, u(0.36, 0.46)), (u(-0.03, 0.03), py), (wb * 0.97, u(0.36, 0.46))))
        if g.has(0.4):
            g.dot((0, py))
    elif k == "slide":
        y0, y1 = u(0.18, 0.26), u(0.4, 0.5)
        g.line(bez((-wb, y0 + 0.03), (-0.05, y0 - 0.06), (0.05, y0 - 0.06), (wb, y0 + 0.03), n=12))
        g.line(bez((-wb * 0.97, y1), (-0.05, y1 - 0.05), (0.05, y1 - 0.05), (wb * 0.97, y1), n=12))
    else:
        for y in (u(0.2, 0.3), u(0.48, 0.58)):
            g.line(bez((-wb, y), (0, y - 0.07), (wb * 0.95, y + 0.02), n=12))
    if r.random() < 0.3:  # drawn lying sideways
        for i, (kk, p) in enumerate(g.items):
            g.items[i] = (kk, p[:, ::-1].copy())


def sandal(g):
    u, r = g.u, g.rng
    if r.random() < 0.18:
        return sandal_top(g)
    kind = g.choice(["flat", "heel", "wedge"], p=[0.45, 0.35, 0.2])
    st = u(0.035, 0.07)
    if kind == "flat":
        hh = 0.0
        g.outline(
            cat(
                ln((0.04, 0), (0.95, 0)),
                bez((0.95, 0), (1.02, 0), (1.02, -st), (0.95, -st), n=8),
                ln((0.95, -st), (0.04, -st)),
                bez((0.04, -st), (-0.01, -st), (-0.01, 0), (0.04, 0), n=8),
            )[:-1]
        )
        topx, topy = np.array([0.0, 1.0]), np.array([-st, -st])
    else:
        hh = u(0.18, 0.38) if kind == "heel" else u(0.12, 0.28)
        top = cat(
            ln((0.02, -hh - st), (0.1, -hh - st)),
            bez((0.1, -hh - st), (0.35, -hh - st), (0.45, -st), (0.64, -st), n=12),
            ln((0.64, -st), (0.97, -st)),
        )
        topx, topy = top[:, 0], top[:, 1]
        toe = bez((0.97, -st), (1.02, -st), (1.02, 0), (0.97, 0), n=8)
        if kind == "heel":
            g.outline(
                cat(
                    top,
                    toe,
                    ln((0.97, 0), (0.62, 0)),
                    bez((0.62, 0), (0.45, 0), (0.35, -hh), (0.12, -hh), n=12),
                    ln((0.12, -hh), (0.02, -hh)),
                )
            )
            if r.random() < 0.55:  # stiletto
                g.line(ln((0.04, -hh), (0.07, 0.0)))
                if g.has(0.5):
                    g.line(ln((0.11, -hh), (0.08, 0.0)))
            else:
                hf = u(0.13, 0.18)
                g.line(ln((0.03, -hh), (0.04, 0.0), (hf - 0.02, 0.0), (hf, -hh)))
        else:
            g.outline(
                cat(
                    top,
                    toe,
                    ln((0.97, 0), (0.04, 0)),
                    bez((0.04, 0), (0.0, -hh * 0.5), (0.01, -hh), (0.02, -hh - st), n=8),
                )
            )
            if g.has(0.5):
                g.line(
                    cat(
                        ln((0.02, -hh), (0.1, -hh)),
                        bez((0.1, -hh), (0.35, -hh), (0.45, 0.0), (0.64, 0.0), n=10),
                    )
                )

    def yt(x):
        return float(np.interp(x, topx, topy))

    straps = 0
    if g.has(0.75):
        x0, x1, h = u(0.6, 0.72), u(0.88, 0.95), u(0.1, 0.18)
        y0 = yt(x0)
        g.line(bez((x0, y0), (x0 + 0.02, y0 - h * 1.3), (x1 - 0.03, y0 - h * 1.3), (x1, yt(x1)), n=16))
        if g.has(0.25):
            g.line(
                bez(
                    (x0 + 0.06, y0),
                    (x0 + 0.07, y0 - h * 0.7),
                    (x1 - 0.06, y0 - h * 0.7),
                    (x1 - 0.05, yt(x1)),
                    n=12,
                )
            )
        straps += 1
    if g.has(0.45):
        x0, x1, h = u(0.35, 0.5), u(0.55, 0.65), u(0.17, 0.28)
        if r.random() < 0.7:
            g.line(
                bez(
                    (x0, yt(x0)),
                    (x0 + 0.02, yt(x0) - h * 1.3),
                    (x1 - 0.03, yt(x1) - h * 1.3),
                    (x1, yt(x1)),
                    n=16,
                )
            )
        else:
            g.line(ln((x0, yt(x0)), (x1 + 0.08, yt(x1) - h)))
            g.line(ln((x1 + 0.05, yt(x1)), (x0 - 0.05, yt(x0) - h)))
        straps += 1
    if g.has(0.6) or straps == 0:
        cx = u(0.1, 0.2)
        cy = yt(cx) - u(0.16, 0.3)
        rx, ry = u(0.08, 0.13), u(0.03, 0.06)
        g.loop(arc(cx, cy, rx, ry, 0, 360)[:-1])
        if g.rng.random() < 0.85:
            g.line(ln((0.03, yt(0.03)), (cx - rx * 0.9, cy + ry * 0.4)))
        if g.has(0.35) or straps == 0:
            xe = cx + rx + u(0.25, 0.4)
            g.line(
                bez(
                    (cx + rx * 0.9, cy + ry * 0.4),
                    (cx + rx + 0.1, cy + 0.05),
                    (xe - 0.05, yt(xe) - 0.15),
                    (xe, yt(xe) - 0.1),
                    n=12,
                )
            )
        straps += 1
    elif straps < 2 and g.has(0.5):
        g.line(
            bez((0.03, yt(0.03)), (0.05, yt(0.05) - 0.2), (0.3, yt(0.3) - 0.25), (0.45, yt(0.45) - 0.2), n=12)
        )
