"""Store entries made (the room's bundled classics among them), then changed by hand as a careless
or hostile hand would change them."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np

from fashion_lab.models.stored import open_store
from fashion_lab.training.saving import run_metadata
from model_store import ModelStore, StoredModel
from model_store.store import META_FILE, WEIGHTS_FILE


def save_dense(store: ModelStore, small_jobs, name: str) -> StoredModel:
    """Save the small trained dense network (conftest's ``small_jobs``) as ``name``."""
    return store.save(name, small_jobs["dense"].model, run_metadata(small_jobs["dense"]))


def rewrite_weights(store: ModelStore, name: str, arrays: list) -> None:
    """Replace an entry's weights and update its checksum, so only the content is wrong."""
    weights = store.root / name / WEIGHTS_FILE
    with open(weights, "wb") as handle:
        np.savez(handle, *arrays)
    rewrite_meta(store, name, weights_sha256=hashlib.sha256(weights.read_bytes()).hexdigest())


def rewrite_meta(store: ModelStore, folder: str, **changes) -> None:
    """Change fields of an entry's metadata file in place; a change to None removes the field."""
    path = store.root / folder / META_FILE
    meta = {**json.loads(path.read_text()), **changes}
    path.write_text(json.dumps({k: v for k, v in meta.items() if v is not None}))


def bundle_classics(root: Path, small_jobs) -> Path:
    """A bundled-models folder under ``root`` holding the small dense network and CNN as
    bundled-dense and bundled-cnn, the classics the room answers with; its path."""
    bundled = open_store(root / "bundled", root / "none")
    for name, architecture in (("bundled-dense", "dense"), ("bundled-cnn", "cnn")):
        bundled.save(name, small_jobs[architecture].model, run_metadata(small_jobs[architecture]))
    return root / "bundled"
