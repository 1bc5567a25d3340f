"""The bundled models (made by `make models`, committed): present, honest and the classics exact."""

from dataclasses import asdict

import pytest

from fashion_lab.analysis.evaluation import evaluate_model
from fashion_lab.cli.main import build_parser
from fashion_lab.cli.train import training_config
from fashion_lab.models.stored import open_store
from fashion_lab.training.config import TrainingConfig
from model_store import BUNDLED_ROOT
from tools.bundle_models import RECIPES, plan_steps


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    return open_store(tmp_path_factory.mktemp("empty"), bundled=BUNDLED_ROOT)


# The deep CNNs take 10-25 s each on the 10,000 test images.
@pytest.mark.parametrize(
    "name", [pytest.param(name, marks=pytest.mark.slow) if "deep" in name else name for name in RECIPES]
)
def test_bundled_model_scores_what_its_metadata_says(bundled, dataset, name):
    entry = bundled.get(name)
    assert entry.bundled
    accuracy = evaluate_model(bundled.load(name), dataset).accuracy
    assert accuracy == pytest.approx(entry.test_accuracy, abs=0.002)
    assert entry.meta["dataset_checksum"] == dataset.checksum


@pytest.mark.parametrize("name", list(RECIPES))
def test_bundled_model_was_trained_as_its_recipe_says(bundled, name):
    """Its stored settings are those of its recipe's last step, as the CLI reads them (a model
    made again by `make models` has these settings; its weights are a new draw)."""
    steps = [build_parser().parse_args(["train", *arguments]) for _, arguments in plan_steps(name)]
    recipe = training_config(steps[-1], start_architecture=steps[0].arch)
    stored = bundled.get(name).meta["config"]
    assert {**asdict(TrainingConfig()), **stored} == recipe.to_dict()  # older models: fewer settings


@pytest.mark.parametrize("name, params", [("bundled-dense", 29_898), ("bundled-cnn", 804_554)])
def test_bundled_classics_have_the_classic_parameter_counts(bundled, name, params):
    entry = bundled.get(name)
    assert entry.meta["params"] == params
    assert bundled.load(name).count_params() == params


def test_bundled_classics_were_trained_the_classic_length(bundled):
    assert bundled.get("bundled-dense").meta["epochs_completed"] == 10
    assert bundled.get("bundled-cnn").meta["epochs_completed"] == 5


def test_at_equal_budgets_each_cnn_beats_the_dense_network_of_its_size(bundled):
    assert bundled.get("bundled-cnn-small").test_accuracy > bundled.get("bundled-dense").test_accuracy
    assert bundled.get("bundled-cnn").test_accuracy > bundled.get("bundled-dense-wide").test_accuracy


def test_stronger_cnn_reaches_its_target(bundled):
    assert bundled.get("bundled-cnn-deep").test_accuracy >= 0.925


def test_filling_outlines_turns_hollow_drawings_into_garments_the_classics_recognise(bundled, monkeypatch):
    """Six garments outlined as a finger draws them: hollow, each classic gets 2 right (a trouser
    outline was a Sandal, a dress a Bag); filled, as Fashion-MNIST garments are, 4 or more."""
    import fashion_lab.images.preprocessing as preprocessing
    from fashion_lab.analysis.evaluation import predict_images
    from fashion_lab.data.fashion_mnist import CLASS_NAMES
    from tools.outlines import OUTLINES, rasterised

    drawings = [rasterised(corners) for corners in OUTLINES.values()]
    truth = [CLASS_NAMES.index(name) for name in OUTLINES]
    filled = [preprocessing.preprocess_drawing(d).pixels for d in drawings]
    monkeypatch.setattr(preprocessing, "fill_outlines", lambda gray: None)  # the pipeline before
    hollow = [preprocessing.preprocess_drawing(d).pixels for d in drawings]
    for name in ("bundled-dense", "bundled-cnn"):
        model = bundled.load(name)
        right = {
            kind: int((predict_images(model, pixels).argmax(axis=1) == truth).sum())
            for kind, pixels in (("hollow", hollow), ("filled", filled))
        }
        assert right["hollow"] <= 2 < 4 <= right["filled"], (name, right)
