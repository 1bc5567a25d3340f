"""Persistence of trained models and their metadata (no Streamlit, no TensorFlow at import)."""

from model_store.entries import BrokenEntry, StoredModel, StoreError, is_valid_name, validate_name
from model_store.store import BUNDLED_ROOT, DEFAULT_ROOT, ModelStore

__all__ = [
    "BUNDLED_ROOT",
    "DEFAULT_ROOT",
    "BrokenEntry",
    "ModelStore",
    "StoreError",
    "StoredModel",
    "is_valid_name",
    "validate_name",
]
