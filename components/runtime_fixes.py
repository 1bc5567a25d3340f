"""Streamlit's after-run clean-up, made safe for a server that trains in background threads."""

from __future__ import annotations

import sys

from streamlit.runtime.scriptrunner import script_runner

STREAMLIT_CLEANUP = script_runner._clean_problem_modules  # the original, kept for the tests


def _close_matplotlib_figures() -> None:
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        pyplot.close("all")


def keep_keras_session() -> None:
    """Stop Streamlit from calling keras.backend.clear_session() after every script run.

    Streamlit's ``_clean_problem_modules`` clears Keras's global state and TensorFlow's kernel
    cache after each rerun, fragment reruns included: process-wide, so it hits the model that a
    worker thread is training (measured: a dense epoch went from 1.2 s to 13 s while the
    progress fragment redrew every second). Matplotlib figures are still closed.
    """
    script_runner._clean_problem_modules = _close_matplotlib_figures
