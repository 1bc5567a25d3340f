"""Stopping a CLI training run from the terminal: Ctrl-C once or twice, the run still saves."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading

import pytest

from fashion_lab.models.stored import open_store
from tools.app_server import ROOT

pytestmark = pytest.mark.slow  # a CLI run that imports TensorFlow and trains a CNN to its first epoch


def test_ctrl_c_twice_stops_the_run_once_and_still_saves_what_it_learnt(dataset, tmp_path):
    """A second Ctrl-C, pressed while the run was stopping, raised in the CLI's wait for it: the
    CLI said "interrupted" and ended, and its training thread died with it, unsaved."""
    command = [sys.executable, "-m", "fashion_lab", "train", "--arch", "cnn", "--epochs", "30"]
    command += ["--limit", "6000", "--name", "twice"]
    env = {**os.environ, "FASHION_LAB_MODELS": str(tmp_path / "models")}
    run = subprocess.Popen(  # make and CI start tests with Ctrl-C ignored: the run gets it back
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    epoch_done, stopping = threading.Event(), threading.Event()
    said: list[str] = []

    def read() -> None:
        for line in run.stderr:
            said.append(line)
            if "epoch 1:" in line:  # after the progress bar, on its line
                epoch_done.set()
            if "stopping after the current few batches" in line:
                stopping.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        assert epoch_done.wait(timeout=240), f"no epoch ended: {''.join(said)}"
        run.send_signal(signal.SIGINT)
        assert stopping.wait(timeout=60), f"the first Ctrl-C was not noted: {''.join(said)}"
        run.send_signal(signal.SIGINT)  # pressed again while the run stops after its 16 batches
        run.wait(timeout=120)  # its summary is one line: the pipe cannot fill
        reader.join(timeout=10)
        out = run.stdout.read()
    finally:
        run.kill()
    messages = "".join(said)
    assert run.returncode == 0, messages
    assert messages.count("stopping after the current few batches") == 1, messages
    assert out.startswith("stopped: cnn") and "saved as 'twice'" in out, out
    assert open_store(tmp_path / "models").get("twice").epochs >= 1
