"""What drove each chosen model's answer: a heatmap over the 28x28 it saw, side by side, made
the same way for every model so that the comparison is fair (fashion_lab/analysis/explanations.py).
Classify shows them for its input, Inside the CNN's shift test for the moved image."""

from __future__ import annotations

import numpy as np
import streamlit as st

from components.language import N_, _, class_name
from components.plain_text import plain, unbroken
from components.state import kept, talk_mode

# Each method's name (fashion_lab.analysis.explanations.METHODS's keys, kept; shown translated)
# and what its red means
HINTS = {
    N_("occlusion"): N_(
        "Red: where a grey patch over the picture lowers the model's confidence in its answer most."
    ),
    N_("Grad-CAM"): N_(
        "Red: where the last convolution's maps pushed hardest towards the answer (CNNs only)."
    ),
    N_("gradient x input"): N_(
        "Red: bright pixels that pushed towards the answer, where a change moves it most."
    ),
}
LOOK_FOR = N_("Look where each model's red falls: on the garment's telling parts, or spread over the frame?")
FOLLOW = N_(
    "Move the image: does each model's red move with the garment, or stay where it was in the frame?"
    " The numbers: how well the map matches the unmoved image's map moved along, and left in place."
)


# px: its caption holds the longest bundled name, "bundled-cnn-deep-real-photos", on one line
HEATMAP_SIDE, TALK_HEATMAP_SIDE = 216, 320


def render_heatmaps(pixels: np.ndarray, answers: list[tuple], key: str, centred=None) -> None:
    """A method to choose (occlusion by default) and, per model, its heatmap for its answer;
    ``answers``: (entry, model, top class) of each model, as the predictions gave them.
    ``centred``: (the unmoved image, dx, dy) when ``pixels`` is that image moved; each caption
    then says whether the map moved with the garment."""
    from fashion_lab.analysis.explanations import METHODS, explain, heat_overlay

    if not answers:
        return
    methods = list(METHODS)
    shown, keep = kept(key, methods[0])
    method = st.radio(
        _("Method"), methods, methods.index(shown), format_func=_, horizontal=True, key=key, on_change=keep
    )
    for column, (entry, model, top) in zip(st.columns(len(answers)), answers, strict=True):
        heat = explain(model, pixels, top, method)
        with column:
            if heat is None:
                st.caption(
                    _("{model}: {method} needs a convolution; this model has none.").format(
                        model=plain(entry.name), method=_(method)
                    )
                )
                continue
            names = {"model": unbroken(plain(entry.name)), "answer": unbroken(class_name(top))}
            if heat.max() <= 0:  # e.g. Grad-CAM of a first convolution, whose maps all pulled away
                caption = _("{model}: what drove “{answer}” (nothing stood out by this measure)").format(
                    **names
                )
            elif centred is not None and centred[1:] != (0, 0):
                caption = _movement(model, top, method, heat, *centred, names)
            else:
                caption = _("{model}: what drove “{answer}”").format(**names)
            side = TALK_HEATMAP_SIDE if talk_mode() else HEATMAP_SIDE
            st.image(heat_overlay(pixels, heat), caption=caption, width=side)
    st.caption(_(HINTS[method]) + " " + _(FOLLOW if centred is not None else LOOK_FOR))


def _movement(
    model, top: int, method: str, heat: np.ndarray, pixels: np.ndarray, dx: int, dy: int, names: dict
) -> str:
    """The caption of a moved image's map (``names``: the model's and its answer's): whether the map
    moved with the garment, and how well it matches the unmoved image's, moved along and left."""
    from fashion_lab.analysis.explanations import explain, map_movement

    followed, stayed = map_movement(explain(model, pixels, top, method), heat, dx, dy)
    if followed > stayed:
        caption = _("{model}: what drove “{answer}”; moved with the garment ({followed} vs {stayed})")
    else:
        caption = _("{model}: what drove “{answer}”; stayed with the frame ({followed} vs {stayed})")
    scores = {"followed": f"{followed:.2f}", "stayed": f"{stayed:.2f}"}
    return caption.format(**names, **scores)
