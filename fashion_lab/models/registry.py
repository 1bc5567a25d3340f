"""The model registry: names, descriptions and layer tables, readable without importing Keras.

Importing Keras takes 2-4 s here, and the app's first page only lists the architectures and
their layers, so the Keras builders (fashion_lab/models/builders.py) load on the first
``build_model``. The layer tables are written out below; a test checks each against the model
that Keras builds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from fashion_lab.i18n import N_, _

if TYPE_CHECKING:
    import keras

LAYER_COLUMNS = (N_("layer"), N_("type"), N_("output shape"), N_("parameters"))  # keys; headers shown: _()


@dataclass(frozen=True)
class Architecture:
    """A registry entry: what to tell the user about it, and its layers as Keras lists them."""

    name: str
    description: str  # English (N_); shown as _(description)
    convolutional: bool
    # Seconds per training image per epoch, validation included, on 2 shared cores: the line's
    # wait estimate until a run of this architecture has finished on the server (docs/performance.md:
    # the CNN's epoch 3.7 s, the dense network's about 1.1 s). The equal-budget pair was never
    # measured for it and takes the slowest pace.
    seconds_per_image: float
    layers: tuple[tuple[str, str, str, int], ...]  # (name, type, output shape, parameters)


_INPUT = (("pixels", "InputLayer", "(batch, 28, 28)", 0), ("scale", "Rescaling", "(batch, 28, 28)", 0))
_CHANNEL = ("channel", "Reshape", "(batch, 28, 28, 1)", 0)

ARCHITECTURES: dict[str, Architecture] = {
    a.name: a
    for a in (
        Architecture(
            "dense",
            N_(
                "Classic dense network: Dense(128) and Dense(64) on each row, Flatten, softmax "
                "(29,898 parameters)."
            ),
            convolutional=False,
            seconds_per_image=2.0e-5,
            layers=(
                *_INPUT,
                ("dense1", "Dense", "(batch, 28, 128)", 3712),
                ("dense2", "Dense", "(batch, 28, 64)", 8256),
                ("flatten", "Flatten", "(batch, 1792)", 0),
                ("output", "Dense", "(batch, 10)", 17930),
            ),
        ),
        Architecture(
            "cnn",
            N_("Classic CNN: Conv2D(32, 3x3), MaxPooling(2x2), Dense(128), softmax (804,554 parameters)."),
            convolutional=True,
            seconds_per_image=6.5e-5,
            layers=(
                *_INPUT,
                _CHANNEL,
                ("conv1", "Conv2D", "(batch, 28, 28, 32)", 320),
                ("pool1", "MaxPooling2D", "(batch, 14, 14, 32)", 0),
                ("flatten", "Flatten", "(batch, 6272)", 0),
                ("dense1", "Dense", "(batch, 128)", 802944),
                ("output", "Dense", "(batch, 10)", 1290),
            ),
        ),
        Architecture(
            "cnn_deep",
            N_(
                "Deeper CNN: two blocks of two 3x3 convolutions with batch norm and 2x2 pooling, dropout, "
                "Dense(256): more pooling, more tolerance of where things sit."
            ),
            convolutional=True,
            seconds_per_image=1.6e-4,
            layers=(
                *_INPUT,
                _CHANNEL,
                ("conv1", "Conv2D", "(batch, 28, 28, 32)", 288),
                ("norm1", "BatchNormalization", "(batch, 28, 28, 32)", 128),
                ("relu1", "ReLU", "(batch, 28, 28, 32)", 0),
                ("conv2", "Conv2D", "(batch, 28, 28, 32)", 9216),
                ("norm2", "BatchNormalization", "(batch, 28, 28, 32)", 128),
                ("relu2", "ReLU", "(batch, 28, 28, 32)", 0),
                ("pool1", "MaxPooling2D", "(batch, 14, 14, 32)", 0),
                ("drop1", "Dropout", "(batch, 14, 14, 32)", 0),
                ("conv3", "Conv2D", "(batch, 14, 14, 64)", 18432),
                ("norm3", "BatchNormalization", "(batch, 14, 14, 64)", 256),
                ("relu3", "ReLU", "(batch, 14, 14, 64)", 0),
                ("conv4", "Conv2D", "(batch, 14, 14, 64)", 36864),
                ("norm4", "BatchNormalization", "(batch, 14, 14, 64)", 256),
                ("relu4", "ReLU", "(batch, 14, 14, 64)", 0),
                ("pool2", "MaxPooling2D", "(batch, 7, 7, 64)", 0),
                ("drop2", "Dropout", "(batch, 7, 7, 64)", 0),
                ("flatten", "Flatten", "(batch, 3136)", 0),
                ("dense1", "Dense", "(batch, 256)", 803072),
                ("drop3", "Dropout", "(batch, 256)", 0),
                ("output", "Dense", "(batch, 10)", 2570),
            ),
        ),
        Architecture(
            "cnn_small",
            N_(
                "Small CNN at the dense network's size: Conv2D(16) and Conv2D(32), each with 2x2 pooling, "
                "Dense(16), softmax (30,074 parameters)."
            ),
            convolutional=True,
            seconds_per_image=1.6e-4,
            layers=(
                *_INPUT,
                _CHANNEL,
                ("conv1", "Conv2D", "(batch, 28, 28, 16)", 160),
                ("pool1", "MaxPooling2D", "(batch, 14, 14, 16)", 0),
                ("conv2", "Conv2D", "(batch, 14, 14, 32)", 4640),
                ("pool2", "MaxPooling2D", "(batch, 7, 7, 32)", 0),
                ("flatten", "Flatten", "(batch, 1568)", 0),
                ("dense1", "Dense", "(batch, 16)", 25104),
                ("output", "Dense", "(batch, 10)", 170),
            ),
        ),
        Architecture(
            "dense_wide",
            N_(
                "Wide dense network at the classic CNN's size: Flatten, Dense(768), Dense(256), softmax "
                "(802,314 parameters)."
            ),
            convolutional=False,
            seconds_per_image=1.6e-4,
            layers=(
                *_INPUT,
                ("flatten", "Flatten", "(batch, 784)", 0),
                ("dense1", "Dense", "(batch, 768)", 602880),
                ("dense2", "Dense", "(batch, 256)", 196864),
                ("output", "Dense", "(batch, 10)", 2570),
            ),
        ),
    )
}


def get_architecture(name: str) -> Architecture:
    """The registry entry for ``name``; ValueError naming the choices if unknown."""
    try:
        return ARCHITECTURES[name]
    except KeyError:
        choices = ", ".join(ARCHITECTURES)
        raise ValueError(
            _("unknown architecture {name}; choose one of: {choices}").format(
                name=repr(name), choices=choices
            )
        ) from None


def is_convolutional(name: str) -> bool:
    """Whether the named architecture has convolutions (False for unknown names)."""
    return name in ARCHITECTURES and ARCHITECTURES[name].convolutional


def weight_shapes(name: str) -> list[tuple[int, ...]]:
    """The shapes of the model's weights in Keras's order, read off its layer table (no Keras):
    what a stored model's weights must hold before they are loaded."""
    shapes: list[tuple[int, ...]] = []
    inputs = 0  # the last dimension of the previous layer's output
    for _layer, kind, output, params in get_architecture(name).layers:
        units = int(output.strip("()").split(", ")[-1])
        if kind == "Dense":
            shapes += [(inputs, units), (units,)]
        elif kind == "Conv2D":  # square kernels, with or without a bias
            side, bias = next(
                (k, b) for k in range(1, 8) for b in (0, 1) if k * k * inputs * units + b * units == params
            )
            shapes += [(side, side, inputs, units)] + [(units,)] * bias
        elif kind == "BatchNormalization":  # gamma, beta, moving mean, moving variance
            shapes += [(units,)] * 4
        inputs = units
    return shapes


def build_model(name: str) -> keras.Model:
    """Build a fresh, uncompiled model of the named architecture (imports Keras the first time):
    ``fashion_lab.models.builders.build_<name>``, so adding a model touches this registry and its
    builder only."""
    get_architecture(name)
    from fashion_lab.models import builders

    return getattr(builders, f"build_{name}")()


def layer_table(name: str) -> list[dict[str, object]]:
    """The model's layers as Keras's summary() lists them: name, type, output shape, parameters."""
    return [dict(zip(LAYER_COLUMNS, row, strict=True)) for row in get_architecture(name).layers]
