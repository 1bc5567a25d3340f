"""The upload path on real phone photos (data/clothing-photos), and the photos CLI."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pytest
from helpers.cli import run_cli
from PIL import Image

from fashion_lab.analysis.photo_scores import balanced, headline, score_photos, split_halves
from fashion_lab.models.stored import open_store
from model_store import BUNDLED_ROOT

PHOTOS = Path(__file__).resolve().parents[1] / "data" / "clothing-photos"


@pytest.fixture(scope="module")
def photos_model():
    if not (PHOTOS / "labels.csv").is_file():
        pytest.fail(
            f"the clothing photos are needed at {PHOTOS} (they are part of the repository)", pytrace=False
        )
    return open_store(Path("/nonexistent"), bundled=BUNDLED_ROOT).load("bundled-cnn-deep-photos")


def test_bundled_photo_model_on_the_check_half_of_the_real_photos(photos_model):
    """The score we stand by: the half of each folder never used to choose or tune anything."""
    ours = score_photos(PHOTOS, photos_model, half="check")
    plain = score_photos(PHOTOS, photos_model, pipeline="plain", half="check")
    # 63.9% and 63.3% when written (with two masks 59.7% and 58.2%; before shoes seen from above
    # 58.8% and 56.4%; before simulated photos 52.1% and 49.4%); the target: 60% balanced
    assert headline(ours) >= 0.62 and balanced(ours) >= 0.60  # 2 photos below, at most
    assert headline(plain) < 0.20  # the naive squash-and-invert pipeline, for scale (14.3%)
    folders = {s.folder: s for s in ours}
    assert folders["shoes"].correct >= 9  # 10 of 13 when written, 6 before shoes seen from above
    assert folders["shoes"].accepted == [5, 7, 9] and folders["hat"].accuracy is None
    assert sum(s.total for s in ours if s.headline) == 119
    assert balanced(ours) == pytest.approx(np.mean([s.accuracy for s in ours if s.headline]))


def test_the_photo_models_confidence_on_photos_is_near_what_it_earns(photos_model):
    """Trained on simulated photos, its calibration error on the check half is well under the
    model's before (0.213) and few wrong answers come with 90% confidence (21% before)."""
    from fashion_lab.analysis.photo_scores import confidence_report

    report = confidence_report(score_photos(PHOTOS, photos_model, half="check"))
    assert report["calibration_error"] < 0.15  # 0.124 when written (0.093 with two masks)
    assert report["wrong_at_90"] < 0.12  # 2% when written


def test_a_photos_answer_is_the_mean_of_its_views(photos_model, dataset):
    from fashion_lab.analysis.evaluation import predict_images, predict_views

    a, b, c = dataset.test_images[:3]
    alone = predict_images(photos_model, [a, b, c])
    averaged = predict_views(photos_model, [[a], [b, c]])
    np.testing.assert_allclose(averaged, [alone[0], (alone[1] + alone[2]) / 2], atol=1e-6)


def test_the_halves_are_fixed_by_the_names_and_split_every_folder_evenly():
    names = [f"IMG_{n:04d}.jpg" for n in range(25)]
    halves = split_halves(names)
    assert halves == split_halves(list(reversed(names)))  # the order read does not matter
    assert sorted(halves.values()).count("check") == 12
    ranked = sorted(names, key=lambda n: hashlib.sha256(n.encode()).hexdigest())
    assert [halves[n] for n in ranked[:4]] == ["tune", "check", "tune", "check"]
    for folder in (PHOTOS / "validation").iterdir():
        counted = list(split_halves([p.name for p in folder.iterdir()]).values())
        assert abs(counted.count("tune") - counted.count("check")) <= 1, folder.name


