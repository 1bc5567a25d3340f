"""Pictures of the preprocessing: the strip of named steps and the 28x28 input with its grid."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st
from PIL import Image

from components.chart_style import show_chart
from components.language import _
from fashion_lab.images.preprocessing import Preprocessed

STRIP_SIDE = 120


def tile(pixels: np.ndarray, side: int = STRIP_SIDE) -> Image.Image:
    """A step's picture scaled into a ``side`` x ``side`` grey tile; small ones stay sharp."""
    image = Image.fromarray(np.asarray(pixels, dtype=np.uint8)).convert("RGB")
    scale = side / max(image.size)
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    small = max(image.size) <= 64
    image = image.resize(size, Image.Resampling.NEAREST if small else Image.Resampling.BILINEAR)
    framed = Image.new("RGB", (side, side), (128, 128, 128))
    framed.paste(image, ((side - size[0]) // 2, (side - size[1]) // 2))
    return framed


def render_pipeline(result: Preprocessed) -> None:
    """Every step, named, left to right, ending in what the model sees (wrapping into rows on a
    narrow screen)."""
    names = [_(name) for name, _pixels in result.steps]  # marked N_() where they are written, if at all
    st.image([tile(pixels) for _name, pixels in result.steps], caption=names, width=STRIP_SIDE)


def render_pixel_grid(pixels: np.ndarray, title: str | list[str] | None = None) -> None:
    """The 28x28 input drawn large, one square per pixel, hover for its value; ``title``: its line
    or lines (by default, "What the model sees: 28x28")."""
    rows, cols = np.indices(pixels.shape)
    data = pd.DataFrame({"row": rows.ravel(), "col": cols.ravel(), "value": pixels.ravel().astype(int)})
    spec = {
        "title": _("What the model sees: 28x28") if title is None else title,
        "width": 336,
        "height": 336,
        "mark": {"type": "rect", "stroke": "#555", "strokeWidth": 0.3},
        "encoding": {
            "x": {"field": "col", "type": "ordinal", "axis": None},
            "y": {"field": "row", "type": "ordinal", "axis": None},
            "color": {
                "field": "value",
                "type": "quantitative",
                "legend": None,
                "scale": {"domain": [0, 255], "range": ["black", "white"]},
            },
            "tooltip": [
                {"field": "row", "title": _("row")},
                {"field": "col", "title": _("col")},
                {"field": "value", "title": _("pixel (0-255)")},
            ],
        },
    }
    show_chart(data, spec, width="content")
