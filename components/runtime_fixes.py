"""Fixes for a Streamlit server that trains in background threads and faces clients that are not
browsers: Streamlit's after-run clean-up made safe, widget values that are no JSON read as none,
and Keras loaded in the background after the first page."""

from __future__ import annotations

import gc
import importlib
import logging
import sys
import threading

from streamlit.runtime.agent import widget_writes
from streamlit.runtime.scriptrunner import script_runner
from streamlit.runtime.state import common, session_state

STREAMLIT_CLEANUP = script_runner._clean_problem_modules  # the original, kept for the tests
_KERAS_IMPORT_LOCK = threading.Lock()
_keras_import: threading.Thread | None = None


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


def read_unreadable_widget_values_as_none() -> None:
    """A widget value that is no JSON (``{not json``, or JSON nested 200,000 deep) is read as no
    value, so the widget shows its default: Streamlit's ``json.loads`` raised before the script
    ran, the page showed an error and the log took a 3 KB traceback for every rerun a crafted
    client asked for. Its warning for a value that parses but is no object goes too."""
    for module in (session_state, widget_writes):
        module.unpack_widget_state_value = _unpacked_or_none
    logging.getLogger("streamlit.components.v2.bidi_component.serialization").setLevel(logging.ERROR)


def _unpacked_or_none(widget_state):
    try:
        return common.unpack_widget_state_value(widget_state)
    except (ValueError, RecursionError):  # json.JSONDecodeError is a ValueError
        return None


def load_keras_in_background() -> threading.Thread:
    """Import Keras (and TensorFlow with it) in a background thread, once per process.

    The first page needs neither (fashion_lab.models.registry lists the models without them), and
    the import takes 2-4 s here: called after the page is drawn, it lets a new visitor see the
    page that much sooner, and the first Train press or prediction finds Keras loaded. In a
    thread, so the page answers widgets meanwhile (a tool picked on the canvas while the script
    still ran would apply only to later strokes). It imports ``keras`` alone, as every app module
    does before anything of TensorFlow: threads then take the import locks in one order, and a
    script run that needs Keras meanwhile waits for this import instead of racing it.
    """
    global _keras_import
    with _KERAS_IMPORT_LOCK:
        if _keras_import is None:
            _keras_import = threading.Thread(target=_import_keras_and_freeze, daemon=True)
            _keras_import.start()
        return _keras_import


def _import_keras_and_freeze() -> None:
    """Import Keras, then move every object alive (the libraries' ~400,000) out of the garbage
    collector's sight: Streamlit's full collection after each script run (runner.postScriptGC)
    then sweeps only what the app made since, ~2 ms instead of ~190 ms. The price, once: cycles
    that the first tabs' sessions hold at that moment are never collected (freed only if their
    references drop to zero)."""
    importlib.import_module("keras")
    gc.collect()  # what is garbage now is freed, not frozen
    gc.freeze()
