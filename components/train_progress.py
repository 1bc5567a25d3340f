"""Live progress of this tab's training job: progress bar, curves, Stop, outcome."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.charts import accuracy_chart, loss_chart
from components.state import LOSS_SMOOTHING, get_train_job, talk_mode
from fashion_lab.progress import SMOOTHING, TrainingProgress, format_duration, summarize_events

REFRESH_SECONDS = 1.0
# Streamlit's progress bar slides to each new value; with a new value every second the browser
# composited frames without a pause (about 4% of a core, which the training felt). Jump instead.
STILL_PROGRESS_BAR = "<style>[data-testid='stProgress'] * {transition: none !important}</style>"


def render_training_panel() -> None:
    """Redraw every second while the job runs (a fragment); draw once when it has ended."""
    job = get_train_job()
    if job is None:
        return
    st.divider()
    st.html(STILL_PROGRESS_BAR)
    if job.state.done:
        _draw(job)
    else:
        _live(job)
    if not talk_mode():  # outside the fragment: not redrawn every second
        st.columns(2)[0].slider(
            "Smoothing of the batch loss",
            0.0,
            0.99,
            SMOOTHING,
            0.01,
            key=LOSS_SMOOTHING,
            help="Weight of the past in the moving average drawn through the noisy batch losses.",
        )


@st.fragment(run_every=REFRESH_SECONDS)
def _live(job) -> None:
    _draw(job)
    if job.state.done:
        st.rerun()  # the whole page: unlock the settings and stop polling


def _draw(job) -> None:
    smoothing = st.session_state.get(LOSS_SMOOTHING, SMOOTHING)
    progress = summarize_events(job.events(), job.config.epochs, job.elapsed(), smoothing)
    name = job.config.architecture
    status, stop = st.columns([5, 1], vertical_alignment="bottom")
    with status:
        st.progress(progress.fraction, text=f"**{name}** · {_progress_text(progress, job)}")
    if not progress.done:
        stop.button(
            "Stop",
            key="train_stop",
            on_click=job.stop,
            icon=":material/stop:",
            disabled=job.stop_requested,
            width="stretch",
        )
    loss, accuracy = st.columns(2)
    loss.vega_lite_chart(*loss_chart(progress), width="stretch")
    accuracy.vega_lite_chart(*accuracy_chart(progress), width="stretch")
    if talk_mode():  # the audience needs the curves, not the numbers
        _render_outcome(progress, job)
        return
    if progress.epoch_rows:
        st.table(_epoch_table(progress), hide_index=True)
    _render_outcome(progress, job)


def _progress_text(progress: TrainingProgress, job) -> str:
    if job.stop_requested and not progress.done:
        return "stopping after these few batches and their validation pass..."
    if progress.outcome:
        return f"{progress.outcome} after {format_duration(progress.elapsed)}"
    if not progress.epoch:
        return "preparing..."
    eta = f" · about {format_duration(progress.eta)} left" if progress.eta is not None else ""
    return (
        f"epoch {progress.epoch}/{progress.epochs} · batch {progress.step}/{progress.steps} · "
        f"{format_duration(progress.elapsed)} elapsed{eta}"
    )


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
    if progress.outcome == "failed":
        st.error(f"Training failed: {job.error}. Nothing was saved; the app keeps working.")
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
        st.warning(f"{summary}, but it could not be saved: {final.get('save_error')}")
