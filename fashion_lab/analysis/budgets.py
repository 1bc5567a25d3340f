"""Equal budgets: is the CNN better, or only bigger? Pairs a convolutional and a dense model of
about the same number of parameters and says what their test accuracies show, whichever way."""

from __future__ import annotations

from dataclasses import dataclass

from fashion_lab.i18n import _
from fashion_lab.models.registry import is_convolutional

EQUAL_BUDGETS = ("dense", "cnn_small", "dense_wide", "cnn")  # two sizes, both families at each
SAME_SIZE = 0.10  # parameter counts within 10% of each other count as the same budget


@dataclass(frozen=True)
class Contender:
    name: str
    architecture: str
    params: int
    accuracy: float  # on the 10,000 test images, 0-1


@dataclass(frozen=True)
class BudgetPair:
    conv: Contender
    dense: Contender

    @property
    def params(self) -> int:
        return round((self.conv.params + self.dense.params) / 2)

    @property
    def conv_wins(self) -> bool:
        return self.conv.accuracy > self.dense.accuracy


def same_size(a: int, b: int) -> bool:
    return abs(a - b) <= SAME_SIZE * max(a, b)


def budget_pairs(contenders: list[Contender]) -> list[BudgetPair]:
    """Each convolutional model with the best dense model of its size (within 10%), smallest
    budget first; a model is in one pair at most."""
    pairs, used = [], set()
    convs = sorted((c for c in contenders if is_convolutional(c.architecture)), key=lambda c: c.params)
    denses = [d for d in contenders if not is_convolutional(d.architecture)]
    for conv in convs:
        rivals = [d for d in denses if d.name not in used and same_size(conv.params, d.params)]
        if rivals:
            dense = max(rivals, key=lambda d: d.accuracy)
            used.add(dense.name)
            pairs.append(BudgetPair(conv, dense))
    return pairs


def _budget(params: int) -> str:
    return f"{params / 1000:,.0f}k" if params < 1_000_000 else f"{params / 1e6:.1f}M"


def budget_verdict(pairs: list[BudgetPair]) -> str:
    """One sentence on what the pairs show (empty without a pair)."""
    if not pairs:
        return ""
    facts = "; ".join(
        _("at ~{budget} parameters {conv} {conv_accuracy} vs {dense} {dense_accuracy}").format(
            budget=_budget(p.params),
            conv=p.conv.architecture,
            conv_accuracy=f"{p.conv.accuracy:.1%}",
            dense=p.dense.architecture,
            dense_accuracy=f"{p.dense.accuracy:.1%}",
        )
        for p in pairs
    )
    wins = sum(p.conv_wins for p in pairs)
    if wins == len(pairs):
        if len(pairs) > 1:
            return _("The CNN wins at every size, so it is not just bigger: {facts}.").format(facts=facts)
        return _("The CNN wins at the same size, so it is not just bigger: {facts}.").format(facts=facts)
    if wins == 0:
        return _("Here the dense network matches or beats the CNN at the same size: {facts}.").format(
            facts=facts
        )
    return _("It depends on the size: {facts}.").format(facts=facts)
