"""What in the picture drove a model's answer, as a 28x28 heatmap: occlusion sensitivity (any
model, one predict call), Grad-CAM at the last convolution (CNNs), gradient x input (any model).
Every map is for one class of one uint8 image (28, 28) and is >= 0 where it supports the class."""

from __future__ import annotations

import keras
import numpy as np
import tensorflow as tf

from fashion_lab.analysis.inspection import conv_stages, shift_images
from fashion_lab.data.fashion_mnist import IMAGE_SHAPE
from fashion_lab.i18n import N_

PATCH, STRIDE, GREY = 6, 2, 128  # a mid-grey 6x6 patch every 2 pixels: 12 x 12 = 144 copies


def occlusion_positions(patch: int = PATCH, stride: int = STRIDE) -> list[tuple[int, int]]:
    """The top-left corners of the patch, row by row, so that it covers the whole image."""
    last = IMAGE_SHAPE[0] - patch
    starts = list(range(0, last + 1, stride))
    if starts[-1] != last:
        starts.append(last)
    return [(row, col) for row in starts for col in starts]


def occlusion_map(
    model: keras.Model, pixels: np.ndarray, label: int, patch: int = PATCH, stride: int = STRIDE
) -> np.ndarray:
    """(28, 28): for each pixel, how much the probability of ``label`` falls, on average, when a
    grey patch covers it; every occluded copy goes through the model in one batch."""
    image = np.asarray(pixels, dtype=np.uint8).reshape(IMAGE_SHAPE)
    positions = occlusion_positions(patch, stride)
    copies = np.repeat(image[None], len(positions), axis=0)  # (k, 28, 28)
    for copy, (row, col) in zip(copies, positions, strict=True):
        copy[row : row + patch, col : col + patch] = GREY
    batch = np.concatenate([image[None], copies])
    probabilities = np.asarray(model(batch, training=False))[:, label]
    drops = probabilities[0] - probabilities[1:]  # (k,)
    total, count = np.zeros(IMAGE_SHAPE), np.zeros(IMAGE_SHAPE)
    for drop, (row, col) in zip(drops, positions, strict=True):
        total[row : row + patch, col : col + patch] += drop
        count[row : row + patch, col : col + patch] += 1
    return np.maximum(total / count, 0.0)


def _log_probability(probabilities: tf.Tensor, label: int) -> tf.Tensor:
    # The log keeps the gradient alive where the softmax saturates (a confident answer).
    return tf.math.log(probabilities[:, label] + 1e-12)


def gradient_times_input(model: keras.Model, pixels: np.ndarray, label: int) -> np.ndarray:
    """(28, 28): the gradient of log p(``label``) with respect to the scaled pixels, times them
    (where a bright pixel pushed towards the class)."""
    scaled_input = model.get_layer("scale").output
    tail = keras.Model(scaled_input, model.output)  # the model after its fixed scaling
    scale = model.get_layer("scale")
    x = tf.convert_to_tensor(scale(np.asarray(pixels, dtype=np.uint8).reshape(1, *IMAGE_SHAPE)), tf.float32)
    with tf.GradientTape() as tape:
        tape.watch(x)
        score = _log_probability(tail(x, training=False), label)
    gradient = tape.gradient(score, x)
    return np.maximum(np.asarray(gradient * x)[0], 0.0)


def grad_cam(model: keras.Model, pixels: np.ndarray, label: int) -> np.ndarray:
    """(28, 28): Grad-CAM at the model's last convolution: its feature maps weighted by the mean
    gradient of log p(``label``) over each map, summed, rectified and resized to the image."""
    stages = conv_stages(model)
    if not stages:
        raise ValueError(f"{model.name} has no convolution: Grad-CAM needs one")
    probe = keras.Model(model.input, [model.get_layer(stages[-1].activation).output, model.output])
    with tf.GradientTape() as tape:
        maps, probabilities = probe(
            np.asarray(pixels, dtype=np.uint8).reshape(1, *IMAGE_SHAPE), training=False
        )
        score = _log_probability(probabilities, label)
    gradients = tape.gradient(score, maps)  # (1, h, w, c)
    weights = tf.reduce_mean(gradients, axis=(1, 2))  # (1, c)
    cam = tf.nn.relu(tf.reduce_sum(maps * weights[:, None, None, :], axis=-1))[0]  # (h, w)
    return np.asarray(tf.image.resize(cam[..., None], IMAGE_SHAPE, method="bilinear"))[..., 0]


METHODS = {  # name (English, a key; shown as _(name)) -> (function, whether it needs a convolution)
    N_("occlusion"): (occlusion_map, False),
    "Grad-CAM": (grad_cam, True),
    N_("gradient x input"): (gradient_times_input, False),
}


def explain(
    model: keras.Model, pixels: np.ndarray, label: int, method: str = "occlusion"
) -> np.ndarray | None:
    """The ``method`` heatmap (28, 28) for ``label``, or None where the method does not apply
    (Grad-CAM of a model without convolutions)."""
    function, needs_convolution = METHODS[method]
    if needs_convolution and not conv_stages(model):
        return None
    return function(model, pixels, label)


def heat_overlay(pixels: np.ndarray, heat: np.ndarray, side: int = 168) -> np.ndarray:
    """The image in grey with the heatmap over it in red (scaled to its own maximum), enlarged to
    ``side`` x ``side`` pixels with sharp edges: (side, side, 3) uint8."""
    grey = np.asarray(pixels, dtype=np.float32).reshape(IMAGE_SHAPE) / 255 * 0.6
    strength = heat / heat.max() if heat.max() > 0 else np.zeros_like(heat)
    rgb = np.stack([grey + (1 - grey) * strength, grey * (1 - strength), grey * (1 - strength)], axis=-1)
    repeat = max(1, side // IMAGE_SHAPE[0])
    return np.round(255 * rgb).astype(np.uint8).repeat(repeat, axis=0).repeat(repeat, axis=1)


def map_movement(centred: np.ndarray, moved: np.ndarray, dx: int, dy: int) -> tuple[float, float]:
    """Whether a heatmap moved with the garment: the moved image's map correlated (Pearson) with
    the centred image's map moved by (dx, dy), and with it left in place. The first larger: the
    map follows the garment; the second: it stays with the frame."""
    followed = shift_images(np.asarray(centred)[None], dx, dy)[0]
    return _correlation(moved, followed), _correlation(moved, centred)


def _correlation(a: np.ndarray, b: np.ndarray) -> float:
    a, b = np.ravel(a) - np.mean(a), np.ravel(b) - np.mean(b)
    scale = np.sqrt((a @ a) * (b @ b))
    return float(a @ b / scale) if scale > 0 else 0.0
