"""Named model builders. Every model takes raw uint8 pixels (n, 28, 28) and scales them itself.

The one scaling, shared by training and prediction: ``pixels / 255`` by the model's first layer
(``scale``), so callers always pass 0-255 images and never scale by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import keras
from keras import layers

from fashion_lab.data import IMAGE_SHAPE, NUM_CLASSES

PIXEL_SCALE = 1.0 / 255.0
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


@dataclass(frozen=True)
class Architecture:
    """A registry entry: how to build it and what to tell the user about it."""

    name: str
    build: Callable[[], keras.Model]
    description: str
    convolutional: bool


ARCHITECTURES: dict[str, Architecture] = {
    a.name: a
    for a in (
        Architecture(
            "dense",
            build_dense,
            "Classic dense network: Dense(128) and Dense(64) on each row, Flatten, softmax "
            "(29,898 parameters).",
            convolutional=False,
        ),
        Architecture(
            "cnn",
            build_cnn,
            "Classic CNN: Conv2D(32, 3x3), MaxPooling(2x2), Dense(128), softmax (804,554 parameters).",
            convolutional=True,
        ),
        Architecture(
            "cnn_deep",
            build_cnn_deep,
            "Deeper CNN: two blocks of two 3x3 convolutions with batch norm and 2x2 pooling, dropout, "
            "Dense(256): more pooling, more tolerance of where things sit.",
            convolutional=True,
        ),
    )
}


def get_architecture(name: str) -> Architecture:
    """The registry entry for ``name``; ValueError naming the choices if unknown."""
    try:
        return ARCHITECTURES[name]
    except KeyError:
        choices = ", ".join(ARCHITECTURES)
        raise ValueError(f"unknown architecture {name!r}; choose one of: {choices}") from None


def is_convolutional(name: str) -> bool:
    """Whether the named architecture has convolutions (False for unknown names)."""
    return name in ARCHITECTURES and ARCHITECTURES[name].convolutional


def build_model(name: str) -> keras.Model:
    """Build a fresh, uncompiled model of the named architecture."""
    return get_architecture(name).build()


def layer_table(name: str) -> list[dict[str, object]]:
    """The model's layers as Keras's summary() lists them: name, type, output shape, parameters."""
    model = build_model(name)
    return [
        {
            "layer": layer.name,
            "type": type(layer).__name__,
            "output shape": str(tuple(layer.output.shape)).replace("None", "batch"),
            "parameters": layer.count_params(),
        }
        for layer in model.layers
    ]
