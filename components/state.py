"""The one owner of st.session_state keys and of the app's shared resources."""

from model_store import ModelStore


def get_store() -> ModelStore:
    """The model store (FASHION_LAB_MODELS or the default folder); cheap, so built per call."""
    return ModelStore()
