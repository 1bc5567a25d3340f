"""Compare's message in one line, from the chosen models."""

from __future__ import annotations

from components.plain_text import plain
from fashion_lab.models.registry import is_convolutional

TEST_IMAGES = 10_000


def headline(entries) -> str:
    """The message in one line: the best chosen model against the best of the other family (or
    the runner-up), in accuracy and in mistakes on the test images."""
    ranked = sorted(entries, key=lambda e: e.test_accuracy, reverse=True)
    best = ranked[0]
    rival = next((e for e in ranked[1:] if _family(e) != _family(best)), ranked[1])
    same = best.architecture == rival.architecture
    first, second = (plain(best.name), plain(rival.name)) if same else (_short(best), _short(rival))
    fewer = round((best.test_accuracy - rival.test_accuracy) * TEST_IMAGES)
    return (
        f"{first} {best.test_accuracy:.1%} vs {second} {rival.test_accuracy:.1%} on the "
        f"{TEST_IMAGES:,} test images: {fewer:,} fewer mistakes"
    )


def _family(entry) -> bool:
    return is_convolutional(entry.architecture)


def _short(entry) -> str:
    return "CNN" if entry.architecture == "cnn" else plain(entry.architecture)
