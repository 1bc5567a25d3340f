"""A small status of this tab's training job in the sidebar, on every page."""

from __future__ import annotations

import streamlit as st

from components.state import TRAIN_JOB
from components.training_jobs import get_job_registry
from fashion_lab.training.progress import describe_place, job_progress


def render_training_status() -> None:
    """While a job runs, a progress line that refreshes itself; after, one line of outcome."""
    job = TRAIN_JOB.get()
    if job is None:
        return
    if job.state.done:
        _draw(job)
    else:
        _live(job)


@st.fragment(run_every=2.0)
def _live(job) -> None:
    _draw(job)
    if job.state.done:
        st.rerun()


def _draw(job) -> None:
    progress = job_progress(job)
    name = job.config.architecture
    place = get_job_registry().place(job) if not job.state.done else None
    if place is not None:
        st.caption(f"Training {name}: {describe_place(place.position, place.wait)}.")
    elif progress.outcome is None:
        label = f"Training {name}: epoch {max(progress.epoch, 1)}/{progress.epochs}"
        st.progress(progress.fraction, text=label)
    elif progress.outcome in ("failed", "cancelled"):
        st.caption(f"Training {name} {progress.outcome}.")
    else:
        st.caption(
            f"Last run: {name} {progress.outcome}, test accuracy {progress.final['test_accuracy']:.2%}."
        )
