"""A stored model's ``weights.npz``, read without trusting it.

The file is bounded by what the architecture needs before it is read; each array's header
(shape, dtype) is checked before its data, and no more data than the header promises is ever
decompressed (``np.load`` inflated every array before any check: a 1.6 MB zip bomb cost 2.2 GB).
Arrays must be finite float32, as the store writes them.
"""

from __future__ import annotations

import hashlib
import io
import math
import os
import threading
import zipfile
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import numpy as np
from numpy.lib import format as npy

from model_store.files import UnreadableFile, read_bounded

T = TypeVar("T")
DTYPE = np.dtype("float32")
MAX_HEADER = 10_000  # bytes of one array's .npy header (numpy's own default bound)
ZIP_SLACK = 64 * 1024  # zip and .npy headers beside the data, per file and per array
VERDICTS_KEPT = 512


class WeightsError(ValueError):
    """The weights cannot be used; the message says why, for the user."""


def expected_size(shapes: list[tuple[int, ...]]) -> int:
    """The most bytes a weights file of these shapes may take."""
    data = sum(math.prod(shape) for shape in shapes) * DTYPE.itemsize
    return data + ZIP_SLACK * (len(shapes) + 1)


def read_weights(path: Path, shapes: list[tuple[int, ...]], sha256: str) -> list[np.ndarray]:
    """The arrays of ``path`` if it matches ``sha256`` and holds finite float32 arrays of
    ``shapes``; WeightsError otherwise. The file is read once: what is checked is what loads."""
    return read_archive(path, expected_size(shapes), sha256, lambda archive: _arrays(archive, shapes))


def read_archive(path: Path, limit: int, sha256: str, read: Callable[[zipfile.ZipFile], T]) -> T:
    """What ``read`` takes from the .npz archive at ``path``, if the file holds at most ``limit``
    bytes and matches ``sha256``; WeightsError, whatever the hostile bytes make zip raise."""
    try:
        data = read_bounded(path, limit)
    except UnreadableFile as error:
        raise WeightsError(str(error)) from None
    if hashlib.sha256(data).hexdigest() != sha256:
        raise WeightsError(f"{path.name} does not match its checksum (corrupt)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return read(archive)
    except WeightsError:
        raise
    except Exception as error:  # noqa: BLE001 - zip and its codecs raise a dozen kinds on hostile bytes
        raise WeightsError(f"{path.name} is unreadable: {error or type(error).__name__}") from None


def _arrays(archive: zipfile.ZipFile, shapes: list[tuple[int, ...]]) -> list[np.ndarray]:
    names = [f"arr_{i}.npy" for i in range(len(shapes))]
    if sorted(archive.namelist()) != sorted(names):
        raise WeightsError(f"the weights hold {len(archive.namelist())} arrays; the model has {len(shapes)}")
    return [_array(archive, name, shape) for name, shape in zip(names, shapes, strict=True)]


def _array(archive: zipfile.ZipFile, name: str, shape: tuple[int, ...]) -> np.ndarray:
    return read_array(archive, name, (DTYPE,), shape)


def read_array(
    archive: zipfile.ZipFile,
    name: str,
    dtypes: tuple[np.dtype, ...],
    shape: tuple[int, ...] | None = None,
    max_bytes: int | None = None,
) -> np.ndarray:
    """The finite array ``name`` of an .npz archive, checked before its data is read: one of
    ``dtypes``, of ``shape`` (or of any shape no larger than ``max_bytes``)."""
    info = archive.getinfo(name)
    with archive.open(info) as member:
        major, _ = npy.read_magic(member)
        read_header = npy.read_array_header_1_0 if major == 1 else npy.read_array_header_2_0
        found, fortran_order, dtype = read_header(member, max_header_size=MAX_HEADER)
        if dtype not in dtypes:  # an object array would need pickle: never
            raise WeightsError(f"{name} holds {dtype} values, not {' or '.join(map(str, dtypes))}")
        found = tuple(found)
        if shape is not None and found != shape:
            raise WeightsError(f"{name} has shape {found}; the model needs {shape}")
        size = math.prod(found) * dtype.itemsize
        if max_bytes is not None and size > max_bytes:
            raise WeightsError(f"{name} is larger than {max_bytes:,} bytes")
        if info.file_size != member.tell() + size:
            raise WeightsError(f"{name} is not the size its header says")
        values = np.frombuffer(member.read(size), dtype=dtype)
    if values.size != math.prod(found):
        raise WeightsError(f"{name} is truncated")
    if not np.isfinite(values).all():
        raise WeightsError(f"{name} holds NaN or infinite values")
    return values.reshape(found, order="F" if fortran_order else "C")


_verdicts: OrderedDict[tuple, str | None] = OrderedDict()  # least recently used first
_verdicts_lock = threading.Lock()


def weights_problem(path: Path, shapes: list[tuple[int, ...]], sha256: str) -> str | None:
    """Why the weights at ``path`` cannot be loaded, or None; remembered until the file changes
    (its size, times or inode), so a listing rereads nothing that has not changed."""
    try:
        stat = os.lstat(path)
    except OSError:
        return f"{path.name} is missing"
    key = (str(path), stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, tuple(shapes), sha256)
    with _verdicts_lock:
        if key in _verdicts:
            _verdicts.move_to_end(key)
            return _verdicts[key]
    try:
        read_weights(path, shapes, sha256)
        verdict = None
    except WeightsError as error:
        verdict = str(error)
    with _verdicts_lock:
        _verdicts[key] = verdict
        while len(_verdicts) > VERDICTS_KEPT:
            _verdicts.popitem(last=False)
    return verdict
