"""How far a model's confidence can be trusted: its reliability diagram on Fashion-MNIST test
images (those the temperature was not fitted on) and on the check half of the real photos,
before and after calibration, with the expected calibration error of each
(fashion_lab/analysis/reliability.py and calibration.py compute them; this section caches and
draws)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.chart_style import show_chart
from components.language import _
from components.models.keys import RELIABILITY, RELIABILITY_MODEL
from components.resources import available_test_images, loaded, test_images
from components.state import talk_mode
from components.temperatures import (
    CALIBRATION_IMAGES,
    PHOTO_CALIBRATION_IMAGES,
    temperature,
)


@st.cache_data(
    show_spinner=False, max_entries=16
)  # its spinner: render_reliability's (in the shown language)
def cached_reliability(name: str, weights_sha256: str, _model, dataset_t: float, photo_t: float):
    """The model's reliability diagrams, once per model and temperatures (reliability_curves)."""
    from fashion_lab.analysis.calibration import reliability_curves
    from fashion_lab.analysis.photo_scores import PHOTOS_FOLDER
    from fashion_lab.analysis.reliability import reliability_sets

    return reliability_curves(reliability_sets(_model, *test_images(), dataset_t, photo_t, PHOTOS_FOLDER))


def render_reliability(models) -> None:
    """A closed section; opened, a model to choose and its reliability diagrams."""
    section = st.expander(
        _("How far each model's confidence can be trusted"), key=RELIABILITY, on_change="rerun"
    )
    with section:
        if not section.open or available_test_images() is None:
            return
        names = [m.name for m in models]
        name = st.selectbox(_("Model"), names, key=RELIABILITY_MODEL)
        pairs = loaded([m for m in models if m.name == name])
        if not pairs:
            return
        entry, model = pairs[0]
        dataset_t, photo_t = (temperature(entry, model, photo) for photo in (False, True))
        with st.spinner(_("Scoring the test images and the check half of the photos...")):  # after 0.5 s
            curves = cached_reliability(entry.name, entry.weights_sha256, model, dataset_t, photo_t)
        st.caption(
            _(
                "A point per band of confidence: how often the answers given with that confidence were "
                "right. On the diagonal, a confidence means what it says. Temperature {temperature}, "
                "fitted on the first {images} test images (the chart uses the others); for "
                "photos {photo_temperature}, fitted on simulated photos of {photo_images} "
                "test images, never on the real photos."
            ).format(
                temperature=f"{dataset_t:.2f}",
                images=f"{CALIBRATION_IMAGES:,}",
                photo_temperature=f"{photo_t:.2f}",
                photo_images=f"{PHOTO_CALIBRATION_IMAGES:,}",
            )
        )
        show_chart(*_diagram(curves), width="stretch")


def _diagram(curves: dict) -> tuple[pd.DataFrame, dict]:
    """``curves``: {(set, how): Reliability}, a line each through its bins that hold answers."""
    rows = [
        {
            "set": _("{set}, {how} (error {error})").format(
                set=_(label),  # the set's and the confidences' names: marked N_() where they are made
                how=_(how),
                error=f"{bins.expected_calibration_error:.3f}",
            ),
            "confidence": mean,
            "right": share,
            "answers": int(count),
        }
        for (label, how), bins in curves.items()
        for count, mean, share in zip(bins.counts, bins.confidence, bins.accuracy, strict=True)
        if count
    ]
    axis = {"type": "quantitative", "scale": {"domain": [0, 1]}, "axis": {"format": "%"}}
    spec = {
        "height": 320 if talk_mode() else 280,
        "autosize": {"type": "fit-x", "contains": "padding"},
        "layer": [
            {
                "data": {"values": [{"x": 0, "y": 0}, {"x": 1, "y": 1}]},
                "mark": {"type": "line", "strokeDash": [4, 4], "color": "gray"},
                "encoding": {
                    "x": {"field": "x", **axis, "title": _("confidence")},
                    "y": {"field": "y", **axis, "title": _("share right")},
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
                    "tooltip": [
                        {"field": "set", "title": _("set")},
                        {"field": "answers", "title": _("answers")},
                        {"field": "right", "format": ".0%", "title": _("right")},
                    ],
                },
            },
        ],
    }
    return pd.DataFrame(rows), spec
