"""Equal budgets: the new architectures' sizes, the pairing by size, the sentence either way."""

import pytest

from fashion_lab.analysis.budgets import Contender, budget_pairs, budget_verdict
from fashion_lab.models.registry import ARCHITECTURES, build_model


@pytest.mark.parametrize(
    "name, rival, rival_params", [("cnn_small", "dense", 29_898), ("dense_wide", "cnn", 804_554)]
)
def test_each_new_architecture_has_the_other_familys_classic_size(name, rival, rival_params):
    params = build_model(name).count_params()
    assert abs(params - rival_params) <= 0.10 * rival_params
    assert ARCHITECTURES[name].convolutional != ARCHITECTURES[rival].convolutional
    assert f"{params:,}" in ARCHITECTURES[name].description


def test_written_parameter_counts_add_up_to_what_keras_counts():
    for name in ("cnn_small", "dense_wide"):
        assert sum(row[3] for row in ARCHITECTURES[name].layers) == build_model(name).count_params()


FOUR = [
    Contender("d", "dense", 29_898, 0.894),
    Contender("cs", "cnn_small", 30_074, 0.905),
    Contender("dw", "dense_wide", 802_314, 0.899),
    Contender("c", "cnn", 804_554, 0.917),
]


def test_models_pair_by_size_smallest_first():
    pairs = budget_pairs(FOUR)
    assert [(p.conv.name, p.dense.name) for p in pairs] == [("cs", "d"), ("c", "dw")]


def test_no_pair_when_sizes_differ_by_more_than_a_tenth():
    assert budget_pairs([FOUR[0], FOUR[3]]) == []
    assert budget_pairs([Contender("a", "dense", 1000, 0.9), Contender("b", "cnn", 1112, 0.9)]) == []
    assert len(budget_pairs([Contender("a", "dense", 1000, 0.9), Contender("b", "cnn", 1100, 0.9)])) == 1


def test_a_dense_model_is_paired_once():
    pairs = budget_pairs([*FOUR[:2], Contender("cs2", "cnn_small", 30_000, 0.9)])
    assert len(pairs) == 1


def test_the_sentence_says_the_cnn_wins_at_every_size_with_the_numbers():
    sentence = budget_verdict(budget_pairs(FOUR))
    assert sentence.startswith("The CNN wins at every size")
    assert "~30k parameters cnn_small 90.5% vs dense 89.4%" in sentence
    assert "~803k parameters cnn 91.7% vs dense_wide 89.9%" in sentence


def test_the_sentence_says_so_when_the_dense_network_wins():
    flipped = [Contender(c.name, c.architecture, c.params, 1 - c.accuracy) for c in FOUR]
    assert budget_verdict(budget_pairs(flipped)).startswith("Here the dense network matches or beats")
    mixed = [*FOUR[:2], Contender("dw", "dense_wide", 802_314, 0.95), FOUR[3]]
    assert budget_verdict(budget_pairs(mixed)).startswith("It depends on the size")
    assert budget_verdict([]) == ""
