"""This tab's training job on the Train page: the live panel while it runs, then the outcome."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.chart_style import show_chart
from components.language import N_, _, said_again, shown_language
from components.plain_text import plain
from components.state import LIVE_FEED, TRAIN_JOB, kept, set_live_feed, talk_mode
from components.train.charts import accuracy_chart, loss_chart
from components.train.keys import EPOCH_TABLE, LOSS_SMOOTHING, STOP
from components.train.live_feed import render_live_panel
from components.train.live_texts import describe_progress
from fashion_lab.training.progress import SMOOTHING, TrainingProgress, job_progress


def render_training_panel(epochs: int, architecture: str) -> None:
    """While the job runs: the live panel and Stop (the panel reruns the page when the job
    ends); after: the run's bar, curves, epoch table and outcome, drawn once. ``epochs``,
    ``architecture``: those of the run the settings describe, whose charts the idle panel prepares."""
    job = TRAIN_JOB.get()
    feed = LIVE_FEED.get()
    running = job is not None and not job.state.done and feed is not None and feed.job is job
    kept_smoothing, keep_smoothing = kept(LOSS_SMOOTHING, SMOOTHING)  # across pages and talk mode
    smoothing = st.session_state.get(LOSS_SMOOTHING, kept_smoothing)
    talk = talk_mode()
    if running:
        feed.smoothing, feed.language = smoothing, shown_language()  # its next write uses them
        if talk:  # above the panel, which scrolls into view at the screen's bottom: Stop on screen
            _stop_button(job)
    # Always on the page, so its scripts and charts are ready before Train is pressed; empty when idle.
    render_live_panel(feed if running else None, epochs, architecture, talk)
    if feed is not None and not running:
        set_live_feed(None)  # the run is drawn from the job from now on: its feed file goes
    if job is None:
        return
    if running:
        if not talk:
            _stop_button(job)
    else:
        st.divider()
        _draw(job, smoothing)
    if not talk_mode():
        st.columns(2)[0].slider(
            _("Smoothing of the batch loss"),
            0.0,
            0.99,
            kept_smoothing,
            0.01,
            key=LOSS_SMOOTHING,
            on_change=keep_smoothing,
            help=_("Weight of the past in the moving average drawn through the noisy batch losses."),
        )


def _stop_button(job) -> None:
    st.button(
        _("Stop"),
        key=STOP,
        on_click=job.stop,
        icon=":material/stop:",
        disabled=job.stop_requested,
        help=_(
            "A waiting run leaves the line; a training run ends after the current call of 16 "
            "batches and a last validation pass."
        ),
    )


def _draw(job, smoothing: float) -> None:
    progress = job_progress(job, smoothing)
    if talk_mode():  # the result first, where the room looks; the curves, not the numbers
        _render_outcome(progress, job)
    name = job.config.architecture
    st.progress(progress.fraction, text=f"**{name}** · {describe_progress(progress, job)}")
    loss, accuracy = st.columns(2)
    show_chart(*loss_chart(progress, job.config.architecture), where=loss, width="stretch")
    show_chart(*accuracy_chart(progress, job.config.architecture), where=accuracy, width="stretch")
    if talk_mode():
        return
    if progress.epoch_rows:
        st.container(key=EPOCH_TABLE).table(_epoch_table(progress), hide_index=True)
    _render_outcome(progress, job)


# The epoch table's columns: the metrics keep Keras's names (the charts' legends say them too).
EPOCH_COLUMNS = {
    "epoch": N_("epoch"),
    "loss": "loss",
    "accuracy": "accuracy",
    "val_loss": "val_loss",
    "val_accuracy": "val_accuracy",
    "seconds": N_("seconds"),
    "partial": N_("partial"),
}


def _epoch_table(progress: TrainingProgress) -> pd.DataFrame:
    table = pd.DataFrame(progress.epoch_rows)
    table["seconds"] = table["seconds"].map("{:.1f}".format)
    for column in ("accuracy", "val_accuracy"):
        table[column] = table[column].map("{:.2%}".format)
    for column in ("loss", "val_loss"):
        table[column] = table[column].map("{:.4f}".format)
    table["partial"] = table["partial"].map({True: _("stopped mid-epoch"), False: ""})
    return table[list(EPOCH_COLUMNS)].rename(columns={key: _(name) for key, name in EPOCH_COLUMNS.items()})


def _render_outcome(progress: TrainingProgress, job) -> None:
    if progress.outcome == "cancelled":
        reason = plain(said_again(progress.final.get("reason")))
        st.info(_("Not trained: {reason}. Nothing was saved.").format(reason=reason))
        return
    if progress.outcome == "failed":
        message = _("Training failed: {error}. Nothing was saved; the app keeps working.")
        st.error(message.format(error=plain(job.error)))
        return
    if not progress.done:
        return
    final = progress.final
    finished = progress.outcome == "finished"
    numbers = {"epochs": final["epochs_completed"], "accuracy": f"{final['test_accuracy']:.2%}"}
    if final.get("saved_as"):
        saved = (
            _(
                "Finished after {epochs} epoch(s): test accuracy **{accuracy}**. "
                "Saved as `{name}`: find it on the Models page."
            )
            if finished
            else _(
                "Stopped after {epochs} epoch(s): test accuracy **{accuracy}**. "
                "Saved as `{name}`: find it on the Models page."
            )
        )
        st.success(saved.format(name=final["saved_as"], **numbers))
    else:
        unsaved = (
            _(
                "Finished after {epochs} epoch(s): test accuracy **{accuracy}**, "
                "but it could not be saved: {error}"
            )
            if finished
            else _(
                "Stopped after {epochs} epoch(s): test accuracy **{accuracy}**, "
                "but it could not be saved: {error}"
            )
        )
        st.warning(unsaved.format(error=plain(final.get("save_error")), **numbers))
