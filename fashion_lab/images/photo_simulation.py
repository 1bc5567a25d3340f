"""Fashion-MNIST garments photographed, in simulation: each 28x28 garment is coloured, patterned
and laid on a floor, bed or wall under uneven light, then put through the very same photo
pipeline as an upload (fashion_lab.images.preprocessing). A model trained on the results learns what
the pipeline makes of a real photo (broken masks, flat bright silhouettes, textured insides)
without ever seeing one. No TensorFlow here: the rendering runs in worker processes.
"""

from __future__ import annotations

import colorsys
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor

import numpy as np
from PIL import Image, ImageFilter

from fashion_lab.i18n import _
from fashion_lab.images.decoding import ImageError
from fashion_lab.images.footwear_from_above import ANKLE_BOOT, SANDAL, SNEAKER, footwear_from_above
from fashion_lab.images.preprocessing import preprocess_upload
from fashion_lab.images.segmentation import CLOSINGS

CANVASES = ((160, 120), (120, 160), (160, 160))  # (height, width): the pipeline segments at 160
FOOTWEAR = (SANDAL, SNEAKER, ANKLE_BOOT)  # photographed in pairs a third of the time
MAX_WORKERS = 8  # 60,000 photos take about 6 minutes on 2 cores
STOPS = {signal.SIGINT, signal.SIGTERM}  # a terminal's Ctrl-C, and `timeout` or a service manager
CHUNK = 500  # images per worker task; each chunk has its own seed (the run's, and where it
# starts), so the results never depend on how many workers share the work
_stopping = None  # in a worker process: the run's multiprocessing Event, set when it stops


class PhotographingStopped(Exception):
    """The caller's ``stop`` said so between two photos; the message says where."""


def _colour(rng: np.random.Generator, value: tuple[float, float]) -> np.ndarray:
    saturation = rng.uniform(0, 0.25) if rng.random() < 0.6 else rng.uniform(0.3, 0.9)
    return 255 * np.array(colorsys.hsv_to_rgb(rng.random(), saturation, rng.uniform(*value)))


def _smooth_noise(rng: np.random.Generator, shape: tuple[int, int], cells: int) -> np.ndarray:
    """Noise in -1..1 that varies over about ``cells`` steps across the image."""
    coarse = rng.uniform(-1, 1, (cells, cells)).astype(np.float32)
    return np.asarray(Image.fromarray(coarse, "F").resize(shape[::-1], Image.Resampling.BICUBIC))


