"""`make models`: train the bundled models with the project's own CLI, then install them.

The classics the classic way (dense 10 epochs, CNN 5 epochs), a stronger CNN, the same
stronger CNN trained on simulated photos too (for real photos), and the equal-budget pair (a CNN
at the dense network's size, a dense network at the CNN's). Each is trained into a temporary store,
then moved into model_store/bundled/ (committed, read-only in the app).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from model_store import BUNDLED_ROOT
from tools.app_server import ROOT

RECIPES = {  # bundled name -> the CLI's train arguments
    "bundled-dense": ["--arch", "dense", "--epochs", "10"],
    "bundled-cnn": ["--arch", "cnn", "--epochs", "5"],
    "bundled-cnn-deep": ["--arch", "cnn_deep", "--epochs", "15"],
    "bundled-cnn-deep-photos": ["--arch", "cnn_deep", "--epochs", "8", "--simulated-photos", "1"],
    "bundled-cnn-small": ["--arch", "cnn_small", "--epochs", "10"],  # equal budgets: the dense's size
    "bundled-dense-wide": ["--arch", "dense_wide", "--epochs", "10"],  # and the CNN's
}


def train(name: str, arguments: list[str], store: Path) -> None:
    command = [sys.executable, "-m", "fashion_lab", "train", *arguments, "--seed", "0", "--name", name]
    print("$", " ".join(command[1:]), flush=True)
    env = {**os.environ, "FASHION_LAB_MODELS": str(store), "FASHION_LAB_BUNDLED": str(store / "none")}
    subprocess.run(command, cwd=ROOT, env=env, check=True)


def main(names: list[str]) -> int:
    unknown = set(names) - set(RECIPES)
    if unknown:
        print(f"unknown bundled model(s): {', '.join(sorted(unknown))}; choose from {', '.join(RECIPES)}")
        return 2
    BUNDLED_ROOT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        store = Path(folder)
        for name in names or list(RECIPES):
            train(name, RECIPES[name], store)
            target = BUNDLED_ROOT / name
            if target.exists():
                shutil.rmtree(target)
            shutil.move(store / name, target)
            print(f"installed {target.relative_to(ROOT)}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
