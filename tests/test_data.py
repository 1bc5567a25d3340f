"""IDX parsing against hand-made files, and the real dataset's shapes and label counts."""

from __future__ import annotations

import gzip
import struct

import numpy as np
import pytest

from fashion_lab.data import fashion_mnist as data
from fashion_lab.data.fashion_mnist import CLASS_NAMES, DatasetError, parse_idx, read_idx_file


def idx_bytes(array: np.ndarray, type_code: int = 0x08) -> bytes:
    header = struct.pack(">HBB", 0, type_code, array.ndim) + struct.pack(f">{array.ndim}I", *array.shape)
    return header + array.astype(np.uint8).tobytes()


def test_parse_idx_reads_hand_made_images_and_labels():
    images = np.arange(2 * 3 * 4, dtype=np.uint8).reshape(2, 3, 4)
    labels = np.array([9, 0, 5], dtype=np.uint8)
    np.testing.assert_array_equal(parse_idx(idx_bytes(images), 3), images)
    np.testing.assert_array_equal(parse_idx(idx_bytes(labels), 1), labels)


@pytest.mark.parametrize(
    "raw, message",
    [
        (b"", "too short"),
        (idx_bytes(np.zeros((2, 2, 2)), type_code=0x0D), "bad magic number"),
        (idx_bytes(np.zeros(5)), "bad magic number"),  # labels where images are expected
        (idx_bytes(np.zeros((2, 2, 2)))[:10], "truncated header"),
        (idx_bytes(np.zeros((2, 2, 2)))[:-1], "truncated"),
        (idx_bytes(np.zeros((2, 2, 2))) + b"\0", "trailing bytes"),
    ],
)
def test_parse_idx_rejects_corrupt_data(raw, message):
    with pytest.raises(DatasetError, match=message):
        parse_idx(raw, 3)


def test_read_idx_file_names_the_file_and_the_fix(tmp_path):
    bad = tmp_path / "train-images-idx3-ubyte.gz"
    bad.write_bytes(gzip.compress(idx_bytes(np.zeros((2, 2, 2))))[:-8])  # cut gzip stream
    with pytest.raises(DatasetError) as caught:
        read_idx_file(bad, 3)
    assert str(bad) in str(caught.value)
    assert "dataset-fashion-mnist" in str(caught.value)


def test_read_idx_file_accepts_gzip_and_plain(tmp_path):
    labels = np.array([1, 2, 3], dtype=np.uint8)
    (tmp_path / "a.gz").write_bytes(gzip.compress(idx_bytes(labels)))
    (tmp_path / "a").write_bytes(idx_bytes(labels))
    np.testing.assert_array_equal(read_idx_file(tmp_path / "a.gz", 1), labels)
    np.testing.assert_array_equal(read_idx_file(tmp_path / "a", 1), labels)


def write_fake_dataset(folder, train: int = 60_000, test: int = 10_000) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for split, count in (("train", train), ("t10k", test)):
        images = np.zeros((count, 28, 28), dtype=np.uint8)
        labels = (np.arange(count) % 10).astype(np.uint8)
        (folder / f"{split}-images-idx3-ubyte.gz").write_bytes(gzip.compress(idx_bytes(images), 1))
        (folder / f"{split}-labels-idx1-ubyte.gz").write_bytes(gzip.compress(idx_bytes(labels), 1))


def test_fashion_mnist_dir_comes_first(tmp_path, monkeypatch):
    write_fake_dataset(tmp_path / "mine")
    monkeypatch.setenv("FASHION_MNIST_DIR", str(tmp_path / "mine"))
    assert data.candidate_dirs()[0] == tmp_path / "mine"
    assert data.find_dataset_dir() == tmp_path / "mine"
    loaded = data.load_dataset_from(tmp_path / "mine")
    assert loaded.train_images.shape == (60_000, 28, 28)


def test_wrong_image_count_is_reported(tmp_path):
    write_fake_dataset(tmp_path, train=100, test=10)
    with pytest.raises(DatasetError, match="train split has 100 images, expected 60000"):
        data.load_dataset_from(tmp_path)


def test_real_dataset_shapes_and_label_counts(dataset):
    assert dataset.train_images.shape == (60_000, 28, 28)
    assert dataset.test_images.shape == (10_000, 28, 28)
    assert dataset.train_images.dtype == np.uint8
    np.testing.assert_array_equal(np.bincount(dataset.train_labels), [6000] * 10)
    np.testing.assert_array_equal(np.bincount(dataset.test_labels), [1000] * 10)
    assert list(dataset.train_labels[:3]) == [9, 0, 0]  # as in the original files
    assert len(CLASS_NAMES) == 10 and CLASS_NAMES[9] == "Ankle boot"


def test_dataset_arrays_are_read_only(dataset):
    with pytest.raises(ValueError):
        dataset.train_images[0, 0, 0] = 1


def test_the_test_split_alone_is_the_datasets_own(dataset):
    images, labels = data.load_test_split()
    whole = data.load_dataset()  # read before or after the split (a test may clear the caches)
    assert images is whole.test_images and labels is whole.test_labels  # one copy in memory
    alone_images, alone_labels = data.load_test_split_from(data.find_dataset_dir())
    np.testing.assert_array_equal(alone_images, dataset.test_images)
    np.testing.assert_array_equal(alone_labels, dataset.test_labels)
    with pytest.raises(ValueError):
        alone_images[0, 0, 0] = 1


def test_a_wrong_test_split_is_reported_without_the_training_files(tmp_path):
    write_fake_dataset(tmp_path, test=10)
    for name in ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"):
        (tmp_path / name).unlink()
    with pytest.raises(DatasetError, match="test split has 10 images, expected 10000"):
        data.load_test_split_from(tmp_path)
