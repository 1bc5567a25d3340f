"""Inspection against independent numpy references: convolution, pooling, shifting."""

import numpy as np
import pytest

from fashion_lab.analysis.inspection import (
    conv_stages,
    dense_activations,
    explain_conv_step,
    feature_maps,
    kernels,
    pooling_window,
    shift_accuracy,
    shift_images,
)
from fashion_lab.models.registry import build_model


def numpy_conv_same(image: np.ndarray, kernel: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """(h, w) image, (3, 3, 1, c) kernels -> (h, w, c) relu(cross-correlation + bias), zero padded."""
    padded = np.pad(image, 1)
    h, w = image.shape
    out = np.zeros((h, w, kernel.shape[-1]))
    for r in range(h):
        for c in range(w):
            patch = padded[r : r + 3, c : c + 3]
            out[r, c] = np.tensordot(patch, kernel[:, :, 0, :], axes=([0, 1], [0, 1])) + bias
    return np.maximum(out, 0)


def numpy_max_pool(maps: np.ndarray) -> np.ndarray:
    h, w, c = maps.shape
    return maps[: h // 2 * 2, : w // 2 * 2].reshape(h // 2, 2, w // 2, 2, c).max(axis=(1, 3))


@pytest.fixture(scope="module")
def trained_cnn(small_jobs):
    return small_jobs["cnn"].model


def test_classic_cnn_has_one_stage_with_pooling(trained_cnn):
    stages = conv_stages(trained_cnn)
    assert [(s.conv, s.activation, s.pool) for s in stages] == [("conv1", "conv1", "pool1")]


def test_deeper_cnn_stages_find_relu_and_pooling():
    stages = conv_stages(build_model("cnn_deep"))
    assert [(s.conv, s.activation, s.pool) for s in stages] == [
        ("conv1", "relu1", None),
        ("conv2", "relu2", "pool1"),
        ("conv3", "relu3", None),
        ("conv4", "relu4", "pool2"),
    ]


def test_feature_maps_equal_a_numpy_convolution_and_pooling(trained_cnn, dataset):
    pixels = dataset.test_images[0]
    stage = conv_stages(trained_cnn)[0]
    result = feature_maps(trained_cnn, pixels, stage)
    kernel, bias = kernels(trained_cnn, "conv1")
    expected = numpy_conv_same(pixels / 255.0, kernel.astype(np.float64), bias.astype(np.float64))
    assert result.maps.shape == (28, 28, 32) and result.pooled.shape == (14, 14, 32)
    np.testing.assert_allclose(result.maps, expected, atol=1e-5)
    np.testing.assert_allclose(result.pooled, numpy_max_pool(result.maps), atol=1e-6)


def test_one_step_in_numbers_matches_the_feature_map(trained_cnn, dataset):
    pixels = dataset.test_images[1]
    maps = feature_maps(trained_cnn, pixels, conv_stages(trained_cnn)[0])
    for channel, row, col in [(0, 0, 0), (5, 14, 13), (31, 27, 27)]:
        step = explain_conv_step(trained_cnn, pixels, "conv1", channel, row, col)
        assert step.value == pytest.approx(maps.maps[row, col, channel], abs=1e-5)
        assert step.patch.shape == (3, 3) and step.kernel.shape == (3, 3)
    window = pooling_window(maps.maps, channel=3, row=5, col=6)
    assert window.max() == pytest.approx(maps.pooled[5, 6, 3])


def test_dense_activations_have_the_row_shape(small_jobs, dataset):
    activations = dense_activations(small_jobs["dense"].model, dataset.test_images[0])
    assert activations["dense1"].shape == (28, 128) and activations["dense2"].shape == (28, 64)
    assert (activations["dense1"] >= 0).all()  # relu


def test_shift_images_against_hand_made_arrays():
    image = np.arange(1, 10).reshape(1, 3, 3)
    np.testing.assert_array_equal(shift_images(image, 1, 0)[0], [[0, 1, 2], [0, 4, 5], [0, 7, 8]])
    np.testing.assert_array_equal(shift_images(image, 0, -1)[0], [[4, 5, 6], [7, 8, 9], [0, 0, 0]])
    np.testing.assert_array_equal(shift_images(image, -2, 2)[0], [[0, 0, 0], [0, 0, 0], [3, 0, 0]])
    np.testing.assert_array_equal(shift_images(image, 3, 0)[0], np.zeros((3, 3)))
    np.testing.assert_array_equal(shift_images(image, 0, 0), image)


def test_shift_accuracy_is_best_unshifted(trained_cnn, dataset):
    images, labels = dataset.test_images[:500], dataset.test_labels[:500]
    result = shift_accuracy(trained_cnn, images, labels, shifts=range(-4, 5, 4))
    assert result["shift"] == [-4, 0, 4]
    unshifted = result["horizontal"][1]
    assert unshifted == result["vertical"][1] > max(result["horizontal"][0], result["vertical"][2])


def test_one_step_in_numbers_refuses_a_convolution_followed_by_batch_norm(dataset):
    with pytest.raises(ValueError, match="no batch norm"):
        explain_conv_step(build_model("cnn_deep"), dataset.test_images[0], "conv1", 0, 5, 5)
