"""Which stored models the pages offer first: the classics for images and photos, the pair that
learned drawings too for drawings (once stored), whatever else is newest."""

from __future__ import annotations

from dataclasses import dataclass

from components.model_picker import default_models, drawing_models


@dataclass
class Entry:
    """What the picker reads of a stored model."""

    name: str
    architecture: str
    bundled: bool = False


BUNDLED = [  # newest first, as the store lists them: the drawing pair was made last
    Entry("bundled-cnn-drawings", "cnn", True),
    Entry("bundled-dense-drawings", "dense", True),
    Entry("bundled-cnn", "cnn", True),
    Entry("bundled-dense", "dense", True),
]


def test_the_classics_come_first_even_beside_newer_bundled_models_of_their_kind():
    """With the drawing pair installed, Compare's fresh install showed the drawing pair (a
    browser test caught it)."""
    mine = [Entry("my-cnn", "cnn"), Entry("my-dense", "dense")]
    assert default_models(mine + BUNDLED) == ["bundled-dense", "bundled-cnn"]
    assert default_models(mine) == ["my-dense", "my-cnn"]


def test_drawings_get_the_drawing_pair_when_both_are_stored():
    assert drawing_models(BUNDLED) == ["bundled-dense-drawings", "bundled-cnn-drawings"]
    without_one = [e for e in BUNDLED if e.name != "bundled-dense-drawings"]
    assert drawing_models(without_one) == ["bundled-dense", "bundled-cnn"]


def test_the_equal_budget_preset_takes_the_bundled_model_of_each_size():
    from components.compare.budgets import preset_models

    small = [Entry("bundled-cnn-small", "cnn_small", True), Entry("my-cnn-small", "cnn_small")]
    assert preset_models(small + BUNDLED, ("dense", "cnn_small", "cnn")) == [
        "bundled-dense",
        "bundled-cnn-small",
        "bundled-cnn",
    ]
