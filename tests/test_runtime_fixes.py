"""Streamlit must not clear Keras's session after a rerun (it would hit a model in training), and
its collection after each run must stay cheap and on."""

import keras
from conftest import ROOT, run_python
from streamlit.runtime.scriptrunner import script_runner
from streamlit.testing.v1 import AppTest

from components.runtime_fixes import STREAMLIT_CLEANUP

APP = str(ROOT / "streamlit_app.py")


def test_app_turns_off_streamlits_keras_clear_session(monkeypatch, store):
    calls = []
    monkeypatch.setattr(keras.backend, "clear_session", lambda *a, **k: calls.append(a))
    STREAMLIT_CLEANUP()
    assert len(calls) == 1  # Streamlit's own clean-up does clear the Keras session...

    monkeypatch.setattr(script_runner, "_clean_problem_modules", STREAMLIT_CLEANUP)
    app = AppTest.from_file(APP, default_timeout=60).run()
    assert not app.exception, app.exception
    app.run()
    assert len(calls) == 1  # ...but not after the app's reruns


def test_keras_is_loaded_once_in_a_background_thread():
    code = (
        "import sys, threading; from components.runtime_fixes import load_keras_in_background; "
        "first = load_keras_in_background(); assert load_keras_in_background() is first; "
        "assert first is not threading.current_thread(); first.join(120); "
        "assert 'keras' in sys.modules and 'tensorflow' in sys.modules"
    )
    run_python(code)


def test_the_libraries_heap_is_frozen_once_keras_is_loaded():
    """Streamlit's collection after each run (postScriptGC) then skips TensorFlow's objects."""
    code = (
        "import gc; from components.runtime_fixes import load_keras_in_background; "
        "load_keras_in_background().join(120); "
        "assert gc.get_freeze_count() > 100_000, gc.get_freeze_count()"
    )
    run_python(code)
