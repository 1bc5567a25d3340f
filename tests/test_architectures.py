"""The two classic architectures, exactly: parameter counts, named layers, built-in scaling."""

import numpy as np
import pytest

from fashion_lab.models import builders
from fashion_lab.models.builders import summarize_layers
from fashion_lab.models.registry import ARCHITECTURES, build_model, get_architecture, weight_shapes


@pytest.mark.parametrize("name, params", [("dense", 29_898), ("cnn", 804_554)])
def test_classic_parameter_counts(name, params):
    assert build_model(name).count_params() == params


def test_dense_acts_on_each_row_then_flattens():
    model = build_model("dense")
    assert model.get_layer("dense1").output.shape == (None, 28, 128)
    assert model.get_layer("dense2").output.shape == (None, 28, 64)
    assert model.get_layer("flatten").output.shape == (None, 1792)
    assert model.output.shape == (None, 10)


def test_cnn_layers_are_named_for_inspection():
    model = build_model("cnn")
    conv = model.get_layer("conv1")
    assert conv.output.shape == (None, 28, 28, 32)
    assert conv.kernel.shape == (3, 3, 1, 32)
    assert model.get_layer("pool1").output.shape == (None, 14, 14, 32)
    assert model.get_layer("dense1").output.shape == (None, 128)


def test_models_take_raw_pixels_and_scale_them_by_255():
    model = build_model("cnn")
    assert model.input.dtype == "uint8"
    scale = model.get_layer("scale")
    image = np.full((1, 28, 28), 255, dtype=np.uint8)
    np.testing.assert_allclose(np.asarray(scale(image)), 1.0)


def test_every_architecture_has_a_description_and_outputs_probabilities():
    images = np.random.default_rng(0).integers(0, 256, (2, 28, 28), dtype=np.uint8)
    for name, architecture in ARCHITECTURES.items():
        assert architecture.description
        probabilities = np.asarray(build_model(name)(images))
        np.testing.assert_allclose(probabilities.sum(axis=1), 1.0, rtol=1e-5)


def test_deeper_cnn_has_two_blocks_of_convolution_and_pooling():
    model = build_model("cnn_deep")
    assert [model.get_layer(f"conv{i}").output.shape[-1] for i in (1, 2, 3, 4)] == [32, 32, 64, 64]
    assert model.get_layer("pool1").output.shape == (None, 14, 14, 32)
    assert model.get_layer("pool2").output.shape == (None, 7, 7, 64)


def test_unknown_architecture_names_the_choices():
    with pytest.raises(ValueError, match="dense, cnn"):
        get_architecture("resnet")


def test_config_checks_names_against_the_registry():
    from fashion_lab.training.config import TrainingConfig

    TrainingConfig(architecture="cnn_deep").validate()
    with pytest.raises(ValueError, match="choose one of: dense, cnn, cnn_deep"):
        TrainingConfig(architecture="resnet").validate()


@pytest.mark.parametrize("name", list(ARCHITECTURES))
def test_the_written_layer_tables_are_what_keras_builds(name):
    built = summarize_layers(build_model(name))
    written = list(ARCHITECTURES[name].layers)
    assert written == built, f"architectures.py lists other layers for {name}; Keras builds:\n{built}"


@pytest.mark.parametrize("name", list(ARCHITECTURES))
def test_weight_shapes_read_off_the_table_are_those_keras_builds(name):
    """The store checks stored weights against these before loading, without Keras."""
    assert weight_shapes(name) == [tuple(w.shape) for w in build_model(name).weights]


def test_every_registered_name_has_a_builder_and_every_builder_a_name():
    built = {name.removeprefix("build_") for name in dir(builders) if name.startswith("build_")}
    assert built == set(ARCHITECTURES)
