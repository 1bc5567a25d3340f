"""Compare's message in one line, from the chosen models."""

from __future__ import annotations

from components.language import _
from components.model_picker import architecture_word
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
    return _(
        "{first} {first_accuracy} vs {second} {second_accuracy} on the {images} test images: "
        "{count} fewer mistakes"
    ).format(
        first=first,
        first_accuracy=f"{best.test_accuracy:.1%}",
        second=second,
        second_accuracy=f"{rival.test_accuracy:.1%}",
        images=f"{TEST_IMAGES:,}",
        count=f"{fewer:,}",
    )


def _family(entry) -> bool:
    return is_convolutional(entry.architecture)


def _short(entry) -> str:
    return plain(architecture_word(entry.architecture))