@pytest.mark.slow  # two CLI runs, each importing TensorFlow: about 25 s
def test_photos_command_scores_a_split_with_labels_from_elsewhere(tmp_path, small_jobs):
    """As on a clone of the clothing dataset: its train/ split, and this project's labels.csv."""
    from fashion_lab.training.saving import run_metadata

    root, labels = tmp_path / "clone", tmp_path / "labels.csv"
    (root / "train" / "pants").mkdir(parents=True)
    labels.write_text("folder,accepted_labels,headline\npants,1,yes\n")
    trousers = np.full((120, 90, 3), 230, dtype=np.uint8)
    trousers[10:110, 20:40] = trousers[10:110, 50:70] = 40
    Image.fromarray(trousers).save(root / "train" / "pants" / "a.jpg")
    open_store(tmp_path / "models").save("m", small_jobs["cnn"].model, run_metadata(small_jobs["cnn"]))
    arguments = ("photos", str(root), "--model", "m", "--split", "train", "--labels", str(labels))
    done = run_cli(*arguments, "--json", models=tmp_path / "models")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["folders"]["pants"]["total"] == 1 and document["split"] == "train"
    assert document["headline"] == document["folders"]["pants"]["accuracy"] == document["balanced"]
    assert document["half"] == "all" and 0 <= document["calibration_error"] <= 1
    assert document["balanced_interval"] == [document["balanced"]] * 2  # one photo: nothing to resample


def test_a_photo_folder_that_cannot_be_scored_says_why(tmp_path):
    from fashion_lab.analysis.photo_scores import photo_folder_problem

    (tmp_path / "train" / "pants").mkdir(parents=True)
    labels = tmp_path / "labels.csv"
    assert "holds no labels.csv" in photo_folder_problem(tmp_path)
    assert (
        photo_folder_problem(tmp_path, "train", tmp_path / "no.csv") == f"{tmp_path / 'no.csv'} is not a file"
    )
    labels.write_text("folder,accepted_labels,headline\npants,1,yes\nhat,,no\n")
    assert photo_folder_problem(tmp_path, "test").startswith(f"{tmp_path} has no test/ of garment folders")
    for outside in ("..", "/tmp", "train/../.."):
        assert "has no" in photo_folder_problem(tmp_path, outside), outside
    assert photo_folder_problem(tmp_path, "train").endswith("lacks folders named in labels.csv: hat")
    (tmp_path / "train" / "hat").mkdir()
    assert photo_folder_problem(tmp_path, "train") is None
    labels.write_bytes(b"\xef\xbb\xbf" + labels.read_bytes())  # a spreadsheet's byte order mark
    assert photo_folder_problem(tmp_path, "train") is None
    assert photo_folder_problem(tmp_path, "train", PHOTOS / "labels.csv").startswith(
        f"{tmp_path / 'train'} lacks"
    )


@pytest.mark.parametrize(
    "text, why",
    [
        ("name,classes\npants,1\n", "its columns are not folder,accepted_labels,headline"),
        ("", "its columns are not"),
        ("folder,accepted_labels,headline\n", "it names no folder"),
        ("folder,accepted_labels,headline\npants\n", ""),  # a short row: no classes, no headline
        ("folder,accepted_labels,headline\n,1,yes\n", "a row names no folder"),
        ("folder,accepted_labels,headline\npants,1 12,yes\n", "an accepted label is not a class number 0-9"),
        ("folder,accepted_labels,headline\npants,one,yes\n", "invalid literal"),
        ('folder,accepted_labels,headline\n"' + "x" * 200_000 + '",1,yes\n', "a field is too long"),
        ("folder,accepted_labels,headline\n" + "pants,1,yes\n" * 3, "pants is named twice"),
        ("folder,accepted_labels,headline\n" + "".join(f"f{n},1,no\n" for n in range(20_001)), "rows"),
    ],
)
def test_a_labels_file_that_is_not_one_says_why(tmp_path, text, why):
    from fashion_lab.analysis.photo_scores import photo_folder_problem, read_label_map

    (tmp_path / "validation" / "pants").mkdir(parents=True)
    (tmp_path / "labels.csv").write_text(text)
    problem = photo_folder_problem(tmp_path)
    if not why:  # a short row is a folder with no classes, as the hat folder is
        assert problem is None and read_label_map(tmp_path / "labels.csv")[0].accepted == []
        return
    assert problem.startswith(f"{tmp_path / 'labels.csv'} is not a labels file") and why in problem


