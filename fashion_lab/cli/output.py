"""What the command line prints: JSON documents and the training progress lines."""

from __future__ import annotations

import json
from typing import Any

from fashion_lab.i18n import _

PROGRESS_WIDTH = 30  # characters of the progress bar


def print_json(document: Any) -> None:
    print(json.dumps(document, indent=1))


def render_progress(event: dict[str, Any], epochs: int) -> str:
    """One progress-bar line of the command line for a batch event."""
    done = ((event["epoch"] - 1) + event["step"] / event["steps"]) / epochs
    filled = round(done * PROGRESS_WIDTH)
    bar = "#" * filled + "-" * (PROGRESS_WIDTH - filled)
    line = _("epoch {epoch}/{epochs} batch {step}/{steps} loss {loss} acc {accuracy} {elapsed}s").format(
        epoch=event["epoch"],
        epochs=epochs,
        step=event["step"],
        steps=event["steps"],
        loss=f"{event['loss']:.4f}",
        accuracy=f"{event['accuracy']:.4f}",
        elapsed=f"{event['elapsed']:5.0f}",
    )
    return f"\r[{bar}] {done:6.1%} {line}"


def describe_epoch(event: dict[str, Any]) -> str:
    """One line of the command line for an epoch event."""
    line = (
        _(
            "epoch {epoch}: loss {loss} accuracy {accuracy} val_loss {val_loss} val_accuracy {val_accuracy} "
            "({seconds}s) (stopped mid-epoch)"
        )
        if event["partial"]
        else _(
            "epoch {epoch}: loss {loss} accuracy {accuracy} val_loss {val_loss} val_accuracy {val_accuracy} "
            "({seconds}s)"
        )
    )
    numbers = {name: f"{event[name]:.4f}" for name in ("loss", "accuracy", "val_loss", "val_accuracy")}
    return "\r" + line.format(epoch=event["epoch"], seconds=f"{event['seconds']:.1f}", **numbers) + " " * 20