def _background(rng: np.random.Generator, shape: tuple[int, int]) -> np.ndarray:
    """(h, w, 3) float: a plain, wooden, tiled, crumpled or two-part surface under uneven light."""
    h, w = shape
    base = _colour(rng, (0.25, 0.95))
    kind = rng.integers(5)
    shade = 1 + 0.06 * _smooth_noise(rng, shape, 5)
    if kind == 1:  # floorboards: bands of slightly different brightness, fine grain along them
        bands = rng.uniform(0.85, 1.15, rng.integers(4, 10))
        along = np.repeat(bands, -(-w // len(bands)))[:w]
        shade = shade * along[None, :] * (1 + 0.04 * rng.standard_normal((h, 1)))
    elif kind == 2:  # tiles: a grid of lines
        step = rng.integers(30, 70)
        lines = np.zeros(shape, bool)
        lines[:: int(step)], lines[:, :: int(step)] = True, True
        shade = np.where(lines, rng.uniform(0.6, 1.3), shade)
    elif kind == 3:  # a bed or a crumpled sheet: strong soft folds
        shade = shade + 0.18 * _smooth_noise(rng, shape, 8)
    image = base[None, None] * shade[..., None]
    if kind == 4:  # a wall meeting the floor, or a garment half on a bed
        split = rng.integers(h // 5, 4 * h // 5)
        image[split:] = _colour(rng, (0.25, 0.95))[None, None] * shade[split:, :, None]
    gx, gy = rng.uniform(-0.35, 0.35, 2)
    light = 1 + gx * np.linspace(-0.5, 0.5, w)[None, :] + gy * np.linspace(-0.5, 0.5, h)[:, None]
    return image * light[..., None]


def _pattern(rng: np.random.Generator, shape: tuple[int, int]) -> np.ndarray:
    """(h, w) 0..1: stripes, checks, dots or a blotchy print."""
    h, w = shape
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    period = rng.uniform(4, 14)
    angle = rng.uniform(0, np.pi)
    along = xx * np.cos(angle) + yy * np.sin(angle)
    kind = rng.integers(4)
    if kind == 0:
        return (np.sin(2 * np.pi * along / period) > 0).astype(np.float32)
    if kind == 1:
        across = -xx * np.sin(angle) + yy * np.cos(angle)
        return ((np.sin(2 * np.pi * along / period) > 0) ^ (np.sin(2 * np.pi * across / period) > 0)).astype(
            np.float32
        )
    if kind == 2:
        return ((np.sin(2 * np.pi * xx / period) * np.sin(2 * np.pi * yy / period)) > 0.5).astype(np.float32)
    return (_smooth_noise(rng, shape, int(rng.integers(6, 16))) > rng.uniform(-0.2, 0.4)).astype(np.float32)


def _garment(rng: np.random.Generator, pixels: np.ndarray, side: int) -> tuple[np.ndarray, np.ndarray]:
    """The garment coloured, its longest edge ``side`` pixels: (rgb float, alpha 0..1)."""
    tone = Image.fromarray(pixels[:, ::-1] if rng.random() < 0.5 else pixels)
    tone = tone.resize((side, side), Image.Resampling.BILINEAR)
    angle = rng.uniform(-12, 12)
    tone = np.asarray(tone.rotate(angle, Image.Resampling.BILINEAR, expand=True), np.float32) / 255
    alpha = np.clip((tone - 0.02) * 12, 0, 1)
    contrast = rng.uniform(0.3, 1.0) * (1 if rng.random() < 0.75 else -1)
    inside = tone[alpha > 0.5]
    middle = float(inside.mean()) if inside.size else 0.5
    shading = np.clip(1 - contrast * (tone - middle), 0.15, 1.6)
    colour = _colour(rng, (0.1, 1.0))
    rgb = colour[None, None] * shading[..., None]
    if rng.random() < 0.4:
        second = _colour(rng, (0.1, 1.0))[None, None] * shading[..., None]
        weight = _pattern(rng, tone.shape)[..., None]
        rgb = rgb * (1 - weight) + second * weight
    return rgb, alpha


def _lay(rng, canvas: np.ndarray, rgb: np.ndarray, alpha: np.ndarray, top: int, left: int) -> None:
    """Composite the garment (and, half the time, a soft shadow) onto the canvas in place; the
    garment may run over the canvas's edges."""
    h, w = canvas.shape[:2]
    gh, gw = alpha.shape
    y0, x0, y1, x1 = max(top, 0), max(left, 0), min(top + gh, h), min(left + gw, w)
    if y1 <= y0 or x1 <= x0:
        return
    cover = np.zeros((h, w), np.float32)
    colours = np.zeros_like(canvas)
    cover[y0:y1, x0:x1] = alpha[y0 - top : y1 - top, x0 - left : x1 - left]
    colours[y0:y1, x0:x1] = rgb[y0 - top : y1 - top, x0 - left : x1 - left]
    if rng.random() < 0.5:
        dy, dx = (int(d) for d in rng.integers(1, 5, 2))
        shadow = np.zeros_like(cover)
        shadow[dy:, dx:] = cover[: h - dy, : w - dx]
        canvas *= 1 - rng.uniform(0.15, 0.35) * shadow[..., None]
    canvas[:] = canvas * (1 - cover[..., None]) + colours * cover[..., None]


def simulate_photo(
    pixels: np.ndarray, label: int, rng: np.random.Generator, from_above: float = 0.0
) -> np.ndarray:
    """(h, w, 3) uint8: one Fashion-MNIST garment ``pixels`` (28x28, light on black) photographed;
    footwear, a ``from_above`` share of the time, as a pair seen from above instead."""
    above = from_above > 0 and label in FOOTWEAR and rng.random() < from_above  # no draw at 0
    if above:
        pixels = footwear_from_above(label, rng)
    shape = CANVASES[rng.integers(len(CANVASES))]
    canvas = _background(rng, shape)
    pair = label in FOOTWEAR and not above and rng.random() < 0.35
    side = int(min(shape) * rng.uniform(0.55, 1.0) / (1.5 if pair else 1))
    rgb, alpha = _garment(rng, pixels, side)
    gh, gw = alpha.shape
    top = int(rng.integers(min(0, shape[0] - gh), max(1, shape[0] - gh + 1)))
    left = int(rng.integers(min(0, shape[1] - gw), max(1, shape[1] - gw + 1)))
    if pair:
        left = max(0, left - gw // 4)
        _lay(rng, canvas, rgb, alpha, top, left)
        left += int(gw * rng.uniform(0.5, 0.8))
    _lay(rng, canvas, rgb, alpha, top, left)
    canvas += rng.normal(0, rng.uniform(0, 6), canvas.shape)
    image = Image.fromarray(np.clip(canvas, 0, 255).astype(np.uint8))
    return np.asarray(image.filter(ImageFilter.GaussianBlur(rng.uniform(0, 1.2))))


def through_pipeline(
    pixels: np.ndarray, label: int, rng: np.random.Generator, from_above: float = 0.0
) -> np.ndarray:
    """(len(CLOSINGS), 28, 28): what the upload pipeline makes of a simulated photo of the
    garment, each view a photo's answer is averaged over (the picture first; the picture
    repeated when the segmentation found no mask; the garment itself, as given, when nothing at all)."""
    try:
        inputs = preprocess_upload(Image.fromarray(simulate_photo(pixels, label, rng, from_above))).inputs
    except ImageError:
        inputs = [pixels]
    return np.stack(inputs + inputs[:1] * (len(CLOSINGS) - len(inputs)))


def _listen_for_stops(event) -> None:
    global _stopping
    _stopping = event


def _asked_to_stop() -> bool:
    return _stopping is not None and _stopping.is_set()


def _chunk(
    images: np.ndarray,
    labels: np.ndarray,
    seed: tuple[int, int],
    from_above: float,
    stop: Callable[[], bool] = _asked_to_stop,
) -> np.ndarray | None:
    """The chunk's photos, or None once ``stop`` says so (asked before each photo: a stop takes
    a photo's time, not a chunk's, about 30 s of 2 cores)."""
    rng = np.random.default_rng(seed)
    photos = []
    for image, label in zip(images, labels, strict=True):
        if stop():
            return None
        photos.append(through_pipeline(image, int(label), rng, from_above))
    return np.stack(photos)


def can_spawn_workers() -> bool:
    """Whether worker processes may be spawned here. A spawned worker first re-runs the main
    script (not a module run with -m, whose __main__ it skips): under Streamlit that is the
    page script, in a Ray worker Ray's own. There, and in any plain script, the work stays in
    this process."""
    main = sys.modules.get("__main__")
    return main is None or getattr(main, "__spec__", None) is not None or not getattr(main, "__file__", None)


def simulated_photos(
    images: np.ndarray,
    labels: np.ndarray,
    seed: int,
    workers: int | None = None,
    stop: Callable[[], bool] = lambda: False,
    views: bool = False,
    from_above: float = 0.0,
) -> np.ndarray:
    """(n, 28, 28) uint8: each image as the pipeline sees its simulated photo (with ``views``:
    (n, len(CLOSINGS), 28, 28), every view its answer is averaged over). The same for a seed
    whatever ``workers`` is (default: one per CPU this process may use, at most MAX_WORKERS).
    Workers are spawned, not forked: the caller may have TensorFlow's threads running. ``stop``
    is asked between photos; when it says so, PhotographingStopped. ``from_above``: see simulate_photo."""
    starts = range(0, len(images), CHUNK)
    parts = [(images[s : s + CHUNK], labels[s : s + CHUNK], (seed, s), from_above) for s in starts]
    usable = len(os.sched_getaffinity(0)) if can_spawn_workers() else 1
    workers = min(workers or min(usable, MAX_WORKERS), len(parts))
    done = []
    if workers <= 1:
        for part in parts:
            done.append(_chunk(*part, stop=stop))
            _check(stop)
    else:
        spawn = multiprocessing.get_context("spawn")
        stopping = spawn.Event()
        pool = ProcessPoolExecutor(workers, spawn, initializer=_listen_for_stops, initargs=(stopping,))
        with pool:
            futures = _submit_deaf_to_stops(pool, parts)
            try:
                for future in futures:
                    done.append(future.result())
                    _check(stop)
            except BaseException:
                # the chunks under way end at their next photo; the others are each cancelled,
                # not shutdown(cancel_futures=True): leaving the with block shuts the pool down
                # again, and that forgets the cancel (the workers then ran every chunk, minutes)
                stopping.set()
                for future in futures:
                    future.cancel()
                raise
    photos = np.concatenate(done) if done else np.zeros((0, len(CLOSINGS), *images.shape[1:]), images.dtype)
    return photos if views else photos[:, 0].copy()


def _submit_deaf_to_stops(pool: ProcessPoolExecutor, parts: list) -> list:
    """Submit every part, the workers (spawned as the first ones are submitted) starting with
    Ctrl-C and SIGTERM blocked: a terminal, `timeout` and systemd send them to the whole process
    group, and a worker that died of one broke the pool ("training failed"). Both are the
    caller's (the CLI turns SIGTERM into Ctrl-C): it stops between chunks, and the workers end
    with the pool."""
    before = signal.pthread_sigmask(signal.SIG_BLOCK, STOPS)  # inherited by the workers
    try:
        return [pool.submit(_chunk, *part) for part in parts]
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def _check(stop: Callable[[], bool]) -> None:
    if stop():
        raise PhotographingStopped(_("stopped while photographing garments in simulation"))


def with_simulated_photos(
    images: np.ndarray,
    labels: np.ndarray,
    share: float,
    seed: int,
    stop: Callable[[], bool] = lambda: False,
    from_above: float = 0.0,
) -> tuple[np.ndarray, np.ndarray]:
    """The training set with, appended, a seeded ``share`` of its images as simulated photos
    (``from_above``: see simulate_photo)."""
    count = round(share * len(images))
    chosen = np.sort(np.random.default_rng(seed).choice(len(images), size=count, replace=False))
    photos = simulated_photos(images[chosen], labels[chosen], seed, stop=stop, from_above=from_above)
    return np.concatenate([images, photos]), np.concatenate([labels, labels[chosen]])
