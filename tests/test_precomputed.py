"""What `make models` computes ahead for the bundled models (fashion_lab/analysis/precomputed.py):
every bundled model has it for its own weights, it is what the pages would compute, and a file
that does not match or does not hold what it should is never used."""

from __future__ import annotations

import json
import os

import numpy as np
import pytest

from fashion_lab.analysis.precomputed import METHOD, PRECOMPUTED_FILE, compute, read, write
from fashion_lab.models.stored import open_store
from model_store import BUNDLED_ROOT


@pytest.fixture(scope="module")
def bundled():
    return open_store("/nonexistent", bundled=BUNDLED_ROOT)


def test_every_bundled_model_has_its_values_for_its_own_weights(bundled):
    missing = [m.name for m in bundled.models() if read(m.path, m.weights_sha256) is None]
    assert not missing, f"run `python -m tools.precompute {' '.join(missing)}` (make models does)"


def test_the_stored_values_are_what_the_pages_would_compute(bundled, dataset):
    entry = bundled.get("bundled-dense")
    stored = read(entry.path, entry.weights_sha256)
    fresh = compute(bundled.load(entry.name), dataset.test_images, dataset.test_labels)
    for key in ("shift", "horizontal", "vertical"):
        assert stored.shift[key] == pytest.approx(fresh.shift[key])
    np.testing.assert_allclose(stored.projection.points, fresh.projection.points, atol=1e-3)
    assert stored.projection.knn_accuracy == pytest.approx(fresh.projection.knn_accuracy)
    assert stored.projection.width == fresh.projection.width == 1792  # its last hidden layer
    np.testing.assert_array_equal(stored.answers.top, fresh.answers.top)
    np.testing.assert_allclose(stored.answers.confidence, fresh.answers.confidence, atol=1e-4)
    assert (stored.answers.top == dataset.test_labels).mean() == pytest.approx(entry.test_accuracy)
    assert stored.temperature == pytest.approx(fresh.temperature, rel=1e-3)
    assert stored.photo_temperature == pytest.approx(fresh.photo_temperature, rel=1e-3)


def test_a_model_that_learned_real_photos_is_calibrated_on_real_photos_it_did_not_see(bundled):
    """Issue 41, item 4: its photo temperature comes from the held-out part of the real photos,
    not from simulated ones; and every photo score covers the six headline folders."""
    from fashion_lab.analysis.calibration import fit_real_photo_temperature

    entry = bundled.get("bundled-cnn-deep-real-photos")
    stored = read(entry.path, entry.weights_sha256)
    fitted = fit_real_photo_temperature(bundled.load(entry.name))
    assert stored.photo_temperature == pytest.approx(fitted, rel=1e-3)
    headline = {"t-shirt", "pants", "dress", "outwear", "shirt", "shoes"}
    assert all(set(read(m.path, m.weights_sha256).photos) == headline for m in bundled.models())


@pytest.fixture
def copied(bundled, tmp_path):
    """bundled-dense's file in a folder of the test's own, and its weights' checksum."""
    entry = bundled.get("bundled-dense")
    (tmp_path / PRECOMPUTED_FILE).write_bytes((entry.path / PRECOMPUTED_FILE).read_bytes())
    assert read(tmp_path, entry.weights_sha256) is not None
    return tmp_path, entry.weights_sha256


def rewrite(folder, change) -> None:
    path = folder / PRECOMPUTED_FILE
    document = json.loads(path.read_text())
    change(document)
    path.write_text(json.dumps(document))


def test_values_of_other_weights_or_another_method_are_not_used(copied):
    folder, sha256 = copied
    assert read(folder, "0" * 64) is None  # retrained since: computed anew
    rewrite(folder, lambda d: d["method"].update(shift_images=METHOD["shift_images"] + 1))
    assert read(folder, sha256) is None


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["shift"].update(horizontal=d["shift"]["horizontal"][:-1]),  # one shift short
        lambda d: d["answers"].update(top=[11] * len(d["answers"]["top"])),  # no such class
        lambda d: d["projection"].update(points="NaN"),
        lambda d: d.update(temperature=float("inf")),
        lambda d: d.update(photo_temperature=[1, 2]),
        lambda d: d.pop("answers"),
        lambda d: d["answers"].update(confidence=[[0.5]] * 10_000),
        lambda d: d["photos"].update(shoes=[30, 20]),  # more right than photos
        lambda d: d.update(photos=[]),
    ],
)
def test_a_file_that_does_not_hold_what_it_should_is_not_used(copied, change):
    folder, sha256 = copied
    rewrite(folder, change)
    assert read(folder, sha256) is None


def test_a_huge_file_a_link_or_a_broken_one_is_not_used(copied, tmp_path_factory):
    folder, sha256 = copied
    path = folder / PRECOMPUTED_FILE
    real = path.read_bytes()
    path.write_bytes(real[:-1] + b" " * 2_000_000 + b"}")  # valid JSON, over the bound
    assert read(folder, sha256) is None
    path.write_bytes(real[: len(real) // 2])
    assert read(folder, sha256) is None
    elsewhere = tmp_path_factory.mktemp("elsewhere") / PRECOMPUTED_FILE
    elsewhere.write_bytes(real)
    path.unlink()
    os.symlink(elsewhere, path)
    assert read(folder, sha256) is None


def test_written_values_read_back(copied, tmp_path_factory):
    folder, sha256 = copied
    values, other = read(folder, sha256), tmp_path_factory.mktemp("other")
    write(other, sha256, values)
    again = read(other, sha256)
    assert again.shift == values.shift and again.temperature == values.temperature
    np.testing.assert_array_equal(again.answers.top, values.answers.top)
