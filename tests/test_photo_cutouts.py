"""The real photos' cut-outs the photo model learns from (issue 41): what the repository holds
is what was recorded, and training adds them without the validation part."""

from __future__ import annotations

import numpy as np
import pytest

from fashion_lab.data import photo_cutouts
from fashion_lab.data.photo_cutouts import CutoutsError, load_cutouts, with_real_photos

HEADLINE = {"t-shirt", "pants", "dress", "outwear", "shirt", "shoes"}


@pytest.fixture(scope="module")
def cutouts():
    return load_cutouts()


def test_the_cutouts_load_and_match_their_recorded_checksum(cutouts):
    n = len(cutouts.labels)
    assert n > 2000 and cutouts.views.shape == (n, 3, 28, 28) and cutouts.views.dtype == np.uint8
    assert set(cutouts.folders) == HEADLINE
    assert cutouts.accepted[np.arange(n), cutouts.labels].all()  # every label is one its folder accepts
    assert 0.18 < cutouts.validation.mean() < 0.22  # a fifth held out
    for folder in HEADLINE:  # ... of every folder
        mine = cutouts.folders == folder
        assert 0.15 < cutouts.validation[mine].mean() < 0.25, folder
    assert (cutouts.views.reshape(n, -1).max(axis=1) > 100).mean() > 0.95  # garments, not blanks


def test_a_changed_file_is_refused_with_what_to_do(tmp_path, monkeypatch):
    changed = tmp_path / "cutouts.npz"
    data = bytearray(photo_cutouts.CUTOUTS.read_bytes())
    data[len(data) // 2] ^= 1  # one bit of one photo
    changed.write_bytes(bytes(data))
    monkeypatch.setattr(photo_cutouts, "CUTOUTS", changed)
    with pytest.raises(CutoutsError, match="does not match cutouts.sha256"):
        load_cutouts()
    monkeypatch.setattr(photo_cutouts, "CUTOUTS", tmp_path / "none.npz")
    with pytest.raises(CutoutsError, match="missing"):
        load_cutouts()


def test_training_adds_photos_of_the_training_part_only_every_kind_as_often(cutouts):
    images = np.zeros((10, 28, 28), np.uint8)
    labels = np.full(10, 8, np.uint8)  # bags: no photo is one
    x, y = with_real_photos(images, labels, repeats=2, seed=0)
    train = cutouts.part(validation=False)
    each = -(-2 * len(train.labels) // len(HEADLINE))  # photos drawn of each folder
    assert len(x) == 10 + len(HEADLINE) * each * 3 and len(y) == len(x)  # three views of each
    assert (y == 8).sum() == 10
    for label in (0, 1, 3, 4, 6):  # t-shirt, pants, dress, outwear, shirt: as many
        assert (y == label).sum() == each * 3, label
    assert np.isin(y, (5, 7, 9)).sum() == each * 3  # the shoes, each a sandal, sneaker or boot
    held_out = cutouts.part(validation=True).views[:, 0]
    added = {bytes(v) for v in x[y != 8][:2000]} | {bytes(v[:, ::-1]) for v in x[y != 8][:2000]}
    assert not any(bytes(v) in added for v in held_out[:200])
    assert with_real_photos(images, labels, repeats=0, seed=0)[0] is images
