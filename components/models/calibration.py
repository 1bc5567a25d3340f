"""How far a model's confidence can be trusted: its reliability diagram on Fashion-MNIST test
images (those the temperature was not fitted on) and on the check half of the real photos,
before and after calibration, with the expected calibration error of each."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import streamlit as st

from components.chart_style import show_chart
from components.model_calibration import (
    CALIBRATION_IMAGES,
    PHOTO_CALIBRATION_IMAGES,
    model_temperature,
    photo_temperature,
)
from components.state import available_test_images, loaded, talk_mode, test_images

PHOTOS = Path(__file__).resolve().parents[2] / "data" / "clothing-photos"
SECTION, MODEL = "models_calibration", "models_calibration_model"  # widget keys
TEMPERATURES = (model_temperature, photo_temperature)


@st.cache_data(show_spinner="Scoring the test images and the check half of the photos...", max_entries=16)
def cached_reliability(name: str, weights_sha256: str, _model, dataset_t: float, photo_t: float) -> dict:
    """(confidence as given, at the temperature, right) on each set: the dataset's images at the
    model's temperature for them, ``dataset_t``, and the photos at its ``photo_t``."""
    from fashion_lab.analysis.calibration import scaled
    from fashion_lab.analysis.evaluation import predict_images
    from fashion_lab.analysis.photo_scores import photo_confidences, score_photos

    images, labels = test_images()
    probabilities = predict_images(_model, images[CALIBRATION_IMAGES:])
    right = probabilities.argmax(axis=1) == labels[CALIBRATION_IMAGES:]
    calibrated = scaled(probabilities, dataset_t).max(1)
    sets = {"Fashion-MNIST test images": (probabilities.max(1), calibrated, right)}
    if (PHOTOS / "labels.csv").is_file():
        sets["real photos (check half)"] = photo_confidences(
            score_photos(PHOTOS, _model, half="check", temperature=photo_t)
        )
    return sets


def render_calibration(models) -> None:
    """A closed section; opened, a model to choose and its reliability diagrams."""
    section = st.expander("How far each model's confidence can be trusted", key=SECTION, on_change="rerun")
    with section:
        if not section.open or available_test_images() is None:
            return
        names = [m.name for m in models]
        name = st.selectbox("Model", names, key=MODEL)
        pairs = loaded([m for m in models if m.name == name])
        if not pairs:
            return
        entry, model = pairs[0]
        dataset_t, photo_t = (fit(entry.name, entry.weights_sha256, model) for fit in TEMPERATURES)
        sets = cached_reliability(entry.name, entry.weights_sha256, model, dataset_t, photo_t)
        st.caption(
            "A point per band of confidence: how often the answers given with that confidence were "
            f"right. On the diagonal, a confidence means what it says. Temperature {dataset_t:.2f}, "
            f"fitted on the first {CALIBRATION_IMAGES:,} test images (the chart uses the others); for "
            f"photos {photo_t:.2f}, fitted on simulated photos of {PHOTO_CALIBRATION_IMAGES:,} "
            "test images, never on the real photos."
        )
        show_chart(*_diagram(sets), width="stretch")


def _diagram(sets: dict[str, tuple]) -> tuple[pd.DataFrame, dict]:
    from fashion_lab.analysis.calibration import reliability

    rows = []
    for label, (given, calibrated, right) in sets.items():
        for how, confidence in (("as given", given), ("calibrated", calibrated)):
            bins = reliability(np.asarray(confidence)[:, None], right)
            error = bins.expected_calibration_error
            for count, mean, share in zip(bins.counts, bins.confidence, bins.accuracy, strict=True):
                if count:
                    rows.append(
                        {
                            "set": f"{label}, {how} (error {error:.3f})",
                            "confidence": mean,
                            "right": share,
                            "answers": int(count),
                        }
                    )
    axis = {"type": "quantitative", "scale": {"domain": [0, 1]}, "axis": {"format": "%"}}
    spec = {
        "height": 320 if talk_mode() else 280,
        "autosize": {"type": "fit-x", "contains": "padding"},
        "layer": [
            {
                "data": {"values": [{"x": 0, "y": 0}, {"x": 1, "y": 1}]},
                "mark": {"type": "line", "strokeDash": [4, 4], "color": "gray"},
                "encoding": {
                    "x": {"field": "x", **axis, "title": "confidence"},
                    "y": {"field": "y", **axis, "title": "share right"},
                },
            },
            {
                "mark": {"type": "line", "point": True},
                "encoding": {
                    "x": {"field": "confidence", **axis},
                    "y": {"field": "right", **axis},
                    "color": {
                        "field": "set",
                        "type": "nominal",
                        "legend": {"orient": "bottom", "columns": 1, "title": None, "labelLimit": 0},
                    },
                    "tooltip": [{"field": "set"}, {"field": "answers"}, {"field": "right", "format": ".0%"}],
                },
            },
        ],
    }
    return pd.DataFrame(rows), spec
