"""The command line, run as a user runs it: a real subprocess, JSON out, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from helpers.bad_files import hostile_files
from helpers.cli import run_cli
from PIL import Image

from fashion_lab.analysis.evaluation import predict_images
from fashion_lab.data.fashion_mnist import CLASS_NAMES
from fashion_lab.models.stored import open_store

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def trained(tmp_path_factory, dataset):
    """One CLI training run shared by the tests of this module: (models folder, its JSON)."""
    models = tmp_path_factory.mktemp("cli") / "models"
    done = run_cli(
        "train",
        "--arch",
        "dense",
        "--epochs",
        "1",
        "--limit",
        "3000",
        "--name",
        "cli-dense",
        "--json",
        models=models,
    )
    assert done.returncode == 0, done.stderr
    return models, json.loads(done.stdout)


def test_train_json_and_progress(trained):
    models, document = trained
    assert document["name"] == "cli-dense" and document["state"] == "finished"
    assert document["test_accuracy"] > 0.6 and document["seconds"] > 0
    assert len(document["history"]["val_accuracy"]) == 1
    assert open_store(models).get("cli-dense").test_accuracy == document["test_accuracy"]


def test_train_shows_a_progress_bar_and_summary(tmp_path):
    done = run_cli("train", "--arch", "dense", "--epochs", "1", "--limit", "1000", models=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "[" in done.stderr and "epoch 1/1" in done.stderr and "val_accuracy" in done.stderr
    assert "test accuracy" in done.stdout and "saved as 'dense-1ep-" in done.stdout
    assert "TensorFlow binary" not in done.stderr and "absl" not in done.stderr  # its C++ notes


@pytest.mark.slow  # a second CLI training run: about 15 s
def test_train_from_a_stored_model_goes_on_from_its_weights(trained):
    """Fine-tuning: the architecture is the stored model's, and at a learning rate too small to
    move anything, the new model scores what the one it started from scores."""
    models, document = trained
    done = run_cli(
        "train", "--init-from", "cli-dense", "--epochs", "1", "--limit", "500", "--learning-rate", "1e-9",
        "--name", "cli-dense-tuned", "--json", models=models,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    tuned = json.loads(done.stdout)
    assert tuned["architecture"] == "dense"
    assert tuned["test_accuracy"] == pytest.approx(document["test_accuracy"], abs=0.002)
    assert open_store(models).get("cli-dense-tuned").init_from == "cli-dense"


def test_list_json(trained):
    models, _ = trained
    (models / "broken-one").mkdir()
    done = run_cli("list", "--json", models=models)
    assert done.returncode == 0, done.stderr
    listed = {e["name"]: e for e in json.loads(done.stdout)}
    assert listed["cli-dense"]["architecture"] == "dense" and not listed["cli-dense"]["broken"]
    assert listed["broken-one"]["broken"] and "missing" in listed["broken-one"]["reason"]


def test_evaluate_json_matches_the_stored_accuracy(trained):
    models, document = trained
    done = run_cli("evaluate", "cli-dense", "--json", models=models)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # TensorFlow's C++ start-up notes are hidden
    evaluation = json.loads(done.stdout)
    assert evaluation["test_accuracy"] == pytest.approx(document["test_accuracy"], abs=1e-4)
    assert evaluation["stored_test_accuracy"] == document["test_accuracy"]


def test_predict_json_on_test_images(trained, dataset, tmp_path):
    models, _ = trained
    paths = []
    for index in (0, 1, 2):
        path = tmp_path / f"test-{index}.png"
        Image.fromarray(dataset.test_images[index]).save(path)
        paths.append(str(path))
    done = run_cli("predict", "cli-dense", *paths, "--json", models=models)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    predictions = json.loads(done.stdout)["predictions"]
    expected = predict_images(open_store(models).load("cli-dense"), dataset.test_images[:3])
    for prediction, probabilities in zip(predictions, expected, strict=True):
        assert prediction["label"] == int(probabilities.argmax())
        assert prediction["class_name"] == CLASS_NAMES[prediction["label"]]
        np.testing.assert_allclose(prediction["probabilities"], probabilities, atol=1e-5)
        assert sum(prediction["probabilities"]) == pytest.approx(1.0, abs=1e-4)


CLI_ERRORS = [
    (("evaluate", "nope"), "no model named 'nope'"),
    (("predict", "cli-dense", "missing.png"), "cannot read missing.png"),
    (("predict", "cli-dense", "requirements.txt"), "not an image"),
    (("train", "--arch", "resnet"), "unknown architecture"),
    (("train", "--epochs", "0"), "epochs must be"),
    (("train", "--simulated-photos", "2"), "simulated photos must be a share in 0-1"),
    (("train", "--sketches", "-5"), "sketches must be 0-500,000, got -5"),
    (("train", "--footwear-from-above", "0.4"), "footwear from above is a kind of simulated photo"),
    (("evaluate", "../etc"), "invalid model name"),
    (("photos", "data/clothing-photos", "--model", "nope"), "no model named 'nope'"),
    (("train", "--init-from", "nope"), "no model named 'nope'"),
    (("train", "--arch", "resnet", "--init-from", "cli-dense"), "unknown architecture"),
    (("train", "--ray", "locl"), "a Ray address is 'local', 'auto' or 'ray://host:port'"),
    (("photos", "nowhere", "--model", "cli-dense"), "nowhere holds no labels.csv"),
    (("photos", "data/clothing-photos", "--model", "cli-dense", "--split", "train"), "has no train/"),
    (("photos", "data", "--model", "cli-dense", "--labels", "no.csv"), "no.csv is not a file"),
    (("train", "--init-from", "cli-dense", "--arch", "cnn"), "'cli-dense' is a dense: it cannot start a cnn"),
]


@pytest.mark.parametrize("args, message", CLI_ERRORS)
def test_errors_are_one_clear_line(trained, args, message):
    models, _ = trained
    done = run_cli(*args, models=models)
    _assert_one_line(done, message)


def test_errors_are_said_before_tensorflow_loads(trained):
    """TensorFlow takes seconds to load: a mistyped setting or name is said at once."""
    models, _ = trained
    script = (
        "import json, sys\nfrom fashion_lab.cli.main import main\n"
        f"codes = [main(list(args)) for args, _ in {CLI_ERRORS!r}]\n"
        "print(json.dumps({'codes': codes, 'tensorflow': 'tensorflow' in sys.modules}))"
    )
    env = {**os.environ, "FASHION_LAB_MODELS": str(models)}
    command = [sys.executable, "-c", script]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and done.stdout, done.stderr
    outcome = json.loads(done.stdout)
    assert outcome == {"codes": [1] * len(CLI_ERRORS), "tensorflow": False}, done.stderr


def test_a_file_no_decoder_may_read_is_named_in_one_line(trained, tmp_path):
    """A SPIDER stack named .png raised EOFError through Pillow: a traceback, no file name."""
    models, _ = trained
    name, data, _ = next(f for f in hostile_files() if f[0] == "stack.png")
    (tmp_path / name).write_bytes(data)
    done = run_cli("predict", "cli-dense", str(tmp_path / name), models=models)
    _assert_one_line(done, f"{tmp_path / name}: the file is not an image format we can read")


def _assert_one_line(done: subprocess.CompletedProcess, message: str) -> None:
    assert done.returncode != 0
    assert message in done.stderr
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr


def test_predict_drawing_answers_as_the_app_does(trained, tmp_path):
    """A canvas saved as a PNG (RGBA, light strokes on black) and as grey: the same answer as the
    app's drawing path gives on the canvas's pixels."""
    from fashion_lab.analysis.evaluation import predict_views
    from fashion_lab.images.drawings import preprocess_drawing
    from tools.drawing_set import TUNE_SEED, draw_garment

    models, _ = trained
    drawing = draw_garment(7, TUNE_SEED + 3)  # a sneaker
    rgba = np.dstack([drawing] * 3 + [np.full_like(drawing, 255)])
    Image.fromarray(rgba, "RGBA").save(tmp_path / "canvas.png")
    Image.fromarray(drawing).save(tmp_path / "grey.png")
    done = run_cli(
        "predict",
        "--drawing",
        "cli-dense",
        str(tmp_path / "canvas.png"),
        str(tmp_path / "grey.png"),
        "--json",
        models=models,
    )
    assert done.returncode == 0, done.stderr
    expected = predict_views(open_store(models).load("cli-dense"), [preprocess_drawing(rgba).inputs])[0]
    for prediction in json.loads(done.stdout)["predictions"]:
        np.testing.assert_allclose(prediction["probabilities"], expected, atol=1e-5)


def test_drawings_scores_a_labelled_set_as_the_app_answers_each_drawing(trained, tmp_path):
    """A folder of canvases and its labels.csv, scored in one go: each answer the app's drawing
    path gives, counted per class."""
    from fashion_lab.analysis.evaluation import predict_views
    from fashion_lab.images.drawings import facing_right, preprocess_drawing
    from fashion_lab.images.preprocessing import trim
    from tools.drawing_set import TUNE_SEED, draw_garment, write_set

    models, _ = trained
    write_set(tmp_path / "set", TUNE_SEED, 1)  # one drawing of each class
    done = run_cli(
        "drawings",
        str(tmp_path / "set"),
        "--model",
        "cli-dense",
        "--json",
        models=models,
    )
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    views = [
        preprocess_drawing(draw_garment(label, TUNE_SEED + label * 10_000)).inputs for label in range(10)
    ]
    answers = predict_views(open_store(models).load("cli-dense"), views).argmax(axis=1)
    score = document["models"]["cli-dense"]
    right = answers == np.arange(10)
    assert document["drawings"] == score["total"] == 10 and list(document["models"]) == ["cli-dense"]
    assert score["right"] == int(right.sum())
    assert [score["classes"][name]["right"] for name in CLASS_NAMES] == right.astype(int).tolist()
    turned = [facing_right(trim(draw_garment(label, TUNE_SEED + label * 10_000))) for label in (5, 7, 9)]
    assert score["shoes_facing_right"]["total"] == sum(turned)  # as the drawing path judges them
    assert score["shoes_facing_left"]["total"] == 3 - sum(turned)


@pytest.mark.parametrize(
    "rows, message",
    [
        (None, "holds no labels.csv"),
        ("file,label\na.png,12", "line 2: a file name and a class 0-9"),
        ("file,label\na.png,\u00b2", "line 2: a file name and a class 0-9"),  # a digit to str, not to us
        ("file,label\n../x.png,1", "line 2"),
        ("file,label\n", "lists no drawings"),  # a room's export of a round with none
        ("name,class\na.png,1", "its columns are not file,label"),
        ("file,label\n" + "x" * 200_000 + ",1", "labels.csv: a field is too long"),
        ("file,label\n" + "a.png,1\n" * 130_000, "labels.csv: it is larger than 1,000,000 bytes"),
        ("file,label\nmissing.png,1", "cannot read"),
        ("file,label\nblank.png,1", "blank.png: "),
        ("\ufefffile,label\nblank.png,1", "blank.png: "),  # a spreadsheet's byte-order mark is no column
    ],
)
def test_drawings_refuses_a_set_it_cannot_read_in_one_line(trained, tmp_path, rows, message):
    models, _ = trained
    Image.new("RGBA", (280, 280), (0, 0, 0, 255)).save(tmp_path / "blank.png")  # a canvas left empty
    if rows is not None:
        (tmp_path / "labels.csv").write_text(rows + "\n", encoding="utf-8")
    done = run_cli("drawings", str(tmp_path), "--model", "cli-dense", models=models)
    _assert_one_line(done, message)


@pytest.mark.parametrize("command", ["room", "quiz"])
@pytest.mark.parametrize("given", ["-5", "0", "99999999999999999999", "two"])
def test_a_round_that_cannot_be_is_one_line(command, given, tmp_path):
    """Attacked: --round 99999999999999999999 was an OverflowError traceback, --round -5 wrote an
    empty round--5.json."""
    out, data = str(tmp_path / "out"), str(tmp_path / "data")
    done = run_cli(command, "--round", given, "--out", out, models=tmp_path, FASHION_LAB_DATA=data)
    assert done.returncode == 2 and "a round is a whole number from 1" in done.stderr
    assert "Traceback" not in done.stderr and not (tmp_path / "out").exists()


def test_a_round_not_yet_played_is_no_such_round(tmp_path):
    out, data = str(tmp_path / "out"), str(tmp_path / "data")
    done = run_cli("room", "--round", "7", "--out", out, models=tmp_path, FASHION_LAB_DATA=data)
    assert done.returncode == 1 and "there is no round 7 (the rounds are 1 to 1)" in done.stderr
