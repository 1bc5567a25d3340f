"""A small status of this tab's training job in the sidebar, on every page."""

from __future__ import annotations

import streamlit as st

from components.language import _
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
        where = describe_place(place.position, place.wait)
        st.caption(_("Training {name}: {place}.").format(name=name, place=where))
    elif progress.outcome is None:
        label = _("Training {name}: epoch {epoch}/{epochs}")
        st.progress(
            progress.fraction,
            text=label.format(name=name, epoch=max(progress.epoch, 1), epochs=progress.epochs),
        )
    elif progress.outcome == "failed":
        st.caption(_("Training {name} failed.").format(name=name))
    elif progress.outcome == "cancelled":
        st.caption(_("Training {name} cancelled.").format(name=name))
    else:
        last = (
            _("Last run: {name} finished, test accuracy {accuracy}.")
            if progress.outcome == "finished"
            else _("Last run: {name} stopped, test accuracy {accuracy}.")
        )
        st.caption(last.format(name=name, accuracy=f"{progress.final['test_accuracy']:.2%}"))
