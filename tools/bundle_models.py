"""`make models`: train the bundled models with the project's own CLI, then install them.

The classics the classic way (dense 10 epochs, CNN 5 epochs), a stronger CNN, the same stronger
CNN trained on simulated photos too (for real photos), then fine-tuned with shoes seen from above,
and that one fine-tuned on real phone photos too (the train split of clothing-dataset-small),
the equal-budget pair (a CNN at the dense network's size, a dense network at the CNN's), and the
classic pair trained on drawings too (the same recipe for both, as the comparison needs). Each
is trained into a temporary store, then moved into model_store/bundled/ (committed, read-only in
the app), and what the pages show of it is computed ahead (tools/precompute.py); a recipe's
earlier steps stay in the temporary store.
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
from tools.precompute import precompute

PHOTOS_BASE = ["--arch", "cnn_deep", "--epochs", "8", "--simulated-photos", "1"]
# then 2 epochs more on 20,000 images and their simulated photos, 40% of the footwear seen from
# above (docs/photos.md, "Shoes from above"); seed 2 was the best of three on the tune half
PHOTOS_FINE_TUNE = ["--epochs", "2", "--learning-rate", "5e-4", "--limit", "20000", "--simulated-photos", "1"]
PHOTOS_FINE_TUNE += ["--footwear-from-above", "0.4", "--precision", "float32", "--seed", "2"]
# then 3 epochs more on Fashion-MNIST images and the real photos' cut-outs, as many of each
# folder (docs/photos.md, "Learning from real photos": chosen on their validation part)
REAL_FINE_TUNE = ["--epochs", "3", "--learning-rate", "5e-4", "--limit", "30000", "--real-photos", "8"]

SKETCHES = ["--sketches", "40000"]  # by the two hands in turn: docs/drawings.md
RECIPES = {  # bundled name -> the CLI's train arguments, step by step (a step goes on from the last)
    "bundled-dense": [["--arch", "dense", "--epochs", "10"]],
    "bundled-cnn": [["--arch", "cnn", "--epochs", "5"]],
    "bundled-cnn-deep": [["--arch", "cnn_deep", "--epochs", "15"]],
    "bundled-cnn-deep-photos": [PHOTOS_BASE, PHOTOS_FINE_TUNE],
    "bundled-cnn-deep-real-photos": [PHOTOS_BASE, PHOTOS_FINE_TUNE, REAL_FINE_TUNE],  # and real photos
    "bundled-cnn-small": [["--arch", "cnn_small", "--epochs", "10"]],  # equal budgets: the dense's size
    "bundled-dense-wide": [["--arch", "dense_wide", "--epochs", "10"]],  # and the CNN's
    # the classics the classic way, on each image, a drawing of each and 40,000 sketches by two
    # hands (docs/drawings.md)
    "bundled-dense-drawings": [["--arch", "dense", "--epochs", "10", "--drawings", "1", *SKETCHES]],
    "bundled-cnn-drawings": [["--arch", "cnn", "--epochs", "5", "--drawings", "1", *SKETCHES]],
}


def plan_steps(name: str) -> list[tuple[str, list[str]]]:
    """(store name, the CLI's train arguments) of each step of ``name``'s recipe: the last is named
    ``name``, each later one starts from the one before, and the seed is 0 unless a step says."""
    steps, planned = RECIPES[name], []
    for number, arguments in enumerate(steps, start=1):
        step_name = name if number == len(steps) else f"{name}-step{number}"
        seed = [] if "--seed" in arguments else ["--seed", "0"]
        start = ["--init-from", planned[-1][0]] if planned else []
        planned.append((step_name, [*arguments, *seed, *start]))
    return planned


def train(name: str, arguments: list[str], store: Path) -> None:
    command = [sys.executable, "-m", "fashion_lab", "train", *arguments, "--name", name]
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
            for step_name, arguments in plan_steps(name):
                train(step_name, arguments, store)
            target = BUNDLED_ROOT / name
            if target.exists():
                shutil.rmtree(target)
            shutil.move(store / name, target)
            print(f"installed {target.relative_to(ROOT)}", flush=True)
            precompute([name])  # what the pages would compute the first time they show it
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
