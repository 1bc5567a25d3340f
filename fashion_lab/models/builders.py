"""Keras builders of the registered architectures: ``build_<name>`` for each name that
fashion_lab.models.registry lists (its build_model finds them by that name).

Every model takes raw uint8 pixels (n, 28, 28) and scales them itself. The one scaling, shared
by training and prediction: ``pixels / 255`` by the model's first layer (``scale``), so callers
always pass 0-255 images and never scale by hand.
"""

from __future__ import annotations

import keras
from keras import layers

from fashion_lab.data.fashion_mnist import IMAGE_SHAPE, NUM_CLASSES, PIXEL_SCALE

OUTPUT_DTYPE = "float32"  # softmax and the loss in float32 even when a model trains in mixed bf16


def _scaled_input() -> tuple[keras.KerasTensor, keras.KerasTensor]:
    inputs = keras.Input(shape=IMAGE_SHAPE, dtype="uint8", name="pixels")
    return inputs, layers.Rescaling(PIXEL_SCALE, name="scale")(inputs)


def build_dense() -> keras.Model:
    """The classic dense network: Dense layers act on each of the 28 rows, then Flatten."""
    inputs, x = _scaled_input()
    x = layers.Dense(128, activation="relu", name="dense1")(x)  # (n, 28, 128)
    x = layers.Dense(64, activation="relu", name="dense2")(x)  # (n, 28, 64)
    x = layers.Flatten(name="flatten")(x)  # (n, 1792)
    outputs = layers.Dense(NUM_CLASSES, activation="softmax", name="output", dtype=OUTPUT_DTYPE)(x)
    return keras.Model(inputs, outputs, name="dense")


def build_cnn() -> keras.Model:
    """The classic CNN: one 3x3 convolution with 32 filters, 2x2 max pooling, a dense head."""
    inputs, x = _scaled_input()
    x = layers.Reshape((*IMAGE_SHAPE, 1), name="channel")(x)  # (n, 28, 28, 1)
    x = layers.Conv2D(32, 3, padding="same", activation="relu", name="conv1")(x)  # (n, 28, 28, 32)
    x = layers.MaxPooling2D(2, name="pool1")(x)  # (n, 14, 14, 32)
    x = layers.Flatten(name="flatten")(x)  # (n, 6272)
    x = layers.Dense(128, activation="relu", name="dense1")(x)
    outputs = layers.Dense(NUM_CLASSES, activation="softmax", name="output", dtype=OUTPUT_DTYPE)(x)
    return keras.Model(inputs, outputs, name="cnn")


def _conv_block(x, filters: int, block: int) -> keras.KerasTensor:
    """Two 3x3 convolutions (batch-normalised) and a 2x2 max pooling."""
    for i in (1, 2):
        index = 2 * (block - 1) + i
        x = layers.Conv2D(filters, 3, padding="same", use_bias=False, name=f"conv{index}")(x)
        x = layers.BatchNormalization(name=f"norm{index}")(x)
        x = layers.ReLU(name=f"relu{index}")(x)
    x = layers.MaxPooling2D(2, name=f"pool{block}")(x)
    return layers.Dropout(0.25, name=f"drop{block}")(x)


def build_cnn_deep() -> keras.Model:
    """A stronger CNN: two blocks of two convolutions and pooling, dropout, a dense head."""
    inputs, x = _scaled_input()
    x = layers.Reshape((*IMAGE_SHAPE, 1), name="channel")(x)
    x = _conv_block(x, 32, block=1)  # (n, 14, 14, 32)
    x = _conv_block(x, 64, block=2)  # (n, 7, 7, 64)
    x = layers.Flatten(name="flatten")(x)
    x = layers.Dense(256, activation="relu", name="dense1")(x)
    x = layers.Dropout(0.5, name="drop3")(x)
    outputs = layers.Dense(NUM_CLASSES, activation="softmax", name="output", dtype=OUTPUT_DTYPE)(x)
    return keras.Model(inputs, outputs, name="cnn_deep")


def build_cnn_small() -> keras.Model:
    """A CNN at the classic dense network's size: two small convolutions, each pooled, a small head."""
    inputs, x = _scaled_input()
    x = layers.Reshape((*IMAGE_SHAPE, 1), name="channel")(x)
    for index, filters in ((1, 16), (2, 32)):  # (n, 14, 14, 16), then (n, 7, 7, 32)
        x = layers.Conv2D(filters, 3, padding="same", activation="relu", name=f"conv{index}")(x)
        x = layers.MaxPooling2D(2, name=f"pool{index}")(x)
    x = layers.Flatten(name="flatten")(x)  # (n, 1568)
    x = layers.Dense(16, activation="relu", name="dense1")(x)
    outputs = layers.Dense(NUM_CLASSES, activation="softmax", name="output", dtype=OUTPUT_DTYPE)(x)
    return keras.Model(inputs, outputs, name="cnn_small")


def build_dense_wide() -> keras.Model:
    """A dense network at the classic CNN's size: the whole image flattened, two wide layers."""
    inputs, x = _scaled_input()
    x = layers.Flatten(name="flatten")(x)  # (n, 784)
    x = layers.Dense(768, activation="relu", name="dense1")(x)
    x = layers.Dense(256, activation="relu", name="dense2")(x)
    outputs = layers.Dense(NUM_CLASSES, activation="softmax", name="output", dtype=OUTPUT_DTYPE)(x)
    return keras.Model(inputs, outputs, name="dense_wide")


def summarize_layers(model: keras.Model) -> list[tuple[str, str, str, int]]:
    """The model's layers as Keras's summary() lists them: name, type, output shape, parameters."""
    return [
        (
            layer.name,
            type(layer).__name__,
            str(tuple(layer.output.shape)).replace("None", "batch"),
            layer.count_params(),
        )
        for layer in model.layers
    ]
