"""Look inside a model: feature maps and their pooled outputs, kernels, one step in numbers,
hidden activations of the dense network, and accuracy when images are shifted."""

from __future__ import annotations

from dataclasses import dataclass

import keras
import numpy as np

from fashion_lab.analysis.evaluation import predict_images
from fashion_lab.data.fashion_mnist import PIXEL_SCALE


@dataclass(frozen=True)
class ConvStage:
    """A convolution, the layer whose output is its feature map (after relu), the pooling after."""

    conv: str
    activation: str
    pool: str | None


def conv_stages(model: keras.Model) -> list[ConvStage]:
    """Every Conv2D of the model, in order, with where its relu output and pooling are."""
    layers = model.layers
    stages = []
    for index, layer in enumerate(layers):
        if not isinstance(layer, keras.layers.Conv2D):
            continue
        activation, pool = layer.name, None
        for later in layers[index + 1 :]:
            if isinstance(later, keras.layers.Conv2D):
                break
            if isinstance(later, keras.layers.ReLU):
                activation = later.name
            if isinstance(later, keras.layers.MaxPooling2D):
                pool = later.name
                break
        stages.append(ConvStage(layer.name, activation, pool))
    return stages


@dataclass
class FeatureMaps:
    """One stage's response to one image."""

    stage: ConvStage
    maps: np.ndarray  # (h, w, channels) after relu
    pooled: np.ndarray | None  # (h/2, w/2, channels), or None when no pooling follows


def feature_maps(model: keras.Model, pixels: np.ndarray, stage: ConvStage) -> FeatureMaps:
    """The feature maps (and pooled maps) of ``stage`` for one 28x28 uint8 image."""
    names = [stage.activation] + ([stage.pool] if stage.pool else [])
    probe = keras.Model(model.input, [model.get_layer(n).output for n in names])
    outputs = probe(np.asarray(pixels, dtype=np.uint8)[None], training=False)
    outputs = [np.asarray(o)[0] for o in (outputs if isinstance(outputs, list | tuple) else [outputs])]
    return FeatureMaps(stage, outputs[0], outputs[1] if stage.pool else None)


def kernels(model: keras.Model, conv: str) -> tuple[np.ndarray, np.ndarray | None]:
    """The (3, 3, in, out) kernels of a convolution and its (out,) biases (None without bias)."""
    layer = model.get_layer(conv)
    weights = layer.get_weights()
    return weights[0], (weights[1] if len(weights) > 1 else None)


@dataclass(frozen=True)
class ConvStep:
    """One output value of the first convolution, computed by hand: patch x kernel + bias -> relu."""

    patch: np.ndarray  # (3, 3) scaled input around the position, zero outside the image
    kernel: np.ndarray  # (3, 3)
    bias: float
    total: float  # sum(patch * kernel) + bias
    value: float  # relu(total)


def explain_conv_step(
    model: keras.Model, pixels: np.ndarray, conv: str, channel: int, row: int, col: int
) -> ConvStep:
    """The numbers behind feature map ``channel`` at (row, col) of a first-layer convolution."""
    kernel, bias = kernels(model, conv)
    if kernel.shape[2] != 1:
        raise ValueError("step-by-step numbers are shown for the first convolution only")
    if model.get_layer(conv).activation is not keras.activations.relu:
        raise ValueError("step-by-step numbers need relu inside the convolution (no batch norm between)")
    padded = np.pad(np.asarray(pixels, dtype=np.float64) * PIXEL_SCALE, 1)
    patch = padded[row : row + 3, col : col + 3]
    k = kernel[:, :, 0, channel].astype(np.float64)
    b = float(bias[channel]) if bias is not None else 0.0
    total = float((patch * k).sum() + b)
    return ConvStep(patch, k, b, total, max(total, 0.0))


def pooling_window(maps: np.ndarray, channel: int, row: int, col: int) -> np.ndarray:
    """The 2x2 window of feature map ``channel`` whose max is pooled value (row, col)."""
    return maps[2 * row : 2 * row + 2, 2 * col : 2 * col + 2, channel]


def dense_activations(model: keras.Model, pixels: np.ndarray) -> dict[str, np.ndarray]:
    """The dense model's hidden layers for one image: {layer name: activations}."""
    names = [layer.name for layer in model.layers if isinstance(layer, keras.layers.Dense)][:-1]
    probe = keras.Model(model.input, [model.get_layer(n).output for n in names])
    outputs = probe(np.asarray(pixels, dtype=np.uint8)[None], training=False)
    outputs = outputs if isinstance(outputs, list | tuple) else [outputs]
    return {name: np.asarray(out)[0] for name, out in zip(names, outputs, strict=True)}


def shift_images(images: np.ndarray, dx: int, dy: int) -> np.ndarray:
    """Move images (n, h, w) right by dx and down by dy pixels, filling with zeros."""
    images = np.asarray(images)
    shifted = np.zeros_like(images)
    h, w = images.shape[-2:]
    if abs(dx) >= w or abs(dy) >= h:
        return shifted
    src_rows = slice(max(0, -dy), h - max(0, dy))
    dst_rows = slice(max(0, dy), h - max(0, -dy))
    src_cols = slice(max(0, -dx), w - max(0, dx))
    dst_cols = slice(max(0, dx), w - max(0, -dx))
    shifted[..., dst_rows, dst_cols] = images[..., src_rows, src_cols]
    return shifted


def shift_accuracy(
    model: keras.Model, images: np.ndarray, labels: np.ndarray, shifts: range = range(-6, 7)
) -> dict[str, list[float]]:
    """Test accuracy when every image is shifted horizontally, and when shifted vertically."""
    result = {"shift": list(shifts), "horizontal": [], "vertical": []}
    for s in shifts:
        for direction, (dx, dy) in (("horizontal", (s, 0)), ("vertical", (0, s))):
            predicted = predict_images(model, shift_images(images, dx, dy)).argmax(axis=1)
            result[direction].append(float((predicted == labels).mean()))
    return result
