"""The model store (model_store) opened with this project's architecture registry: how the app,
the CLI, the tools and the tests open it. The store imports nothing of fashion_lab; this is the
one place the two meet."""

from __future__ import annotations

from pathlib import Path

from fashion_lab import settings
from fashion_lab.models import registry
from model_store import ModelStore

MAX_MODELS = 200  # in the user's folder: about 600 MB of CNNs; a class of 30 training 6 each


def open_store(root: Path | str | None = None, bundled: Path | str | None = None) -> ModelStore:
    """The store at ``root`` (settings.MODELS, or model_store/saved) beside the bundled models at
    ``bundled`` (settings.BUNDLED, or model_store/bundled), holding at most settings.MAX_MODELS."""
    root = root if root is not None else settings.MODELS.value()
    bundled = bundled if bundled is not None else settings.BUNDLED.value()
    return ModelStore(root, bundled, registry=registry, max_models=settings.MAX_MODELS.value(MAX_MODELS))
