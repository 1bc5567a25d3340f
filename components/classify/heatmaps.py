"""What drove each chosen model's answer: a heatmap over the 28x28 it saw, side by side, made
the same way for every model so that the comparison is fair (fashion_lab/explanations.py)."""

from __future__ import annotations

import numpy as np
import streamlit as st

from components.classify.keys import HEATMAP_METHOD
from components.plain_text import plain
from components.state import kept
from fashion_lab.data import CLASS_NAMES

HINTS = {
    "occlusion": "Red: where a grey patch over the picture lowers the model's confidence in its answer most.",
    "Grad-CAM": "Red: where the last convolution's maps pushed hardest towards the answer (CNNs only).",
    "gradient x input": "Red: bright pixels that pushed towards the answer, where a change moves it most.",
}
LOOK_FOR = " Look where each model's red falls: on the garment's telling parts, or spread over the frame?"


def render_heatmaps(pixels: np.ndarray, answers: list[tuple]) -> None:
    """A method to choose (occlusion by default) and, per model, its heatmap for its answer;
    ``answers``: (entry, model, top class) of each model, as the predictions gave them."""
    from fashion_lab.explanations import METHODS, explain, heat_overlay

    if not answers:
        return
    st.subheader("What each model looked at")
    methods = list(METHODS)
    shown, keep = kept(HEATMAP_METHOD, methods[0])
    method = st.radio(
        "Method", methods, methods.index(shown), horizontal=True, key=HEATMAP_METHOD, on_change=keep
    )
    for column, (entry, model, top) in zip(st.columns(len(answers)), answers, strict=True):
        heat = explain(model, pixels, top, method)
        with column:
            if heat is None:
                st.caption(f"{plain(entry.name)}: {method} needs a convolution; this model has none.")
                continue
            caption = f"{plain(entry.name)}: what drove “{CLASS_NAMES[top]}”"
            if heat.max() <= 0:  # e.g. Grad-CAM of a first convolution, whose maps all pulled away
                caption += " (nothing stood out by this measure)"
            st.image(heat_overlay(pixels, heat), caption=caption, width=168)
    st.caption(HINTS[method] + LOOK_FOR)
