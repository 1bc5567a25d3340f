"""How each chosen model arranges the garments: its last hidden layer for 2,000 test images in
2-D (PCA), one colour per class, the garment on hover, and the neighbour vote beside it."""

from __future__ import annotations

import base64
import io

import pandas as pd
import streamlit as st
from PIL import Image

from components.chart_style import show_chart
from components.compare.keys import PROJECTIONS
from components.language import _, class_name
from components.palette import CLASS_COLOURS
from components.resources import ahead_or_here, test_images
from fashion_lab.data.fashion_mnist import CLASS_NAMES

HOVER_SIDE = 56  # px of the garment shown on hover (the 28x28 doubled, sharp)


@st.cache_data(show_spinner=False, max_entries=16)  # its spinner: projection_of's (in the shown language)
def cached_projection(name: str, weights_sha256: str, _model):
    from fashion_lab.analysis.projection import PROJECTED_IMAGES, project

    images, labels = test_images()
    return project(_model, images[:PROJECTED_IMAGES], labels[:PROJECTED_IMAGES])


@st.cache_data(show_spinner=False)
def hover_images(count: int) -> list[str]:
    """The first ``count`` test images as small PNG data URIs (Vega's tooltip shows a field
    named "image" as a picture)."""
    images = test_images()[0][:count]
    uris = []
    for pixels in images:
        buffer = io.BytesIO()
        Image.fromarray(pixels).resize((HOVER_SIDE, HOVER_SIDE), Image.Resampling.NEAREST).save(buffer, "PNG")
        uris.append("data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode())
    return uris


def projection_of(entry):
    """The model's arrangement: computed ahead for a bundled model; otherwise the model is loaded
    and it is computed here (once), or None after a warning when the model cannot be loaded."""
    placing = _("Placing 2,000 test images by the model's last hidden layer...")
    return ahead_or_here(entry, "projection", placing, cached_projection)


def render_projections(entries, talk: bool) -> None:
    """Inside a closed expander (opening it computes what was not computed ahead): the chosen
    models, two to a row."""
    section = st.expander(_("How each model arranges the garments"), key=PROJECTIONS, on_change="rerun")
    with section:
        if not section.open:
            return
        st.caption(
            _(
                "Each dot is a test image, placed by what the model's last hidden layer makes of it, "
                "squeezed to 2-D (PCA). Separate clouds: classes the model keeps apart. The score: how "
                "often an image's 5 nearest neighbours in the whole layer share its class."
            )
        )
        for start in range(0, len(entries), 2):
            for column, entry in zip(st.columns(2), entries[start : start + 2], strict=False):
                with column:
                    projection = projection_of(entry)
                if projection is not None:
                    _scatter(column, entry, projection, talk)


def _scatter(where, entry, projection, talk: bool) -> None:
    labels = test_images()[1][: len(projection.points)]
    data = pd.DataFrame(
        {
            "x": projection.points[:, 0],
            "y": projection.points[:, 1],
            "class": [class_name(i) for i in labels],
            "image": hover_images(len(projection.points)),
        }
    )
    kept = sum(projection.explained)
    spec = {
        "title": {
            "text": f"{entry.name} ({entry.architecture})",
            "subtitle": _("{count} hidden values · 2-D keeps {share}").format(
                count=f"{projection.width:,}", share=f"{kept:.0%}"
            ),
        },
        "height": 300 if talk else 340,
        "autosize": {"type": "fit-x", "contains": "padding"},
        "mark": {"type": "circle", "size": 40 if talk else 18, "opacity": 0.7},
        "encoding": {
            "x": {"field": "x", "type": "quantitative", "axis": None},
            "y": {"field": "y", "type": "quantitative", "axis": None},
            "color": {
                "field": "class",
                "type": "nominal",
                "scale": {"domain": [class_name(c) for c in range(len(CLASS_NAMES))], "range": CLASS_COLOURS},
                "legend": {"orient": "bottom", "columns": 3 if talk else 5, "title": None},
            },
            "tooltip": [{"field": "class", "title": _("class")}, {"field": "image"}],  # "image": a picture
        },
    }
    where.markdown(_("**{share}** of 5-neighbour votes right").format(share=f"{projection.knn_accuracy:.1%}"))
    show_chart(data, spec, where=where, width="stretch")
