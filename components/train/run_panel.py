"""This tab's training job on the Train page: the live panel while it runs, then the outcome."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.chart_style import show_chart
from components.plain_text import plain
from components.state import LIVE_FEED, TRAIN_JOB, kept, set_live_feed, talk_mode
from components.train.charts import accuracy_chart, loss_chart
from components.train.keys import EPOCH_TABLE, LOSS_SMOOTHING, STOP
from components.train.live_feed import describe_progress, render_live_panel
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
        feed.smoothing = smoothing
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
            "Smoothing of the batch loss",
            0.0,
            0.99,
            kept_smoothing,
            0.01,
            key=LOSS_SMOOTHING,
            on_change=keep_smoothing,
            help="Weight of the past in the moving average drawn through the noisy batch losses.",
        )


def _stop_button(job) -> None:
    st.button(
        "Stop",
        key=STOP,
        on_click=job.stop,
        icon=":material/stop:",
        disabled=job.stop_requested,
        help="A waiting run leaves the line; a training run ends after the current call of 16 "
        "batches and a last validation pass.",
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


def _epoch_table(progress: TrainingProgress) -> pd.DataFrame:
    table = pd.DataFrame(progress.epoch_rows)
    table["seconds"] = table["seconds"].map("{:.1f}".format)
    for column in ("accuracy", "val_accuracy"):
        table[column] = table[column].map("{:.2%}".format)
    for column in ("loss", "val_loss"):
        table[column] = table[column].map("{:.4f}".format)
    table["partial"] = table["partial"].map({True: "stopped mid-epoch", False: ""})
    return table[["epoch", "loss", "accuracy", "val_loss", "val_accuracy", "seconds", "partial"]]


def _render_outcome(progress: TrainingProgress, job) -> None:
    if progress.outcome == "cancelled":
        st.info(f"Not trained: {plain(progress.final.get('reason'))}. Nothing was saved.")
        return
    if progress.outcome == "failed":
        st.error(f"Training failed: {plain(job.error)}. Nothing was saved; the app keeps working.")
        return
    if not progress.done:
        return
    final = progress.final
    verb = "Finished" if progress.outcome == "finished" else "Stopped"
    summary = (
        f"{verb} after {final['epochs_completed']} epoch(s): test accuracy **{final['test_accuracy']:.2%}**"
    )
    if final.get("saved_as"):
        st.success(f"{summary}. Saved as `{final['saved_as']}`: find it on the Models page.")
    else:
        st.warning(f"{summary}, but it could not be saved: {plain(final.get('save_error'))}")
