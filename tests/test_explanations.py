"""Heatmaps of what drove an answer, against independent references: occlusion against a plain
loop over positions, Grad-CAM on a hand-made model whose gradients are known in closed form,
gradient x input against finite differences."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from fashion_lab.analysis.evaluation import predict_images
from fashion_lab.analysis.explanations import (
    GREY,
    PATCH,
    explain,
    grad_cam,
    gradient_times_input,
    heat_overlay,
    map_movement,
    occlusion_map,
    occlusion_positions,
)
from fashion_lab.analysis.inspection import shift_images
from fashion_lab.data.fashion_mnist import IMAGE_SHAPE
from fashion_lab.models.builders import _scaled_input
from fashion_lab.models.stored import open_store
from model_store import BUNDLED_ROOT


def halves_model() -> tuple[keras.Model, np.ndarray]:
    """Class 0 is the brightness of the left half, class 1 of the right half (softmax), through
    one 1x1 convolution that passes the image on: the answer and every gradient are known."""
    inputs, x = _scaled_input()
    x = keras.layers.Reshape((*IMAGE_SHAPE, 1), name="channel")(x)
    x = keras.layers.Conv2D(1, 1, activation="relu", name="conv1")(x)
    x = keras.layers.Flatten(name="flatten")(x)
    outputs = keras.layers.Dense(2, activation="softmax", name="output")(x)
    model = keras.Model(inputs, outputs)
    left = (np.arange(784) % 28 < 14).astype(np.float32)
    weights = np.stack([left * 0.05, (1 - left) * 0.02], axis=1)  # (784, 2); unequal, so the mean
    # gradient over the map is not 0 (with equal weights it is exactly 0 for two classes)
    model.get_layer("conv1").set_weights([np.ones((1, 1, 1, 1), np.float32), np.zeros(1, np.float32)])
    model.get_layer("output").set_weights([weights, np.zeros(2, np.float32)])
    return model, weights


def bright_on_the_left() -> np.ndarray:
    image = np.zeros(IMAGE_SHAPE, np.uint8)
    image[6:22, 3:11] = 200
    image[10:14, 18:24] = 90  # something dimmer on the right
    return image


def test_occlusion_matches_a_plain_loop_over_positions(small_jobs, dataset):
    model, image, label = small_jobs["cnn"].model, dataset.test_images[0], int(dataset.test_labels[0])
    base = float(model(image[None], training=False)[0, label])
    total, count = np.zeros(IMAGE_SHAPE), np.zeros(IMAGE_SHAPE)
    for row, col in occlusion_positions():
        copy = image.copy()
        copy[row : row + PATCH, col : col + PATCH] = GREY
        drop = base - float(model(copy[None], training=False)[0, label])
        total[row : row + PATCH, col : col + PATCH] += drop
        count[row : row + PATCH, col : col + PATCH] += 1
    expected = np.maximum(total / count, 0)
    np.testing.assert_allclose(occlusion_map(model, image, label), expected, atol=1e-5)


def test_the_patch_covers_every_pixel():
    covered = np.zeros(IMAGE_SHAPE, bool)
    for row, col in occlusion_positions():
        covered[row : row + PATCH, col : col + PATCH] = True
    assert covered.all()


def test_grad_cam_of_a_model_whose_gradient_is_known():
    model, weights = halves_model()
    image = bright_on_the_left()
    probabilities = np.asarray(model(image[None]))[0]
    assert probabilities.argmax() == 0  # the bright left half wins
    # d log p0 / d map = W0 - sum_k p_k W_k; Grad-CAM weighs the one map by its mean.
    gradient = weights[:, 0] - weights @ probabilities
    expected = np.maximum(gradient.mean() * image / 255.0, 0)
    np.testing.assert_allclose(grad_cam(model, image, 0), expected, atol=1e-5)
    assert grad_cam(model, image, 0)[6:22, 3:11].min() > 0 and grad_cam(model, image, 0)[:, 14:].max() < 1e-3


def test_gradient_times_input_against_finite_differences():
    model, _ = halves_model()
    image = bright_on_the_left()
    tail = keras.Model(model.get_layer("scale").output, model.output)
    x = image.astype(np.float64) / 255.0

    def log_p0(scaled: np.ndarray) -> float:
        return float(np.log(np.asarray(tail(scaled[None].astype(np.float32)))[0, 0]))

    heatmap, eps = gradient_times_input(model, image, 0), 1e-2
    for row, col in [(8, 5), (12, 9), (11, 20), (20, 4)]:
        step = np.zeros(IMAGE_SHAPE)
        step[row, col] = eps
        slope = (log_p0(x + step) - log_p0(x - step)) / (2 * eps)
        assert heatmap[row, col] == pytest.approx(max(slope * x[row, col], 0.0), abs=1e-4)


def test_grad_cam_needs_a_convolution(small_jobs, dataset):
    with pytest.raises(ValueError, match="no convolution"):
        grad_cam(small_jobs["dense"].model, dataset.test_images[0], 0)


def test_explain_says_where_a_method_does_not_apply_and_the_overlay_is_red_where_hot(small_jobs, dataset):
    image = dataset.test_images[0]
    assert explain(small_jobs["dense"].model, image, 0, "Grad-CAM") is None
    assert explain(small_jobs["cnn"].model, image, 0, "Grad-CAM").shape == IMAGE_SHAPE
    heat = np.zeros(IMAGE_SHAPE)
    heat[0, 0] = 2.0
    picture = heat_overlay(np.zeros(IMAGE_SHAPE, np.uint8), heat, side=56)
    assert picture.shape == (56, 56, 3)
    assert tuple(picture[0, 0]) == (255, 0, 0) and tuple(picture[-1, -1]) == (0, 0, 0)


def test_a_map_that_moves_with_the_image_is_told_from_one_that_stays():
    centred = np.zeros(IMAGE_SHAPE)
    centred[8:14, 8:14] = 1
    moved = shift_images(centred[None], 3, -2)[0]
    followed, stayed = map_movement(centred, moved, 3, -2)
    assert followed == pytest.approx(1.0) and stayed < 0.5
    followed, stayed = map_movement(centred, centred, 3, -2)
    assert stayed == pytest.approx(1.0) and followed < 0.5


def _share_following(model, images, method: str, dx: int = 3) -> float:
    """The share of images whose map, for the moved image's answer, moves with the garment."""
    follows = []
    for image in images:
        moved = shift_images(image[None], dx, 0)[0]
        top = int(predict_images(model, [moved])[0].argmax())
        centred, shifted = explain(model, image, top, method), explain(model, moved, top, method)
        if centred.max() > 0 and shifted.max() > 0:
            followed, stayed = map_movement(centred, shifted, dx, 0)
            follows.append(followed > stayed)
    return float(np.mean(follows))


def test_the_bundled_cnns_grad_cam_moves_with_a_shifted_garment_and_occlusion_mostly_does_not(
    tmp_path, dataset
):
    """What the shift test shows, measured on the committed weights: Grad-CAM follows the garment
    (0.86 of 30 images for the classic CNN); occlusion's grey patch matters by where it sits in
    the frame, so its map mostly stays put (0.10)."""
    cnn = open_store(tmp_path, bundled=BUNDLED_ROOT).load("bundled-cnn")
    images = dataset.test_images[:30]
    assert _share_following(cnn, images, "Grad-CAM") >= 0.75
    assert _share_following(cnn, images, "occlusion") <= 0.3
