"""Persistence of trained models and their metadata (no Streamlit, no TensorFlow at import)."""

from model_store.entries import BrokenEntry, StoredModel, StoreError, is_valid_name, validate_name
from model_store.store import BUNDLED_ROOT, DEFAULT_ROOT, ModelStore, default_root

__all__ = [
    "BUNDLED_ROOT",
    "DEFAULT_ROOT",
    "BrokenEntry",
    "ModelStore",
    "StoreError",
    "StoredModel",
    "default_root",
    "is_valid_name",
    "validate_name",
]
