"""A model's temperature (fashion_lab/calibration.py), fitted once per model on the first test
images and cached: Classify's verdicts and the Models page's reliability diagrams share it."""

from __future__ import annotations

import streamlit as st

from components.state import test_images

CALIBRATION_IMAGES = 2000


@st.cache_data(show_spinner="Calibrating the model's confidence on 2,000 test images...", max_entries=32)
def model_temperature(name: str, weights_sha256: str, _model) -> float:
    """The model's temperature, fitted on the first 2,000 test images (never trained on)."""
    from fashion_lab.calibration import fit_temperature
    from fashion_lab.evaluation import predict_images

    images, labels = test_images()
    return fit_temperature(predict_images(_model, images[:CALIBRATION_IMAGES]), labels[:CALIBRATION_IMAGES])
