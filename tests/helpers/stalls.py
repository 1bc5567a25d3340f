"""The app on a server whose script thread stalls after each element a run sends, as on a loaded
machine now and then: the server sends what came so far and the browser draws it, between any two
elements of a run. What a page draws in two steps at one place (a placeholder, then what replaces
it) then reaches the browser in two steps too."""

from __future__ import annotations

from pathlib import Path

STALL_SECONDS = 0.05  # after each element: the browser draws meanwhile (a frame is 16 ms)
STALLED_APP = """import runpy, sys, time

sys.path.insert(0, {root!r})
from streamlit.runtime.scriptrunner_utils.script_run_context import ScriptRunContext

if not getattr(ScriptRunContext, "stalls", False):  # the script runs again at each rerun
    send = ScriptRunContext.enqueue

    def send_and_stall(context, message):
        send(context, message)
        if message.WhichOneof("type") == "delta":
            time.sleep({stall})

    ScriptRunContext.enqueue, ScriptRunContext.stalls = send_and_stall, True
runpy.run_path({app!r}, run_name="__main__")
"""
ROOT = Path(__file__).resolve().parents[2]


def stalled_app(folder: Path) -> Path:
    """A script in ``folder`` that runs the app so; its path (for streamlit_server's script).
    Streamlit serves static/ from beside the script it runs: the app's is linked there (the
    Korean web font)."""
    (folder / "static").symlink_to(ROOT / "static", target_is_directory=True)
    script = folder / "stalled_app.py"
    app = str(ROOT / "streamlit_app.py")
    script.write_text(STALLED_APP.format(root=str(ROOT), stall=STALL_SECONDS, app=app))
    return script
