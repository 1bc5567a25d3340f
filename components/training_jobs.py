"""The server's training: where runs train (its backend), the runs at once and the line (its
job registry), and a new run's job; one of each per server."""

from __future__ import annotations

import contextlib
import os

import streamlit as st
from streamlit.runtime import Runtime

from components.state import get_store
from fashion_lab.training.backends import TrainingBackend, backend_from_env, positive_int
from fashion_lab.training.line import MAX_QUEUE, JobRegistry

MAX_JOBS_ENV = "FASHION_LAB_MAX_JOBS"
MAX_QUEUE_ENV = "FASHION_LAB_MAX_QUEUE"
ORPHAN_GRACE_ENV = "FASHION_LAB_ORPHAN_GRACE"  # seconds a job outlives its closed tab


def _session_is_alive(owner: str) -> bool:
    return not Runtime.exists() or Runtime.instance().is_active_session(owner)


@st.cache_resource(show_spinner=False)
def get_training_backend() -> TrainingBackend:
    """Where this server trains (FASHION_LAB_RAY_ADDRESS; in its process by default), FASHION_LAB_MAX_JOBS
    runs at once (default 2); a Ray backend starts connecting at once. ValueError for a bad setting."""
    backend = backend_from_env(slots=positive_int(MAX_JOBS_ENV, 2))
    backend.warm_up()
    return backend


def start_training_backend() -> None:
    """Once per server, after its first page: a Ray backend starts connecting (a bad setting is
    said when Train is pressed)."""
    with contextlib.suppress(ValueError):
        get_training_backend()


@st.cache_resource(show_spinner=False)
def get_job_registry() -> JobRegistry:
    """Server-wide: the runs training now, the line of those waiting (FASHION_LAB_MAX_QUEUE, default
    20), and the watchdog that stops runs of closed tabs. ValueError for a bad setting."""
    queue = os.environ.get(MAX_QUEUE_ENV, "").strip()
    return JobRegistry(
        limit=get_training_backend().capacity,
        max_queue=0 if queue == "0" else positive_int(MAX_QUEUE_ENV, MAX_QUEUE),
        is_owner_alive=_session_is_alive,
        grace=float(os.environ.get(ORPHAN_GRACE_ENV, "10")),
    )


def new_training_job(config):
    """A job for ``config`` on this server's backend, saving its model in the store when it ends."""
    from fashion_lab.training.saving import store_saver

    return get_training_backend().new_job(config, save=store_saver(get_store()))