def test_the_confidence_report_of_no_photo_has_every_number():
    from fashion_lab.analysis.photo_scores import FolderScore, confidence_report

    report = confidence_report([FolderScore("pants", [1], headline=True)])
    assert set(report) >= {"calibration_error", "calibrated_error", "wrong_given_at_90", "not_sure"}


def _folder(name: str, right: int, wrong: int):
    from fashion_lab.analysis.photo_scores import FolderScore

    return FolderScore(
        name, [1], True, correct=right, total=right + wrong, predicted=[1] * right + [0] * wrong
    )


def test_the_balanced_interval_matches_the_binomial_spread_of_one_folder():
    """One folder of 400 photos, 240 right: 60% +- 1.96 sqrt(0.6 * 0.4 / 400) = 55.2-64.8%."""
    from fashion_lab.analysis.photo_scores import balanced_interval

    low, high = balanced_interval([_folder("pants", 240, 160)])
    assert low == pytest.approx(0.552, abs=0.01) and high == pytest.approx(0.648, abs=0.01)
    assert balanced_interval([_folder("pants", 240, 160)]) == (low, high)  # the same every run


def test_the_balanced_interval_narrows_with_more_photos_and_skips_other_folders():
    from fashion_lab.analysis.photo_scores import FolderScore, balanced_interval

    few = [_folder("pants", 6, 4), _folder("shoes", 3, 7)]
    many = [_folder("pants", 60, 40), _folder("shoes", 30, 70)]
    (low, high), (tight_low, tight_high) = balanced_interval(few), balanced_interval(many)
    assert balanced(many) == pytest.approx(0.45)
    assert low < tight_low < 0.45 < tight_high < high
    not_headline = FolderScore("longsleeve", [2], False, correct=0, total=5, predicted=[0] * 5)
    no_class = FolderScore("hat", [], True, total=5, predicted=[0] * 5)
    assert balanced_interval([*few, not_headline]) == balanced_interval([*few, no_class]) == (low, high)
    assert balanced_interval([]) == (0.0, 0.0) and balanced_interval([_folder("pants", 0, 0)]) == (0.0, 0.0)


def test_a_labels_file_over_its_bound_is_refused_unread(tmp_path):
    from fashion_lab.analysis.photo_scores import MAX_LABELS_BYTES, photo_folder_problem

    (tmp_path / "validation").mkdir()
    with open(tmp_path / "labels.csv", "wb") as handle:
        handle.write(b"folder,accepted_labels,headline\n")
        handle.truncate(MAX_LABELS_BYTES + 1)  # sparse: no disk spent
    assert "is larger than" in photo_folder_problem(tmp_path)


def test_many_missing_folders_are_counted_not_all_named(tmp_path):
    from fashion_lab.analysis.photo_scores import photo_folder_problem

    (tmp_path / "validation").mkdir()
    rows = "".join(f"folder{n},1,no\n" for n in range(500))
    (tmp_path / "labels.csv").write_text("folder,accepted_labels,headline\n" + rows)
    problem = photo_folder_problem(tmp_path)
    assert problem.endswith("folder0, folder1, folder2, folder3, folder4 and 495 more")


def test_only_regular_files_of_a_bounded_size_are_read_as_photos(tmp_path):
    import os

    from fashion_lab.images.decoding import MAX_FILE_BYTES, ImageError, load_image_file

    fifo, zero, huge = tmp_path / "fifo.jpg", tmp_path / "zero.jpg", tmp_path / "huge.jpg"
    os.mkfifo(fifo)  # reading it would wait for a writer for ever
    zero.symlink_to("/dev/zero")  # reading it would never end
    with open(huge, "wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    for path, why in ((fifo, "not a regular file"), (zero, "not a regular file"), (huge, "larger than")):
        with pytest.raises(ImageError, match=why):
            load_image_file(path)
