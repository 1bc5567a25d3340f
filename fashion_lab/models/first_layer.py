"""What a network's first layer has learned, as pictures (numpy only; no Keras here).

- **A dense network**: each unit that sees the whole frame, as a 28x28 image of its input
  weights. In ``dense_wide`` those are the first layer's units. The classic ``dense`` applies its
  first two layers to one row at a time, the same weights on every row; its first units to see
  the whole frame are the 10 outputs, so their pictures are the layers' weights multiplied
  through (the ReLUs set aside): what each class weighs, pixel by pixel.
- **A CNN**: its first layer's 3x3 kernels, with the per-kernel scale and shift that turn a
  kernel's correlation with the image into its feature map (the bias, or the batch
  normalisation after it); and the second layer's kernels averaged over their input channels.

``layer(name)`` gives a layer's weight arrays in Keras's order, or None when there is no such
layer: ``keras_layers(model)`` for a live model.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from fashion_lab.data.fashion_mnist import IMAGE_SHAPE, NUM_CLASSES, PIXEL_SCALE

LayerWeights = Callable[[str], list[np.ndarray] | None]
NORM_EPSILON = 1e-3  # Keras BatchNormalization's default


def keras_layers(model) -> LayerWeights:
    """``layer(name)`` over a Keras model's layers."""
    names = {layer.name for layer in model.layers}
    return lambda name: (
        [np.asarray(w) for w in model.get_layer(name).get_weights()] if name in names else None
    )


def unit_pictures(layer: LayerWeights) -> np.ndarray:
    """(units, 28, 28): the input weights of each dense unit that sees the whole frame."""
    kernel = layer("dense1")[0]
    if kernel.shape[0] == IMAGE_SHAPE[0] * IMAGE_SHAPE[1]:  # flattened first: one picture a unit
        return kernel.T.reshape(-1, *IMAGE_SHAPE)
    # row by row (the classic dense): pixel (row, column) -> row features -> the outputs
    row_features = kernel @ layer("dense2")[0]  # (28 columns, 64 features)
    output = layer("output")[0].reshape(IMAGE_SHAPE[0], -1, NUM_CLASSES)  # (28 rows, 64, 10)
    return np.einsum("xk,rkc->crx", row_features, output)


def largest_units(units: np.ndarray, count: int) -> np.ndarray:
    """The indices, in order, of the ``count`` units (n, 28, 28) with the largest weights."""
    norms = np.linalg.norm(units.reshape(len(units), -1).astype(np.float32), axis=1)
    return np.sort(np.argsort(-norms, kind="stable")[:count])


def kernel_pictures(layer: LayerWeights) -> dict[str, np.ndarray]:
    """The first conv layer's kernels (K, 3, 3) with ``map_scale`` and ``map_shift`` (K,), and
    the second's averaged over input channels (``kernels2``) where there is one."""
    conv = layer("conv1")
    kernels = conv[0][:, :, 0, :].transpose(2, 0, 1)
    scale, shift = np.ones(len(kernels)), np.zeros(len(kernels))
    if len(conv) == 2:  # a bias, then ReLU
        shift = conv[1]
    norm = layer("norm1")
    if norm is not None:  # batch normalisation, then ReLU
        gamma, beta, mean, variance = norm
        scale = gamma / np.sqrt(variance + NORM_EPSILON)
        shift = beta - mean * scale
    pictures = {"kernels": kernels, "map_scale": scale, "map_shift": shift}
    second = layer("conv2")
    if second is not None:
        pictures["kernels2"] = second[0].mean(axis=2).transpose(2, 0, 1)
    return {key: np.asarray(value, dtype=np.float32) for key, value in pictures.items()}


def kernel_answers(kernels: np.ndarray, images: np.ndarray) -> np.ndarray:
    """(K, N, 28, 28): each 3x3 kernel's correlation with each uint8 image (N, 28, 28), zero-padded
    as Keras pads, before any bias."""
    padded = np.pad(images * PIXEL_SCALE, ((0, 0), (1, 1), (1, 1)))
    windows = np.lib.stride_tricks.sliding_window_view(padded, (3, 3), axis=(1, 2))  # (N, 28, 28, 3, 3)
    return np.einsum("nijab,kab->knij", windows, kernels.astype(np.float64))


def first_layer_maps(
    image: np.ndarray, kernels: np.ndarray, scale: np.ndarray, shift: np.ndarray
) -> np.ndarray:
    """(K, 28, 28): the first layer's maps of one uint8 image, as the model computes them
    (cross-correlation with zero padding, then scale, shift and ReLU)."""
    maps = kernel_answers(kernels, image[None])[:, 0]
    return np.maximum(maps * scale[:, None, None] + shift[:, None, None], 0).astype(np.float32)


def probe_indices(labels: np.ndarray) -> np.ndarray:
    """The probe set: the first test image of each class, in class order."""
    return np.array([int(np.flatnonzero(labels == c)[0]) for c in range(NUM_CLASSES)])
