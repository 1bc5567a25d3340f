"""Fashion-MNIST on disk: find the original IDX files, parse and validate them."""

from __future__ import annotations

import gzip
import hashlib
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from fashion_lab import settings
from fashion_lab.i18n import N_, _

CLASS_NAMES = (  # English, as the dataset names them (the CLI's JSON keeps them); shown: class_name()
    N_("T-shirt/top"),
    N_("Trouser"),
    N_("Pullover"),
    N_("Dress"),
    N_("Coat"),
    N_("Sandal"),
    N_("Shirt"),
    N_("Sneaker"),
    N_("Bag"),
    N_("Ankle boot"),
)
IMAGE_SHAPE = (28, 28)
PIXEL_SCALE = 1.0 / 255.0  # every model's first layer multiplies the uint8 pixels by this
NUM_CLASSES = len(CLASS_NAMES)


def class_name(index: int) -> str:
    """Class ``index``'s name in the language being shown (티셔츠/탑 in Korean)."""
    return _(CLASS_NAMES[index])


FILES = {
    "train_images": "train-images-idx3-ubyte.gz",
    "train_labels": "train-labels-idx1-ubyte.gz",
    "test_images": "t10k-images-idx3-ubyte.gz",
    "test_labels": "t10k-labels-idx1-ubyte.gz",
}
EXPECTED_COUNTS = {"train": 60_000, "test": 10_000}
DEBIAN_DIR = Path("/usr/share/datasets/fashion-mnist")
KERAS_CACHE_DIR = Path.home() / ".keras" / "datasets" / "fashion-mnist"
FIX_HINT = N_(  # said as _(FIX_HINT)
    "install the Debian package dataset-fashion-mnist (apt-get install dataset-fashion-mnist) "
    "or set FASHION_MNIST_DIR to a folder holding the four original .gz files"
)

_IDX_UBYTE = 0x08  # the only element type Fashion-MNIST uses


class DatasetError(RuntimeError):
    """The dataset is missing, truncated or not in IDX format."""


@dataclass(frozen=True)
class Dataset:
    """The 60,000 training and 10,000 test images (uint8, 0-255) with their labels."""

    train_images: np.ndarray  # (60000, 28, 28) uint8
    train_labels: np.ndarray  # (60000,) uint8
    test_images: np.ndarray  # (10000, 28, 28) uint8
    test_labels: np.ndarray  # (10000,) uint8
    source: str
    checksum: str  # sha256 of all four arrays, identifies the data a model saw


def parse_idx(raw: bytes, expected_ndim: int, name: str = "IDX data") -> np.ndarray:
    """Parse an uncompressed IDX file of unsigned bytes into an array, validating the header."""
    if len(raw) < 4:
        raise DatasetError(
            _("{name}: file is too short to hold an IDX header ({count} bytes)").format(
                name=name, count=len(raw)
            )
        )
    zero0, zero1, dtype_code, ndim = raw[0], raw[1], raw[2], raw[3]
    if zero0 or zero1 or dtype_code != _IDX_UBYTE or ndim != expected_ndim:
        magic = int.from_bytes(raw[:4], "big")
        expected = (_IDX_UBYTE << 8) | expected_ndim
        raise DatasetError(
            _("{name}: bad magic number {magic}, expected {expected}").format(
                name=name, magic=f"0x{magic:08x}", expected=f"0x{expected:08x}"
            )
        )
    header_len = 4 + 4 * ndim
    if len(raw) < header_len:
        raise DatasetError(_("{name}: truncated header").format(name=name))
    dims = tuple(int.from_bytes(raw[4 + 4 * i : 8 + 4 * i], "big") for i in range(ndim))
    expected_len = header_len + int(np.prod(dims, dtype=np.int64))
    if len(raw) != expected_len:
        problem = (
            _("{name}: truncated: {count} bytes, dimensions {dims} need {needed}")
            if len(raw) < expected_len
            else _("{name}: has trailing bytes: {count} bytes, dimensions {dims} need {needed}")
        )
        raise DatasetError(problem.format(name=name, count=len(raw), dims=dims, needed=expected_len))
    return np.frombuffer(raw, dtype=np.uint8, offset=header_len).reshape(dims)


