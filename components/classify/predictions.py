"""Each chosen model's answer: its top class with the confidence, and all 10 probabilities."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from components.chart_style import show_chart
from components.model_picker import show_answer
from components.palette import model_colours
from components.state import loaded
from fashion_lab.data import CLASS_NAMES


def probability_chart(probabilities: np.ndarray, colour: str = "#ff4b4b") -> tuple[pd.DataFrame, dict]:
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
                "condition": {"test": f"datum['class'] === '{top}'", "value": colour},
                "value": "#c8c8c8",
            },
            "tooltip": [{"field": "class"}, {"field": "probability", "format": ".2%"}],
        },
    }
    return data, spec


def render_predictions(pixels: np.ndarray, entries: list, compact: bool = False) -> list[tuple]:
    """One column per model: the top class, its confidence, the bar chart of all classes (its top
    class in the model's colour); ``compact`` (talk mode): the answers only, large. Returns
    (entry, model, top class) of each model that answered."""
    from fashion_lab.evaluation import predict_images

    pairs = loaded(entries)
    if not pairs:
        return []
    colours = model_colours([(entry.name, entry.architecture) for entry, _ in pairs])
    answers = []
    for column, (entry, model) in zip(st.columns(len(pairs)), pairs, strict=True):
        probabilities = predict_images(model, [pixels])[0]
        answers.append((entry, model, int(probabilities.argmax())))
        with column:
            show_answer(st, entry, probabilities)
            if not compact:
                show_chart(*probability_chart(probabilities, colours[entry.name]), width="stretch")
    return answers
