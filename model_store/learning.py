"""A stored model's ``learning.npz``: the snapshots that replay how it learned
(fashion_lab/training/snapshots.py writes them), read as the weights are, without trusting them:
bounded, checksummed, plain arrays of known names and consistent shapes.

Every array has a row per point (``P``): ``positions`` and ``batches`` (P,), ``probe_answers``
(P, 10, 10); a dense network's ``units`` (P, U, 28, 28) and ``unit_indices`` (U,); a CNN's
``kernels`` (P, K, 3, 3), ``map_scale`` and ``map_shift`` (P, K), and ``kernels2`` (P, K2, 3, 3).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import numpy as np

from model_store.weights import WeightsError, read_archive, read_array

LEARNING_FILE = "learning.npz"
MAX_LEARNING_BYTES = 2_500_000  # the largest record made (dense_wide, 20 epochs) is 1.6 MB
MAX_POINTS = 32
MAX_TILES = {"U": 48, "K": 64, "L": 64}  # units, first- and second-layer kernels a point holds at most
DTYPES = (np.dtype("float32"), np.dtype("float16"))
CLASSES = 10
SIDE = 28


def encode_learning(arrays: dict[str, np.ndarray], convolutional: bool | None = None) -> bytes:
    """The record as the bytes of an .npz file, after checking it is one the store can read."""
    problem = learning_problem(arrays, convolutional)
    if problem:
        raise ValueError(f"not a learning record: {problem}")
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()


def read_learning(path: Path, sha256: str, convolutional: bool) -> dict[str, np.ndarray]:
    """The record at ``path`` if it matches ``sha256`` and holds a consistent record of a CNN
    (or of a dense network); WeightsError saying why not otherwise."""

    def named_arrays(archive: zipfile.ZipFile) -> dict[str, np.ndarray]:
        names = [n.removesuffix(".npy") for n in archive.namelist()]
        if len(names) > len(_SHAPES) or not all(n in _SHAPES for n in names):
            raise WeightsError(f"{path.name} holds arrays of unknown names")
        return {n: read_array(archive, f"{n}.npy", DTYPES, max_bytes=MAX_LEARNING_BYTES) for n in names}

    arrays = read_archive(path, MAX_LEARNING_BYTES, sha256, named_arrays)
    problem = learning_problem(arrays, convolutional)
    if problem:
        raise WeightsError(f"{path.name}: {problem}")
    return arrays


# each array's shape: a number is that size, a letter a size every array naming it shares
_SHAPES = {
    "positions": ("P",),
    "batches": ("P",),
    "probe_answers": ("P", CLASSES, CLASSES),
    "units": ("P", "U", SIDE, SIDE),
    "unit_indices": ("U",),
    "kernels": ("P", "K", 3, 3),
    "map_scale": ("P", "K"),
    "map_shift": ("P", "K"),
    "kernels2": ("P", "L", 3, 3),
}
REQUIRED = {"positions", "batches", "probe_answers"}
KINDS = {False: {"units", "unit_indices"}, True: {"kernels", "map_scale", "map_shift"}}  # by convolutional


def learning_problem(arrays: dict[str, np.ndarray], convolutional: bool | None = None) -> str | None:
    """Why ``arrays`` is not a learning record the pages can draw (of a CNN's or a dense
    network's, when ``convolutional`` says which), or None."""
    names = set(arrays)
    if not REQUIRED <= names or not names <= set(_SHAPES):
        return f"it must hold {sorted(REQUIRED)} and only {sorted(_SHAPES)}"
    pictures = names - REQUIRED - {"kernels2"}
    kind = next((kind for kind, wanted in KINDS.items() if pictures == wanted), None)
    if kind is None or (kind is False and "kernels2" in names):
        return "it must hold a dense network's units or a CNN's kernels"
    if convolutional is not None and kind != convolutional:
        held = ("a CNN's kernels", "a dense network's units")
        return f"it holds {held[0] if kind else held[1]}, not {held[1] if kind else held[0]}"
    sizes: dict[str, int] = {}
    for name, array in arrays.items():
        pattern = _SHAPES[name]
        if np.asarray(array).ndim != len(pattern):
            return f"{name} has {np.asarray(array).ndim} dimensions, not {len(pattern)}"
        for want, size in zip(pattern, np.shape(array), strict=True):
            if isinstance(want, str):
                want = sizes.setdefault(want, size)
            if size != want or size < 1:
                return f"{name} has shape {np.shape(array)}, inconsistent with the others"
        if not np.isfinite(array).all():
            return f"{name} holds NaN or infinite values"
    if sizes["P"] > MAX_POINTS:
        return f"it holds {sizes['P']} points, more than {MAX_POINTS}"
    for letter, most in MAX_TILES.items():
        if sizes.get(letter, 0) > most:
            return f"it holds {sizes[letter]} pictures a point, more than {most}"
    return _points_problem(arrays["positions"], arrays["batches"])


def _points_problem(positions: np.ndarray, batches: np.ndarray) -> str | None:
    """Why the points are not a run's: from 0, growing, whole batches, one epoch length."""
    if positions[0] != 0 or batches[0] != 0 or np.any(np.diff(batches) <= 0):
        return "its points do not grow from 0"
    if np.any(batches != np.round(batches)):
        return "its batches are not whole numbers"
    if len(batches) > 1:
        steps = batches[1:] / positions[1:]
        if not np.allclose(steps, np.round(steps[0]), rtol=1e-4) or np.round(steps[0]) < 1:
            return "its positions and batches disagree on the length of an epoch"
    return None