def read_idx_file(path: Path, expected_ndim: int) -> np.ndarray:
    """Read a gzip-compressed (or plain) IDX file."""
    try:
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
    except (OSError, EOFError, zlib.error, gzip.BadGzipFile) as error:
        raise DatasetError(
            _("{path}: cannot read ({error}); {hint}").format(path=path, error=error, hint=_(FIX_HINT))
        ) from error
    try:
        return parse_idx(data, expected_ndim, name=str(path))
    except DatasetError as error:
        raise DatasetError(_("{problem}; {hint}").format(problem=error, hint=_(FIX_HINT))) from error


def candidate_dirs() -> list[Path]:
    """The folders searched for the IDX files, in order."""
    mine = settings.DATASET_DIR.value()
    return ([mine] if mine else []) + [DEBIAN_DIR, KERAS_CACHE_DIR]


def find_dataset_dir() -> Path | None:
    """The first candidate folder that holds all four files, or None."""
    for folder in candidate_dirs():
        if all((folder / name).is_file() for name in FILES.values()):
            return folder
    return None


def _download_with_keras() -> Path:
    """Last resort for machines with internet: Keras's downloader, which caches the files."""
    try:
        import keras

        keras.datasets.fashion_mnist.load_data()
    except Exception as error:  # noqa: BLE001 - any download failure gets the same advice
        searched = ", ".join(str(d) for d in candidate_dirs())
        raise DatasetError(
            _("Fashion-MNIST not found in {searched} and the download failed ({error}); {hint}").format(
                searched=searched, error=error, hint=_(FIX_HINT)
            )
        ) from error
    return KERAS_CACHE_DIR


def _check_pair(images: np.ndarray, labels: np.ndarray, split: str, folder: Path) -> None:
    if images.shape[1:] != IMAGE_SHAPE or len(images) != len(labels):
        raise DatasetError(
            _("{folder}: {split} images {images} do not match labels {labels}; {hint}").format(
                folder=folder, split=split, images=images.shape, labels=labels.shape, hint=_(FIX_HINT)
            )
        )
    if len(images) != EXPECTED_COUNTS[split]:
        raise DatasetError(
            _("{folder}: {split} split has {count} images, expected {expected}; {hint}").format(
                folder=folder,
                split=split,
                count=len(images),
                expected=EXPECTED_COUNTS[split],
                hint=_(FIX_HINT),
            )
        )
    if labels.max() >= NUM_CLASSES:
        raise DatasetError(
            _("{folder}: {split} labels go up to {top}; {hint}").format(
                folder=folder, split=split, top=labels.max(), hint=_(FIX_HINT)
            )
        )


def load_test_split_from(folder: Path) -> tuple[np.ndarray, np.ndarray]:
    """Load and validate the test images and labels of one folder."""
    images = read_idx_file(folder / FILES["test_images"], 3)
    labels = read_idx_file(folder / FILES["test_labels"], 1)
    _check_pair(images, labels, "test", folder)
    return images, labels


def load_dataset_from(folder: Path, test: tuple[np.ndarray, np.ndarray] | None = None) -> Dataset:
    """Load and validate the four IDX files of one folder (``test``: its test split, read already)."""
    train_images = read_idx_file(folder / FILES["train_images"], 3)
    train_labels = read_idx_file(folder / FILES["train_labels"], 1)
    _check_pair(train_images, train_labels, "train", folder)
    test_images, test_labels = test or load_test_split_from(folder)
    arrays = {"train_images": train_images, "train_labels": train_labels}
    arrays |= {"test_images": test_images, "test_labels": test_labels}
    digest = hashlib.sha256()
    for key in FILES:
        digest.update(arrays[key].tobytes())
    return Dataset(**arrays, source=str(folder), checksum=digest.hexdigest()[:16])


@lru_cache(maxsize=1)
def load_dataset() -> Dataset:
    """Find, load and validate Fashion-MNIST (cached per process; arrays are read-only)."""
    folder = find_dataset_dir() or _download_with_keras()
    return load_dataset_from(folder, load_test_split() if load_test_split.cache_info().currsize else None)


@lru_cache(maxsize=1)
def load_test_split() -> tuple[np.ndarray, np.ndarray]:
    """The 10,000 test images and labels alone (cached per process; read-only): what the pages
    show reads 4.4 MB of the files, not 30 MB (0.3 s less at a page's first open here). The same
    arrays as ``load_dataset()``'s, whichever of the two comes first."""
    if load_dataset.cache_info().currsize:
        data = load_dataset()
        return data.test_images, data.test_labels
    return load_test_split_from(find_dataset_dir() or _download_with_keras())
