"""The shift test: accuracy of the dense network and the CNN when test images move, and the
user's own image moved by a slider."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from components.chart_style import show_chart
from components.heatmaps import render_heatmaps
from components.inside.keys import SHIFT_DOWN, SHIFT_HEATMAP, SHIFT_RIGHT
from components.language import N_, _, ngettext
from components.model_picker import show_answer
from components.palette import colour_encoding
from components.plain_text import plain, unbroken
from components.resources import available_test_images, precomputed, test_images
from fashion_lab.analysis.precomputed import SHIFT_IMAGES, SHIFTS

DIRECTIONS = {"horizontal": N_("moved horizontally"), "vertical": N_("moved vertically")}  # chart titles


@st.cache_data(show_spinner=False, max_entries=16)  # the spinner, in the tab's language: shift_curves
def cached_shift_accuracy(name: str, weights_sha256: str, _model) -> dict[str, list[float]]:
    from fashion_lab.analysis.inspection import shift_accuracy

    images, labels = test_images()
    return shift_accuracy(_model, images[:SHIFT_IMAGES], labels[:SHIFT_IMAGES], SHIFTS)


def shift_curves(entry, model) -> dict[str, list[float]]:
    """Accuracy at each shift: computed ahead for a bundled model, here (once) otherwise."""
    ahead = precomputed(entry)
    if ahead is not None:
        return ahead.shift
    shifting = ngettext(
        "Shifting {count} test image by -6..+6 pixels...",
        "Shifting {count} test images by -6..+6 pixels...",
        SHIFT_IMAGES,
    ).format(count=f"{SHIFT_IMAGES:,}")
    with st.spinner(shifting):  # shown after half a second: not when the curves are cached
        return cached_shift_accuracy(entry.name, entry.weights_sha256, model)


def _curves(pairs) -> pd.DataFrame:
    rows = []
    for entry, model in pairs:
        result = shift_curves(entry, model)
        for direction in DIRECTIONS:
            for shift, accuracy in zip(result["shift"], result[direction], strict=True):
                rows.append(
                    {
                        "model": f"{entry.name} ({entry.architecture})",
                        "direction": direction,
                        "shift": shift,
                        "accuracy": accuracy,
                    }
                )
    return pd.DataFrame(rows)


def _verdict(curves: pd.DataFrame) -> str:
    """What the numbers say, in a sentence or two, whichever way they go."""
    at_four = curves[curves["shift"].abs() == 4].groupby("model")["accuracy"].mean()
    centred = curves[curves["shift"] == 0].groupby("model")["accuracy"].mean()
    kept = (at_four / centred).sort_values(ascending=False)
    parts = [
        _("{model} keeps {ratio} of its accuracy").format(model=unbroken(plain(model)), ratio=f"{ratio:.0%}")
        for model, ratio in kept.items()
    ]
    listed = parts[0]
    for part in parts[1:]:  # a list pattern: the translation chooses the separator
        listed = _("{earlier}; {next}").format(earlier=listed, next=part)
    verdict = _("Shifted by 4 pixels, {models}.").format(models=listed)
    if len(kept) > 1 and kept.iloc[0] - kept.iloc[-1] < 0.05:
        said = _(
            "Not much difference: one 2x2 pooling tolerates a shift of a pixel or so, not four; "
            "what a model has seen in training (shifted images) matters as much."
        )
    else:
        said = _("Most tolerant: {model}.").format(model=unbroken(plain(kept.index[0])))
    return f"{verdict} {said}"


def render_shift_test(pairs: list, pixels: np.ndarray) -> None:
    """Accuracy against shift for the (entry, model) pairs, then the user's image on a shift slider."""
    from fashion_lab.analysis.evaluation import predict_images
    from fashion_lab.analysis.inspection import shift_images

    st.subheader(_("The shift test"))
    st.caption(
        _(
            "Every test image moved left/right or up/down (empty pixels filled with black). "
            "Pooling is meant to make a CNN tolerate small moves; here is what it really does."
        )
    )
    if available_test_images() is None:
        return
    curves = _curves(pairs)
    colours = colour_encoding([(f"{e.name} ({e.architecture})", e.architecture) for e, _model in pairs])
    for column, direction in zip(st.columns(2), DIRECTIONS, strict=True):
        spec = {  # one chart per direction, each its column's width: side by side, stacked on a phone
            "title": _(DIRECTIONS[direction]),
            "height": 220,
            "autosize": {"type": "fit-x", "contains": "padding"},
            "mark": {"type": "line", "point": True},
            "encoding": {
                "x": {"field": "shift", "type": "quantitative", "title": _("shift (pixels)")},
                "y": {
                    "field": "accuracy",
                    "type": "quantitative",
                    "axis": {"format": "%"},
                    "title": _("accuracy"),
                },
                "color": colours,
                "tooltip": [
                    {"field": "model", "title": _("model")},
                    {"field": "shift", "title": _("shift")},
                    {"field": "accuracy", "format": ".1%", "title": _("accuracy")},
                ],
            },
        }
        show_chart(curves[curves["direction"] == direction], spec, where=column, width="stretch")
    st.markdown(_verdict(curves))
    dx_col, dy_col = st.columns(2)
    dx = dx_col.slider(_("Move right"), -6, 6, 0, key=SHIFT_RIGHT, persist_state="session")
    dy = dy_col.slider(_("Move down"), -6, 6, 0, key=SHIFT_DOWN, persist_state="session")
    moved = shift_images(pixels[None], dx, dy)[0]
    columns = st.columns(len(pairs) + 1)
    moved_by = _("your image moved ({dx}, {dy})").format(dx=f"{dx:+d}", dy=f"{dy:+d}")
    columns[0].image(moved, caption=moved_by, width=140, clamp=True)
    answers = []
    for column, (entry, model) in zip(columns[1:], pairs, strict=True):
        probabilities = predict_images(model, [moved])[0]
        show_answer(column, entry, probabilities)
        answers.append((entry, model, int(probabilities.argmax())))
    st.markdown(_("**What each model looked at in the moved image**"))
    render_heatmaps(moved, answers, SHIFT_HEATMAP, centred=(pixels, dx, dy))
