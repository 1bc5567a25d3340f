"""The live panel's words: the line under a run's name and the title of the first layer's
pictures, in the language ``_()`` answers in (this tab's in a script run; the feed's thread sets
its tab's with fashion_lab.i18n.speaking)."""

from __future__ import annotations

from typing import Any

from components.language import N_, _, ngettext, said_again
from fashion_lab.analysis.replay import point_label
from fashion_lab.training.progress import TrainingProgress, describe_place, format_duration

# A run's end as its line says it ("cancelled" says its reason instead).
ENDED_AFTER = {
    "finished": N_("finished after {duration}"),
    "stopped": N_("stopped after {duration}"),
    "failed": N_("failed after {duration}"),
}


def describe_progress(progress: TrainingProgress, job, place=None) -> str:
    """The line under a run's name: its place in line (``place``, a jobs.Place, while it waits),
    where it stands, or how it ended."""
    if place is not None:
        return describe_place(place.position, place.wait)
    if progress.outcome == "cancelled":
        return _("not trained: {reason}").format(reason=said_again(progress.final.get("reason")))
    if job.stop_requested and not progress.done:
        return _("stopping after these few batches and their validation pass...")
    if progress.outcome:
        ended = ENDED_AFTER.get(progress.outcome)
        duration = format_duration(progress.elapsed)
        return _(ended).format(duration=duration) if ended else f"{progress.outcome} after {duration}"
    if not progress.epoch:
        return _("preparing...")
    numbers = {
        "epoch": progress.epoch,
        "epochs": progress.epochs,
        "step": progress.step,
        "steps": progress.steps,
        "elapsed": format_duration(progress.elapsed),
    }
    if progress.eta is None:
        return _("epoch {epoch}/{epochs} · batch {step}/{steps} · {elapsed} elapsed").format(**numbers)
    return _("epoch {epoch}/{epochs} · batch {step}/{steps} · {elapsed} elapsed · about {eta} left").format(
        eta=format_duration(progress.eta), **numbers
    )


def latest_first_layer(job) -> dict[str, Any] | None:
    """The run's latest snapshot of its first layer (fashion_lab/training/snapshots.py's live
    picture), numbered so the panel redraws only a new one, with its title and its tiles' name for
    a screen reader; None before the first."""
    snapshots = [event for event in job.events() if event["kind"] == "snapshot"]
    if not snapshots:
        return None
    layer = {key: value for key, value in snapshots[-1].items() if key != "kind"} | {"number": len(snapshots)}
    return layer | _first_layer_texts(layer)


def _first_layer_texts(layer: dict[str, Any]) -> dict[str, str]:
    label = layer["label"]
    if "batches" in layer:  # said in this language, not the training thread's
        label = point_label(layer["batches"], layer["steps_per_epoch"])
    count, numbers = layer["count"], {"count": layer["count"], "label": label}
    scale = f"{layer['scale']:.2f}"
    if layer["layer"] == "kernels":
        title = ngettext(
            "First layer, its {count} kernel at {label} (red adds, blue subtracts; scale ±{scale}): "
            "How they learned replays them",
            "First layer, its {count} kernels at {label} (red adds, blue subtracts; scale ±{scale}): "
            "How they learned replays them",
            count,
        )
        tiles = ngettext("{count} kernel at {label}", "{count} kernels at {label}", count)
    elif layer["layer"] == "units":
        title = ngettext(
            "First layer, its {count} largest unit at {label} (red adds, blue subtracts; "
            "scale ±{scale}): How they learned replays them",
            "First layer, its {count} largest units at {label} (red adds, blue subtracts; "
            "scale ±{scale}): How they learned replays them",
            count,
        )
        tiles = ngettext("{count} unit at {label}", "{count} units at {label}", count)
    else:  # "classes": the classic dense network's pictures of its 10 classes
        title = _(
            "What each class weighs at each pixel at {label} (red adds, blue subtracts; "
            "scale ±{scale}): How they learned replays them"
        )
        tiles = ngettext("{count} class at {label}", "{count} classes at {label}", count)
    return {"title": title.format(scale=scale, **numbers), "tiles": tiles.format(**numbers)}
