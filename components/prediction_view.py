"""Each chosen model's answer: its top class with the confidence, and all 10 probabilities."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from components.state import get_store, load_stored_model, loadable
from fashion_lab.architectures import ARCHITECTURES, is_convolutional
from fashion_lab.data import CLASS_NAMES


def default_models(models) -> list[str]:
    """The newest dense model and the newest convolutional one, side by side."""
    newest = {}
    for m in models:  # newest first: keep the first of each kind; unknown architectures cannot load
        if m.architecture in ARCHITECTURES:
            newest.setdefault(is_convolutional(m.architecture), m.name)
    return [newest[kind] for kind in (False, True) if kind in newest]


def choose_models(key: str) -> list:
    """A multiselect of the stored models (newest first); returns the chosen entries."""
    models = get_store().models()
    if not models:
        st.info("No trained model yet: train one on the Train page first.")
        return []
    names = st.multiselect("Models", [m.name for m in models], default=default_models(models), key=key)
    return [m for m in models if m.name in names]


def probability_chart(probabilities: np.ndarray) -> tuple[pd.DataFrame, dict]:
    data = pd.DataFrame({"class": CLASS_NAMES, "probability": probabilities.astype(float)})
    top = CLASS_NAMES[int(np.argmax(probabilities))]
    spec = {
        "height": {"step": 24},
        "mark": {"type": "bar"},
        "encoding": {
            "y": {
                "field": "class",
                "type": "nominal",
                "sort": list(CLASS_NAMES),
                "title": None,
                "axis": {"labelOverlap": False},
            },
            "x": {
                "field": "probability",
                "type": "quantitative",
                "scale": {"domain": [0, 1]},
                "axis": {"format": "%"},
            },
            "color": {
                "condition": {"test": f"datum['class'] === '{top}'", "value": "#ff4b4b"},
                "value": "#9ecae9",
            },
            "tooltip": [{"field": "class"}, {"field": "probability", "format": ".2%"}],
        },
    }
    return data, spec


def render_predictions(pixels: np.ndarray, entries: list) -> None:
    """One column per model: the top class, its confidence, the bar chart of all classes."""
    from fashion_lab.evaluation import predict_images

    entries = loadable(entries)
    if not entries:
        return
    for column, entry in zip(st.columns(len(entries)), entries, strict=True):
        probabilities = predict_images(load_stored_model(entry), [pixels])[0]
        top = int(np.argmax(probabilities))
        with column:
            st.metric(
                f"{entry.name} ({entry.architecture})",
                CLASS_NAMES[top],
                f"{probabilities[top]:.1%} sure",
                delta_color="off",
            )
            st.vega_lite_chart(*probability_chart(probabilities), width="stretch")
