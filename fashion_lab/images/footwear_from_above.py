"""Footwear seen from above, for the photo simulation. Fashion-MNIST draws sandals, sneakers and
ankle boots only from the side, but a phone looks down at shoes on the floor: on the tune half of
the photos, every pair photographed from above was answered wrong (Dress, Trouser, Shirt). Here a
pair is drawn as Fashion-MNIST draws a garment (28x28, light on black), to be photographed like
any other: two soles side by side, laces and an opening on a sneaker, a wide dark opening on an
ankle boot, straps over a footbed on a sandal. No TensorFlow here."""

from __future__ import annotations

import numpy as np
from PIL import Image

from fashion_lab.data.fashion_mnist import CLASS_NAMES

SANDAL, SNEAKER, ANKLE_BOOT = (CLASS_NAMES.index(name) for name in ("Sandal", "Sneaker", "Ankle boot"))
DRAWN = 112  # px: drawn large, then shrunk to 28 for edges as soft as Fashion-MNIST's
# a sole's half-width along its length (toe 0 .. heel 1), as a share of its widest (at the ball)
SOLE_ALONG = (0.0, 0.3, 0.55, 0.78, 1.0)
SOLE_WIDTH = (0.8, 1.0, 0.75, 0.8, 0.7)
OPENING_TONE = 0.15  # dark, yet opaque in the simulation (which fades out tones below 0.1)


def _off_middle(along: np.ndarray, across: np.ndarray, half_width: float, side: int) -> np.ndarray:
    """px from the sole's middle line, which leans to the big toe's side towards the toe.
    ``along``: 0 at the toe, 1 at the heel; ``across``: px from the shoe's axis; ``side``: -1 for
    a left shoe, 1 for a right one."""
    return across + side * 0.25 * half_width * (1 - np.clip(along, 0, 1)) ** 2


def _sole(along: np.ndarray, off_middle: np.ndarray, half_width: float) -> np.ndarray:
    """How far inside the sole each point is: 1 on its middle line, 0 on its edge, < 0 outside."""
    rounded = np.sqrt(np.clip(along / 0.12, 0, 1) * np.clip((1 - along) / 0.1, 0, 1))
    width = half_width * np.interp(np.clip(along, 0, 1), SOLE_ALONG, SOLE_WIDTH) * rounded
    inside = 1 - np.abs(off_middle) / np.maximum(width, 1e-6)
    return np.where((along >= 0) & (along <= 1), inside, -1.0)


def _ellipse(along: np.ndarray, across: np.ndarray, centre: float, length: float, width: float) -> np.ndarray:
    return ((along - centre) / length) ** 2 + (across / width) ** 2 <= 1


def _shoe(label: int, along: np.ndarray, across: np.ndarray, half_width: float, side: int, rng) -> np.ndarray:
    """The tone (0..1) of one shoe seen from above, 0 outside it."""
    middle = _off_middle(along, across, half_width, side)
    inside = _sole(along, middle, half_width)
    upper = rng.uniform(0.7, 1.0)
    tone = np.where(inside > 0.15, upper, rng.uniform(0.45, 1.0))  # the sole's rim shows around it
    if label == SANDAL:  # a footbed under two or three straps, a little wider than it
        tone = np.where(inside > 0, np.where(inside > 0.1, rng.uniform(0.35, 0.7), tone), 0.0)
        for centre in rng.choice([0.18, 0.4, 0.62, 0.82], size=int(rng.integers(2, 4)), replace=False):
            strap = (np.abs(along - centre) < rng.uniform(0.04, 0.08)) & (inside > -0.1)
            tone = np.where(strap, upper, tone)
        return tone
    if label == SNEAKER:  # laces down the middle, a small opening at the heel
        laces = (along > 0.25) & (along < 0.58) & (np.abs(middle) < 0.3 * half_width)
        bars = np.sin(2 * np.pi * along / rng.uniform(0.05, 0.08)) > 0.3
        tone = np.where(laces, np.where(bars, 1.0, upper * 0.55), tone)
        opening = _ellipse(along, middle, 0.76, 0.11, 0.55 * half_width)
    else:  # ankle boot: the shaft's wide dark opening
        opening = _ellipse(along, middle, 0.68, rng.uniform(0.15, 0.2), 0.75 * half_width)
    tone = np.where(opening, OPENING_TONE, tone)
    return np.where(inside > 0, tone, 0.0)


def footwear_from_above(label: int, rng: np.random.Generator) -> np.ndarray:
    """(28, 28) uint8, light on black: a pair of ``label`` (SANDAL, SNEAKER or ANKLE_BOOT) seen
    from above, toes up or down (or to a side), turned a little, filling the frame as
    Fashion-MNIST's garments do."""
    length = DRAWN * 0.8
    half_width = length / rng.uniform(2.3, 2.9) / 2
    gap = rng.uniform(0.05, 0.4) * half_width
    ahead = rng.uniform(-0.1, 0.1)  # one foot a little ahead of the other
    y, x = np.mgrid[0:DRAWN, 0:DRAWN].astype(np.float32)
    along = (y - DRAWN * 0.1) / length
    offset = half_width + gap / 2
    left = _shoe(label, along - ahead, x - (DRAWN / 2 - offset), half_width, -1, rng)
    right = _shoe(label, along + ahead, x - (DRAWN / 2 + offset), half_width, 1, rng)
    image = Image.fromarray((255 * np.maximum(left, right)).astype(np.uint8))
    turn = rng.choice([0, 180, 90, 270], p=[0.55, 0.25, 0.1, 0.1]) + rng.uniform(-15, 15)
    image = image.rotate(float(turn), Image.Resampling.BILINEAR, expand=True)
    image = image.crop(image.getbbox())
    scale = 27 / max(image.size)
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    image = image.resize(size, Image.Resampling.LANCZOS)
    frame = Image.new("L", (28, 28))
    frame.paste(image, ((28 - image.width) // 2, (28 - image.height) // 2))
    return np.asarray(frame)
