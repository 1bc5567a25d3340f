"""Race mode: two architectures train at once on the same data; their curves race on one chart."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from components.chart_style import show_chart
from components.compare.keys import RACE_EPOCHS, RACE_START, RACE_STOP, RACE_SUBSET, RUNNERS
from components.language import N_, _
from components.palette import colour_encoding
from components.plain_text import plain
from components.state import RACE_JOBS, RACE_REFUSAL, kept_settings, session_id, talk_mode
from components.training_jobs import get_job_registry, new_training_job
from components.training_subsets import SUBSETS
from fashion_lab.models.registry import ARCHITECTURES
from fashion_lab.training.progress import describe_place, job_progress

SETTINGS = (*RUNNERS, RACE_EPOCHS, RACE_SUBSET)
OUTCOMES = {  # how a runner's run ended (TrainingProgress.outcome)
    "finished": N_("finished"),
    "stopped": N_("stopped"),
    "failed": N_("failed"),
    "cancelled": N_("cancelled"),
}


def render_race() -> None:
    """Settings and Start while idle; the live race chart and one Stop while it runs (in talk
    mode the running race alone, so the room sees the chart)."""
    talk = talk_mode()
    if not talk:
        st.caption(
            _(
                "Two networks learn side by side on the same images for the same epochs: "
                "watch their accuracy on the test images race."
            )
        )
    jobs = RACE_JOBS.get()
    running = bool(jobs) and not all(job.state.done for job in jobs)
    if not (talk and running):
        _settings(running)
    if refusal := RACE_REFUSAL.take():
        st.error(refusal)
    if jobs:
        (_live if running else _draw)(jobs)


def _settings(running: bool) -> None:
    """The runners, epochs and images (each kept while out of sight), and Start."""
    names, subsets = list(ARCHITECTURES), list(SUBSETS)
    defaults = dict(zip(SETTINGS, (*names[:2], 3, subsets[1]), strict=True))
    shown, drawn = kept_settings(defaults, disabled=running)
    first, second, epochs, subset = st.columns([2, 2, 2, 3])  # room for "10,000 images (quick run)"
    first.selectbox(_("Runner 1"), names, names.index(shown[RUNNERS[0]]), **drawn(RUNNERS[0]))
    second.selectbox(_("Runner 2"), names, names.index(shown[RUNNERS[1]]), **drawn(RUNNERS[1]))
    epochs.slider(_("Epochs"), 1, 20, shown[RACE_EPOCHS], **drawn(RACE_EPOCHS))
    subset.selectbox(  # the options stay English (the widget's value); each is shown translated
        _("Training images"), subsets, subsets.index(shown[RACE_SUBSET]), format_func=_, **drawn(RACE_SUBSET)
    )
    # Started in the callback, so one script run draws the locked settings and the race.
    st.button(_("Start the race"), key=RACE_START, disabled=running, icon=":material/flag:", on_click=_start)


def _start() -> None:
    """The Start button's callback: both jobs from the settings on screen, started together now
    or waiting in line as one entry (a runner never starts alone); or why not."""
    from fashion_lab.training.config import TrainingConfig
    from fashion_lab.training.line import JobRefused

    widgets = st.session_state  # the settings' values, as the click found them
    config = TrainingConfig(epochs=widgets[RACE_EPOCHS], limit=SUBSETS[widgets[RACE_SUBSET]])
    try:
        registry = get_job_registry()
        jobs = [new_training_job(replace(config, architecture=widgets[key])) for key in RUNNERS]
        registry.submit(jobs, session_id())
    except (JobRefused, ValueError) as refusal:  # a full line, or a bad server setting
        RACE_REFUSAL.set(str(refusal))
        return
    RACE_JOBS.set(jobs)


@st.fragment(run_every=2.0)  # its chart changes once an epoch; each redraw costs the browser
def _live(jobs) -> None:
    _draw(jobs)
    if all(job.state.done for job in jobs):
        st.rerun()


def _draw(jobs) -> None:
    rows, status, runners = [], [], []
    for number, job in enumerate(jobs, start=1):
        label = f"{number}. {job.config.architecture}"
        runners.append((label, job.config.architecture))
        progress = job_progress(job)
        rows += [
            {"model": label, "epoch": r["epoch"], "val_accuracy": r["val_accuracy"]}
            for r in progress.epoch_rows
        ]
        place = get_job_registry().place(job) if not job.state.done else None
        if place:
            where = describe_place(place.position, place.wait)
        elif progress.outcome:
            where = _(OUTCOMES.get(progress.outcome, progress.outcome))
        else:
            where = _("epoch {epoch}/{epochs}").format(epoch=max(progress.epoch, 1), epochs=progress.epochs)
        status.append(_runner_status(label, where, progress.final.get("test_accuracy"), job.saved_as))
    st.markdown(" · ".join(status))
    # The Stop button's slot stays when the race ends, so the finished chart takes the live one's
    # place: drawn one element further up, the live chart lingered below it until the run ended.
    stop_slot = st.empty()
    if not all(job.state.done for job in jobs):  # above the chart: on a projector's screen
        stop_slot.button(
            _("Stop both"),
            key=RACE_STOP,
            icon=":material/stop:",
            on_click=lambda: [job.stop() for job in jobs],
        )
    show_chart(*race_chart(rows, runners, jobs[0].config.epochs), width="stretch")


def _runner_status(label: str, where: str, accuracy: float | None, saved_as: str | None) -> str:
    """A runner's part of the status line: where it stands, its test accuracy once it has one, the
    name it was saved under once it was."""
    names = {"runner": label, "where": where}
    if accuracy and saved_as:
        return _("**{runner}**: {where}, test accuracy {accuracy}, saved as **{model}**").format(
            **names, accuracy=f"{accuracy:.2%}", model=plain(saved_as)
        )
    if accuracy:
        return _("**{runner}**: {where}, test accuracy {accuracy}").format(
            **names, accuracy=f"{accuracy:.2%}"
        )
    if saved_as:
        return _("**{runner}**: {where}, saved as **{model}**").format(**names, model=plain(saved_as))
    return _("**{runner}**: {where}").format(**names)


def race_chart(rows: list[dict], runners: list[tuple[str, str]], epochs: int) -> tuple[pd.DataFrame, dict]:
    """The race: each runner's val_accuracy per epoch on an axis of the race's ``epochs``;
    ``runners``: (label, architecture) pairs."""
    spec = {
        "height": 280,
        "autosize": {"type": "fit-x", "contains": "padding"},
        "mark": {"type": "line", "point": {"size": 60}},
        "encoding": {
            "x": {
                "field": "epoch",
                "type": "quantitative",
                "scale": {"domain": [0, epochs]},
                "axis": {"tickMinStep": 1},
                "title": _("epoch"),
            },
            "y": {
                "field": "val_accuracy",
                "type": "quantitative",
                "scale": {"zero": False},
                "axis": {"format": "%"},
                "title": _("val_accuracy"),
            },
            "color": colour_encoding(runners),
            "tooltip": [
                {"field": "model", "title": _("model")},
                {"field": "epoch", "title": _("epoch")},
                {"field": "val_accuracy", "format": ".2%", "title": _("val_accuracy")},
            ],
        },
    }
    return pd.DataFrame(rows, columns=["model", "epoch", "val_accuracy"]), spec
