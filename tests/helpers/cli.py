"""The command line as a user runs it: ``python -m fashion_lab`` in a real subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args: str, models: Path, **settings: str) -> subprocess.CompletedProcess:
    """Run the CLI with ``args`` at the repository root, its store in ``models`` and any other
    ``settings`` (FASHION_* variables); its output captured."""
    env = {**os.environ, "FASHION_LAB_MODELS": str(models), **settings}
    return subprocess.run(
        [sys.executable, "-m", "fashion_lab", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
