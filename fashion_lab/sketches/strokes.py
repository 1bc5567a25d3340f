"""The pen of the garment sketches: strokes in the unit square (y down), a hand's wobble, a gap
where the finger lifted, and a scribble that colours a garment in."""

from __future__ import annotations

import math

import numpy as np

Stroke = list[tuple[float, float]]  # points in the unit square, y down


def arc(cx: float, cy: float, rx: float, ry: float, start: float, end: float, n: int = 12) -> Stroke:
    angles = np.linspace(math.radians(start), math.radians(end), n)
    return [(cx + rx * math.cos(a), cy + ry * math.sin(a)) for a in angles]


def closed(points: Stroke) -> Stroke:
    return [*points, points[0]]


def buttons(rng, x: float, top: float, bottom: float, count: int) -> list[Stroke]:
    """Small circles (or dots: a circle too small to see as one) down a line."""
    r = rng.uniform(0.008, 0.02)
    return [closed(arc(x, y, r, r, 0, 330, 8)) for y in np.linspace(top, bottom, count)]


def wobble(rng, stroke: Stroke, amount: float) -> np.ndarray:
    """The stroke resampled every ~1% of the canvas, bent by a hand's slow wobble (a few smooth
    waves along its length)."""
    points = np.asarray(stroke, dtype=float)
    dense = [points[0]]
    for a, b in zip(points[:-1], points[1:], strict=True):
        count = max(1, int(np.linalg.norm(b - a) / 0.01))
        dense += [a + (b - a) * t for t in np.linspace(0, 1, count + 1)[1:]]
    dense = np.asarray(dense)
    along = np.linspace(0, 1, len(dense))[:, None]
    waves = rng.uniform(1, 4, (3, 2)), rng.uniform(0, 2 * np.pi, (3, 2))
    bend = sum(np.sin(2 * np.pi * waves[0][k] * along + waves[1][k]) for k in range(3))
    return dense + bend * amount


def with_gap(rng, points: np.ndarray) -> list[np.ndarray]:
    """The stroke with a short piece (2-6% of the canvas) left out: an outline that does not close."""
    if len(points) < 12:
        return [points]
    gap = int(rng.integers(2, 7))
    start = int(rng.integers(1, len(points) - gap - 1))
    return [points[:start], points[start + gap :]]


def scribble(rng, outline: np.ndarray) -> np.ndarray:
    """Zig-zags from side to side of the outline, row by row: a coloured-in garment."""
    zigzag = []
    for i, y in enumerate(np.arange(outline[:, 1].min(), outline[:, 1].max(), rng.uniform(0.02, 0.04))):
        near = outline[np.abs(outline[:, 1] - y) < 0.015, 0]
        if len(near):
            zigzag.append((near.min() if i % 2 == 0 else near.max(), y))
    return np.asarray(zigzag) if len(zigzag) > 1 else outline
