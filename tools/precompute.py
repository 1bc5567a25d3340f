"""Compute ahead what the pages show of each bundled model (fashion_lab/analysis/precomputed.py)
and keep it beside the model; `make models` runs it after training. On its own:
`python -m tools.precompute [NAME ...]` (every bundled model when no name is given)."""

from __future__ import annotations

import sys
import time

from fashion_lab.analysis.calibration import trained_on_real_photos
from fashion_lab.analysis.precomputed import compute, write
from fashion_lab.data.fashion_mnist import load_dataset
from fashion_lab.models.stored import open_store
from model_store import BUNDLED_ROOT
from tools.app_server import ROOT


def precompute(names: list[str]) -> None:
    store = open_store(BUNDLED_ROOT.parent / "none", BUNDLED_ROOT)  # the bundled models alone
    data = load_dataset()
    for name in names or sorted(m.name for m in store.models()):
        began, entry = time.perf_counter(), store.get(name)
        real_photos = trained_on_real_photos(entry.meta)
        values = compute(store.load(name), data.test_images, data.test_labels, real_photos)
        path = write(entry.path, entry.weights_sha256, values)
        print(f"wrote {path.relative_to(ROOT)} in {time.perf_counter() - began:.1f} s", flush=True)


if __name__ == "__main__":
    precompute(sys.argv[1:])
