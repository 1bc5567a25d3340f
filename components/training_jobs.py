"""The server's training: where runs train (its backend), the runs at once and the line (its
job registry), and a new run's job; one of each per server."""

from __future__ import annotations

import contextlib

import streamlit as st
from streamlit.runtime import Runtime

from components.resources import get_store
from fashion_lab import settings
from fashion_lab.training.backends import TrainingBackend, backend_from_settings
from fashion_lab.training.line import MAX_JOBS, MAX_QUEUE, ORPHAN_GRACE, JobRegistry


def is_session_alive(owner: str) -> bool:
    """Whether the browser tab of Streamlit session ``owner`` is still open."""
    return not Runtime.exists() or Runtime.instance().is_active_session(owner)


@st.cache_resource(show_spinner=False)
def get_training_backend() -> TrainingBackend:
    """Where this server trains (settings.RAY_ADDRESS; in its process by default), settings.MAX_JOBS
    runs at once; a Ray backend starts connecting at once. SettingError for a bad setting."""
    backend = backend_from_settings(slots=settings.MAX_JOBS.value(MAX_JOBS))
    backend.warm_up()
    return backend


def start_training_backend() -> None:
    """Once per server, after its first page: a Ray backend starts connecting (a bad setting is
    said when Train is pressed)."""
    with contextlib.suppress(settings.SettingError):
        get_training_backend()


@st.cache_resource(show_spinner=False)
def get_job_registry() -> JobRegistry:
    """Server-wide: the runs training now, the line of those waiting (settings.MAX_QUEUE), and the
    watchdog that stops runs of closed tabs (settings.ORPHAN_GRACE). SettingError for a bad setting."""
    return JobRegistry(
        limit=get_training_backend().capacity,
        max_queue=settings.MAX_QUEUE.value(MAX_QUEUE),
        is_owner_alive=is_session_alive,
        grace=settings.ORPHAN_GRACE.value(ORPHAN_GRACE),
    )


def new_training_job(config):
    """A job for ``config`` on this server's backend, saving its model in the store when it ends."""
    from fashion_lab.training.saving import store_saver

    return get_training_backend().new_job(config, save=store_saver(get_store()))
