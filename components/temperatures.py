"""A model's two temperatures (fashion_lab/analysis/calibration.py), fitted once per model and
cached, or computed ahead for a bundled model: Classify's verdicts and the Models page's
reliability diagrams share them."""

from __future__ import annotations

import streamlit as st

from components.language import _, ngettext
from components.resources import precomputed, test_images
from fashion_lab.analysis.calibration import CALIBRATION_IMAGES, PHOTO_CALIBRATION_IMAGES

__all__ = ["CALIBRATION_IMAGES", "PHOTO_CALIBRATION_IMAGES", "temperature"]


def temperature(entry, model, photo: bool) -> float:
    """The model's temperature for photos, or for drawings and 28x28 images: computed ahead for a
    bundled model, fitted here (once per model) otherwise."""
    ahead = precomputed(entry)
    if ahead is not None:
        return ahead.photo_temperature if photo else ahead.temperature
    from fashion_lab.analysis.calibration import trained_on_real_photos

    # The spinners here, in the tab's language (a cached function's show_spinner is fixed when the
    # module is imported); st.spinner shows after half a second: not for a cached temperature.
    if photo and trained_on_real_photos(entry.meta):
        with st.spinner(_("Calibrating the model's confidence on held-out real photos...")):
            return real_photo_temperature(entry.name, entry.weights_sha256, model)
    if photo:
        photographing = ngettext(
            "Photographing {count} test garment in simulation...",
            "Photographing {count} test garments in simulation...",
            PHOTO_CALIBRATION_IMAGES,
        ).format(count=f"{PHOTO_CALIBRATION_IMAGES:,}")
        with st.spinner(photographing):
            _photographed_test_images()  # once per server: cached already when photo_temperature's answer is
        with st.spinner(_("Calibrating the model's confidence on simulated photos...")):
            return photo_temperature(entry.name, entry.weights_sha256, model)
    calibrating = ngettext(
        "Calibrating the model on {count} test image...",
        "Calibrating the model on {count} test images...",
        CALIBRATION_IMAGES,
    ).format(count=f"{CALIBRATION_IMAGES:,}")
    with st.spinner(calibrating):
        return model_temperature(entry.name, entry.weights_sha256, model)


@st.cache_data(show_spinner=False, max_entries=32)
def model_temperature(name: str, weights_sha256: str, _model) -> float:
    """The model's temperature for drawings and 28x28 images (the first test images)."""
    from fashion_lab.analysis.calibration import fit_dataset_temperature

    return fit_dataset_temperature(_model, *test_images())


@st.cache_resource(show_spinner=False)
def _photographed_test_images():
    """Shared by every session: read-only."""
    from fashion_lab.analysis.calibration import photographed_test_images

    images, labels = photographed_test_images(*test_images())
    images.setflags(write=False)
    return images, labels


@st.cache_data(show_spinner=False, max_entries=32)
def photo_temperature(name: str, weights_sha256: str, _model) -> float:
    """The model's temperature for photos (simulated photos of test images, never the real ones)."""
    from fashion_lab.analysis.calibration import fit_photo_temperature

    return fit_photo_temperature(_model, *_photographed_test_images())


@st.cache_data(show_spinner=False, max_entries=32)
def real_photo_temperature(name: str, weights_sha256: str, _model) -> float:
    """The temperature for photos of a model that trained on real ones: fitted on the real
    photos held out from its training (the validation part of data/photo-cutouts)."""
    from fashion_lab.analysis.calibration import fit_real_photo_temperature

    return fit_real_photo_temperature(_model)
