"""Each chosen model's answer: its top class with the confidence (or "not sure", and why), and
all 10 probabilities."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from components.chart_style import show_chart
from components.language import _, class_name
from components.model_picker import model_label, show_answer
from components.palette import model_colours
from components.resources import loaded
from components.temperatures import temperature
from fashion_lab.data.fashion_mnist import NUM_CLASSES
from fashion_lab.images.preprocessing import Preprocessed

TALK_PER_ROW = 2  # answers side by side in talk mode


def probability_chart(probabilities: np.ndarray, colour: str = "#ff4b4b") -> tuple[pd.DataFrame, dict]:
    names = [class_name(index) for index in range(NUM_CLASSES)]  # in the shown language
    data = pd.DataFrame({"class": names, "probability": probabilities.astype(float)})
    top = names[int(np.argmax(probabilities))]
    spec = {
        "height": {"step": 24},
        "mark": {"type": "bar"},
        "encoding": {
            "y": {
                "field": "class",
                "type": "nominal",
                "sort": names,
                "title": None,
                "axis": {"labelOverlap": False},
            },
            "x": {
                "field": "probability",
                "type": "quantitative",
                "scale": {"domain": [0, 1]},
                "axis": {"format": "%"},
                "title": _("probability"),
            },
            "color": {
                "condition": {"test": f"datum['class'] === '{top}'", "value": colour},
                "value": "#c8c8c8",
            },
            "tooltip": [
                {"field": "class", "title": _("class")},
                {"field": "probability", "format": ".2%", "title": _("probability")},
            ],
        },
    }
    return data, spec


def _temperature(entry, model, photo: bool) -> float:
    """The model's fitted temperature, for photos or for the rest; 1 (its confidences as they
    are) without the dataset, so that Classify works without it, as it did before calibration."""
    from fashion_lab.data.fashion_mnist import DatasetError

    try:
        return temperature(entry, model, photo)
    except DatasetError:
        return 1.0


def _answer_columns(count: int, compact: bool) -> list:
    """One column per model; in talk mode two to a row at most, so that a large "not sure" and
    the model's name fit a 1280 px projector (three in a row cut them to "not…")."""
    per_row = min(count, TALK_PER_ROW) if compact else count
    rows = [st.columns(per_row) for _row in range(-(-count // per_row))]
    return [column for row in rows for column in row][:count]


def render_predictions(prepared: Preprocessed, entries: list, compact: bool = False) -> list[tuple]:
    """One column per model: the top class and its confidence, or "not sure" and why
    (fashion_lab/analysis/uncertainty.py), the bar chart of all classes (its top class in the model's
    colour); ``compact`` (talk mode): the answers only, large. A photo (its ``objects`` counted,
    fashion_lab/images/preprocessing.py) is answered averaged over its views, at the model's temperature
    for photos, with photo tips when not sure.
    Returns (entry, model, top class) of each model that answered."""
    from fashion_lab.analysis.calibration import scaled
    from fashion_lab.analysis.evaluation import predict_views
    from fashion_lab.analysis.uncertainty import PHOTO_TIPS, judge

    pairs = loaded(entries)
    if not pairs:
        return []
    objects = prepared.objects
    colours = model_colours([(entry.name, entry.architecture) for entry, _model in pairs])
    answers, unsure = [], False
    for column, (entry, model) in zip(_answer_columns(len(pairs), compact), pairs, strict=True):
        raw = predict_views(model, [prepared.inputs])[0]
        answers.append((entry, model, int(raw.argmax())))
        temperature = _temperature(entry, model, photo=objects is not None)
        probabilities = scaled(raw[None], temperature)[0]  # shown calibrated, as the verdict reads them
        verdict = judge(prepared.pixels, raw, temperature, objects)
        with column:
            if verdict.sure:
                show_answer(st, entry, probabilities)
            else:
                unsure = True
                first, second = (class_name(c) for c in verdict.top_two)
                st.metric(
                    model_label(entry),
                    _("not sure"),
                    _("{first} or {second}?").format(first=first, second=second),
                    delta_color="off",
                    delta_arrow="off",
                )
                st.caption(_("Why: {reason}.").format(reason=verdict.reason))
            if not compact:
                show_chart(*probability_chart(probabilities, colours[entry.name]), width="stretch")
    if unsure and objects is not None:
        st.info(_(PHOTO_TIPS))  # marked N_() where it is written, if at all
    return answers
