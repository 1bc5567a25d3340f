"""Temperature scaling and the calibration error, against references: a logit set whose best
temperature is known, a grid search, and a plain loop over bins; a model's two temperatures, and
the sets its reliability diagrams are drawn from, against a direct computation."""

import numpy as np
import pytest

from fashion_lab.analysis.calibration import (
    CALIBRATION_IMAGES,
    fit_temperature,
    negative_log_likelihood,
    reliability,
    reliability_curves,
    scaled,
)
from fashion_lab.analysis.reliability import DATASET_SET, PHOTO_SET, reliability_sets


def _softmax(logits: np.ndarray) -> np.ndarray:
    exp = np.exp(logits - logits.max(axis=1, keepdims=True))
    return exp / exp.sum(axis=1, keepdims=True)


def _known_logits(temperature: float, n: int = 20_000) -> tuple[np.ndarray, np.ndarray]:
    """Logits whose labels are drawn from softmax(logits / temperature): the likelihood is best
    at that temperature, up to sampling noise."""
    rng = np.random.default_rng(0)
    logits = rng.normal(size=(n, 10)) * 4
    truth = _softmax(logits / temperature)
    labels = np.array([rng.choice(10, p=p) for p in truth])
    return _softmax(logits), labels


@pytest.mark.parametrize("temperature", [0.5, 1.0, 2.5])
def test_the_fitted_temperature_is_the_one_the_labels_were_drawn_with(temperature):
    probabilities, labels = _known_logits(temperature)
    assert fit_temperature(probabilities, labels) == pytest.approx(temperature, rel=0.05)


def test_the_fit_finds_the_minimum_a_grid_search_finds():
    probabilities, labels = _known_logits(1.7, n=3000)
    grid = np.exp(np.linspace(-1, 2, 3001))
    best = grid[np.argmin([negative_log_likelihood(probabilities, labels, t) for t in grid])]
    assert fit_temperature(probabilities, labels) == pytest.approx(best, rel=2e-3)


def test_scaling_keeps_every_answer_and_softens_or_sharpens_its_confidence():
    probabilities = _softmax(np.random.default_rng(1).normal(size=(50, 10)) * 3)
    np.testing.assert_allclose(scaled(probabilities, 1.0), probabilities, atol=1e-9)
    softer, sharper = scaled(probabilities, 2.0), scaled(probabilities, 0.5)
    assert (softer.argmax(1) == probabilities.argmax(1)).all() and (
        sharper.argmax(1) == probabilities.argmax(1)
    ).all()
    assert (softer.max(1) < probabilities.max(1)).all() and (sharper.max(1) > probabilities.max(1)).all()


def test_the_calibration_error_matches_a_plain_loop_over_bins():
    rng = np.random.default_rng(2)
    probabilities = _softmax(rng.normal(size=(500, 10)) * 2)
    right = rng.random(500) < 0.6
    error, confidence = 0.0, probabilities.max(axis=1)
    for low in np.arange(10) / 10:
        inside = (confidence >= low) & ((confidence < low + 0.1) | (low == 0.9))
        if inside.any():
            error += inside.sum() / 500 * abs(right[inside].mean() - confidence[inside].mean())
    assert reliability(probabilities, right).expected_calibration_error == pytest.approx(error)


def test_confidence_that_matches_the_share_right_has_no_error_and_overconfidence_has():
    sure = np.full((10, 10), 0.1 / 9)
    sure[:, 0] = 0.9
    assert reliability(sure, np.arange(10) < 9).expected_calibration_error == pytest.approx(0.0, abs=1e-12)
    assert reliability(sure, np.arange(10) < 5).expected_calibration_error == pytest.approx(0.4)


def test_the_photo_temperature_is_fitted_on_simulated_photos_of_test_images(dataset):
    from fashion_lab.analysis.calibration import (
        PHOTO_CALIBRATION_IMAGES,
        fit_dataset_temperature,
        fit_photo_temperature,
        photographed_test_images,
    )
    from fashion_lab.images.segmentation import CLOSINGS
    from fashion_lab.models.stored import open_store
    from model_store import BUNDLED_ROOT

    photographed, labels = photographed_test_images(dataset.test_images, dataset.test_labels)
    assert photographed.shape == (PHOTO_CALIBRATION_IMAGES, len(CLOSINGS), 28, 28)  # as a photo's views
    assert np.array_equal(labels, dataset.test_labels[:PHOTO_CALIBRATION_IMAGES])
    store = open_store("/nonexistent", bundled=BUNDLED_ROOT)
    plain, photos = store.load("bundled-cnn-deep"), store.load("bundled-cnn-deep-photos")
    # a model that never saw a photo is overconfident on them: its photo temperature is higher
    assert fit_photo_temperature(plain, photographed, labels) > 1.5 * fit_dataset_temperature(
        plain, dataset.test_images, dataset.test_labels
    )
    assert 0.7 < fit_photo_temperature(photos, photographed, labels) < 1.5  # trained on such photos


