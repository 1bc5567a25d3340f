"""The bundled models (made by `make models`, committed): present, honest and the classics exact."""

from dataclasses import asdict

import numpy as np
import pytest
from conftest import ROOT

from components.model_picker import PHOTO_MODELS
from fashion_lab.analysis.evaluation import evaluate_model
from fashion_lab.cli.main import build_parser
from fashion_lab.cli.train import training_config
from fashion_lab.models.stored import open_store
from fashion_lab.training.config import TrainingConfig
from model_store import BUNDLED_ROOT
from tools.bundle_models import RECIPES, plan_steps

REAL_PHOTOS_FLOOR = 0.75  # balanced, on the repository's photos (83.8% measured once: docs/photos.md)


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


# The drawing pair sits beside the classics (which keep 88% and 91%): with 40,000 sketches to learn
# too, the dense network's 30,000 weights came to 87.93% (docs/drawings.md)
@pytest.mark.parametrize("name, floor", [("bundled-dense-drawings", 0.875), ("bundled-cnn-drawings", 0.91)])
def test_the_drawing_pair_stays_near_the_classic_accuracy(bundled, name, floor):
    assert bundled.get(name).test_accuracy >= floor
    assert bundled.get(name).meta["config"]["drawings"] == 1
    assert bundled.get(name).meta["config"]["sketches"] == 40_000  # by both hands (docs/drawings.md)


def test_the_drawing_pair_reads_drawings_the_classics_do_not(bundled):
    """Ten drawings of each class from the drawing set's tune part, through the app's drawing
    path: the classic CNN gets about 4 in 10, the CNN that learned drawings too 7 or more."""
    from fashion_lab.analysis.evaluation import predict_views
    from fashion_lab.images.drawings import preprocess_drawing
    from tools.drawing_set import TUNE_SEED, drawing_set

    drawings, labels = drawing_set(TUNE_SEED, 10)
    views = [preprocess_drawing(drawing).inputs for drawing in drawings]
    right = {
        name: float((predict_views(bundled.load(name), views).argmax(axis=1) == labels).mean())
        for name in ("bundled-cnn", "bundled-dense-drawings", "bundled-cnn-drawings")
    }
    assert right["bundled-cnn"] < 0.55 and right["bundled-cnn-drawings"] >= 0.7, right
    assert right["bundled-dense-drawings"] >= 0.55, right


def test_the_drawing_pair_reads_a_hand_it_never_learned(bundled):
    """The third hand's tune part (data/drawing-sets/third-hand: a generator neither pair saw),
    each drawing read as a canvas and answered through the app's drawing path: the CNN that
    learned sketches by two hands is right on 8 in 10 or more (86.7% for the installed pair), well
    ahead of the classic CNN (40%), and ahead of the dense network with the same recipe."""
    from fashion_lab.analysis.evaluation import predict_views
    from fashion_lab.cli.drawing_scores import read_drawing, read_labelled_set

    rows = read_labelled_set(ROOT / "data" / "drawing-sets" / "third-hand" / "tune")
    views = [read_drawing(path)[0] for path, _ in rows]
    labels = np.array([label for _, label in rows])
    right = {
        name: float((predict_views(bundled.load(name), views).argmax(axis=1) == labels).mean())
        for name in ("bundled-cnn", "bundled-dense-drawings", "bundled-cnn-drawings")
    }
    assert len(rows) == 300 and right["bundled-cnn-drawings"] >= 0.8, right
    assert right["bundled-cnn-drawings"] - right["bundled-cnn"] >= 0.3, right
    assert right["bundled-cnn-drawings"] > right["bundled-dense-drawings"], right


def test_the_real_photo_model_is_the_deep_cnn_that_also_learned_real_photos(bundled):
    """Issue 41: the same network as the Fashion-MNIST-only one, still >= 90% on its test set."""
    entry = bundled.get("bundled-cnn-deep-real-photos")
    assert entry.architecture == bundled.get("bundled-cnn-deep").architecture
    assert entry.meta["config"]["real_photos"] > 0
    assert entry.test_accuracy >= 0.90


@pytest.mark.slow
def test_real_photos_in_training_lift_the_score_on_photos_neither_trained_on(bundled):
    """The repository's photos, scored afresh through the whole upload path: the CNN that also
    learned real photos is well ahead of the same CNN trained on Fashion-MNIST only."""
    from fashion_lab.analysis.photo_scores import PHOTOS_FOLDER, balanced, score_photos

    plain, real = (balanced(score_photos(PHOTOS_FOLDER, bundled.load(n))) for n in PHOTO_MODELS)
    assert real >= REAL_PHOTOS_FLOOR and real - plain >= 0.10, (plain, real)
