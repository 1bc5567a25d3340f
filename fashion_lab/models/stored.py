"""The model store (model_store) opened with this project's architecture registry: how the app,
the CLI, the tools and the tests open it. The store imports nothing of fashion_lab; this is the
one place the two meet."""

from __future__ import annotations

from pathlib import Path

from fashion_lab.models import registry as architectures
from model_store import ModelStore


def open_store(root: Path | str | None = None, bundled: Path | str | None = None) -> ModelStore:
    """The store at ``root`` ($FASHION_LAB_MODELS or model_store/saved) beside the bundled models
    at ``bundled`` ($FASHION_LAB_BUNDLED or model_store/bundled)."""
    return ModelStore(root, bundled, registry=architectures)