def _bundled(name: str):
    from fashion_lab.models.stored import open_store
    from model_store import BUNDLED_ROOT

    return open_store("/nonexistent", bundled=BUNDLED_ROOT).load(name)


def _photo_folder(root, dataset) -> None:
    """A photo folder of six photos: three shirts and three trousers (test images, enlarged)."""
    from PIL import Image

    (root / "validation" / "shirts").mkdir(parents=True)
    (root / "validation" / "trousers").mkdir()
    (root / "labels.csv").write_text("folder,accepted_labels,headline\nshirts,6,yes\ntrousers,1,yes\n")
    for folder, label in (("shirts", 6), ("trousers", 1)):
        for n, index in enumerate(np.flatnonzero(dataset.test_labels == label)[:3]):
            photo = Image.fromarray(255 - dataset.test_images[index]).resize((112, 112))
            photo.save(root / "validation" / folder / f"{n}.png")


def test_the_reliability_sets_are_the_unfitted_test_images_and_the_photos_check_half(dataset, tmp_path):
    from fashion_lab.analysis.evaluation import predict_images
    from fashion_lab.analysis.photo_scores import score_photos

    model, count = _bundled("bundled-dense"), CALIBRATION_IMAGES + 500
    images, labels = dataset.test_images[:count], dataset.test_labels[:count]
    _photo_folder(tmp_path, dataset)
    sets = reliability_sets(model, images, labels, 1.5, 2.5, tmp_path)
    assert list(sets) == [DATASET_SET, PHOTO_SET]
    given, calibrated, right = sets[DATASET_SET]
    probabilities = predict_images(model, images[CALIBRATION_IMAGES:])  # the 500 not fitted on
    softened = _softmax(np.log(np.clip(probabilities, 1e-12, 1)) / 1.5)  # softmax(logits / T) by hand
    np.testing.assert_allclose(given, probabilities.max(axis=1))
    np.testing.assert_allclose(calibrated, softened.max(axis=1), rtol=1e-6)
    np.testing.assert_array_equal(right, probabilities.argmax(axis=1) == labels[CALIBRATION_IMAGES:])
    scores = score_photos(tmp_path, model, half="check", temperature=2.5)
    photos_given, photos_calibrated, photos_right = sets[PHOTO_SET]
    assert len(photos_given) == sum(s.total for s in scores) == 2  # one of three in each folder
    np.testing.assert_allclose(photos_given, [c for s in scores for c in s.confidence])
    np.testing.assert_allclose(photos_calibrated, [c for s in scores for c in s.calibrated])
    np.testing.assert_array_equal(photos_right, [p in s.accepted for s in scores for p in s.predicted])
    assert list(reliability_sets(model, images, labels, 1.5, 2.5, tmp_path / "none")) == [DATASET_SET]
    assert list(reliability_sets(model, images, labels, 1.5, 2.5, None)) == [DATASET_SET]


def test_the_reliability_curves_are_each_sets_bins_as_given_and_calibrated():
    rng = np.random.default_rng(3)
    given, calibrated, right = rng.random(200), rng.random(200), rng.random(200) < 0.5
    curves = reliability_curves({"a": (given, calibrated, right)})
    assert list(curves) == [("a", "as given"), ("a", "calibrated")]
    for confidence, bins in zip((given, calibrated), curves.values(), strict=True):
        lows = np.arange(10) / 10
        inside = [(confidence >= low) & ((confidence < low + 0.1) | (low == 0.9)) for low in lows]
        np.testing.assert_array_equal(bins.counts, [i.sum() for i in inside])
        error = sum(i.sum() / 200 * abs(right[i].mean() - confidence[i].mean()) for i in inside if i.any())
        assert bins.expected_calibration_error == pytest.approx(error)
