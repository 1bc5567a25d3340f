"""Footwear seen from above in the photo simulation (fashion_lab/images/footwear_from_above.py): drawn as
Fashion-MNIST draws a garment, photographed like one, and only where a run asks for it."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import ndimage

from fashion_lab.images.footwear_from_above import ANKLE_BOOT, SANDAL, SNEAKER, footwear_from_above
from fashion_lab.images.photo_simulation import FOOTWEAR, simulate_photo, simulated_photos
from fashion_lab.training.config import TrainingConfig

KINDS = (SANDAL, SNEAKER, ANKLE_BOOT)


def drawn(label: int, count: int = 12, seed: int = 0) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    return [footwear_from_above(label, rng) for _ in range(count)]


def dark_inside(image: np.ndarray) -> float:
    """The share of the pair's silhouette (its holes filled) that is dark: an opening."""
    silhouette = ndimage.binary_fill_holes(image > 10)
    return float((image[silhouette] < 0.3 * image.max()).mean())


@pytest.mark.parametrize("label", KINDS)
def test_a_pair_from_above_is_drawn_as_fashion_mnist_draws_a_garment(label):
    for image in drawn(label):
        assert image.shape == (28, 28) and image.dtype == np.uint8
        rows, columns = np.nonzero(image > 10)
        assert max(np.ptp(rows), np.ptp(columns)) >= 24  # it fills the frame, light on black
        assert image[[0, 0, -1, -1], [0, -1, 0, -1]].max() == 0
        assert image.max() > 150


def test_boots_open_wider_than_sneakers_and_sneakers_than_sandals():
    openings = {label: np.mean([dark_inside(image) for image in drawn(label, 20)]) for label in KINDS}
    # here 32%, 19% and 11% (a sandal's dark: its footbed's edges, a gap closed between the soles)
    assert openings[ANKLE_BOOT] > 1.3 * openings[SNEAKER] > 1.3**2 * openings[SANDAL]


def test_the_drawing_is_fixed_by_the_seed():
    assert all(np.array_equal(a, b) for a, b in zip(drawn(SNEAKER, 3), drawn(SNEAKER, 3), strict=True))
    assert not np.array_equal(drawn(SNEAKER, 1, seed=1)[0], drawn(SNEAKER, 1, seed=2)[0])


def one_drawn_ahead(seed: int) -> np.random.Generator:
    rng = np.random.default_rng(seed)
    rng.random()
    return rng


def test_at_0_no_random_number_is_drawn_for_it():
    """So the photos of a run without it (the bundled photo model's) are the photos of before it
    existed (also checked once against the code before it: the same bytes for 700 photos)."""
    shoe = drawn(SNEAKER, 1)[0]  # any 28x28 garment will do
    at_0 = simulate_photo(shoe, SNEAKER, np.random.default_rng(4), 0.0)
    asked_never_taken = simulate_photo(shoe, SNEAKER, np.random.default_rng(4), 1e-12)
    assert not np.array_equal(at_0, asked_never_taken)  # asking draws a number...
    assert np.array_equal(simulate_photo(shoe, SNEAKER, one_drawn_ahead(4), 0.0), asked_never_taken)  # one


def test_only_footwear_is_seen_from_above(dataset):
    for image, label in zip(dataset.train_images[:30], dataset.train_labels[:30], strict=True):
        label = int(label)
        never, always = (simulate_photo(image, label, np.random.default_rng(4), s) for s in (0.0, 1.0))
        assert np.array_equal(never, always) == (label not in FOOTWEAR)


def test_a_share_of_the_footwear_is_seen_from_above(dataset):
    """A photo is seen from above when it differs from the side view drawn after the same one
    number (the decision)."""
    sneaker = dataset.train_images[dataset.train_labels == SNEAKER][0]
    side = [simulate_photo(sneaker, SNEAKER, one_drawn_ahead(seed), 0.0) for seed in range(100)]
    shared = [simulate_photo(sneaker, SNEAKER, np.random.default_rng(seed), 0.4) for seed in range(100)]
    above = np.mean([not np.array_equal(a, b) for a, b in zip(side, shared, strict=True)])
    assert above == np.mean([np.random.default_rng(seed).random() < 0.4 for seed in range(100)])  # 0.34


def test_a_run_asks_for_it_through_its_config(dataset):
    shoes = np.isin(dataset.train_labels, FOOTWEAR)
    images, labels = dataset.train_images[shoes][:40], dataset.train_labels[shoes][:40]
    side, above = (simulated_photos(images, labels, seed=2, workers=1, from_above=s) for s in (0.0, 1.0))
    assert side.shape == above.shape == images.shape
    assert np.mean([not np.array_equal(a, b) for a, b in zip(side, above, strict=True)]) > 0.9
    TrainingConfig(simulated_photos=1, footwear_from_above=0.4).validate()
    with pytest.raises(ValueError, match="footwear from above must be a share in 0-1"):
        TrainingConfig(simulated_photos=1, footwear_from_above=1.5).validate()
    with pytest.raises(ValueError, match="set simulated photos too"):
        TrainingConfig(footwear_from_above=0.4).validate()
