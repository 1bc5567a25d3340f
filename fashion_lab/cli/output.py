"""What the command line prints: JSON documents and the training progress lines."""

from __future__ import annotations

import json
from typing import Any

PROGRESS_WIDTH = 30  # characters of the progress bar


def print_json(document: Any) -> None:
    print(json.dumps(document, indent=1))


def render_progress(event: dict[str, Any], epochs: int) -> str:
    """One progress-bar line of the command line for a batch event."""
    done = ((event["epoch"] - 1) + event["step"] / event["steps"]) / epochs
    filled = round(done * PROGRESS_WIDTH)
    bar = "#" * filled + "-" * (PROGRESS_WIDTH - filled)
    return (
        f"\r[{bar}] {done:6.1%} epoch {event['epoch']}/{epochs} "
        f"batch {event['step']}/{event['steps']} loss {event['loss']:.4f} "
        f"acc {event['accuracy']:.4f} {event['elapsed']:5.0f}s"
    )


def describe_epoch(event: dict[str, Any]) -> str:
    """One line of the command line for an epoch event."""
    partial = " (stopped mid-epoch)" if event["partial"] else ""
    return (
        f"\repoch {event['epoch']}: loss {event['loss']:.4f} accuracy {event['accuracy']:.4f} "
        f"val_loss {event['val_loss']:.4f} val_accuracy {event['val_accuracy']:.4f} "
        f"({event['seconds']:.1f}s){partial}" + " " * 20
    )
