"""Compare's presets (the classics, equal budgets) and, when the chosen models pair up by size,
the equal-budget sentence and a parameters-against-accuracy scatter."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.chart_style import show_chart
from components.compare.keys import PHOTO_PRESET, PHOTO_PRESET_BUTTON, PRESET
from components.language import N_, _
from components.model_picker import CLASSICS, PHOTO_MODELS, first_of_kind
from components.palette import colour_encoding
from components.plain_text import plain
from components.state import COMPARE_CHOICE, pick_preset, talk_mode
from fashion_lab.analysis.budgets import EQUAL_BUDGETS, Contender, budget_pairs, budget_verdict

PRESETS = {N_("The classics"): CLASSICS, N_("Equal budgets"): EQUAL_BUDGETS}  # English: their keys


def preset_models(models, architectures) -> list[str]:
    """For each architecture, its bundled model trained on the images alone, else its newest
    (``models`` newest first)."""
    picks = []
    for architecture in architectures:
        family = sorted((m for m in models if m.architecture == architecture), key=first_of_kind)
        picks += [family[0].name] if family else []
    return picks


def render_presets(models, picker: str) -> None:
    """One button per preset; pressing one makes its models Compare's choice, shown by the model
    picker keyed ``picker``."""

    def pick(architectures) -> None:
        pick_preset(picker, COMPARE_CHOICE, preset_models(models, architectures))

    columns = st.columns([1, 1, 1, 2])
    for column, (label, architectures) in zip(columns, PRESETS.items(), strict=False):
        column.button(
            _(label), on_click=pick, args=(architectures,), key=PRESET.format(label), width="stretch"
        )
    photo_models = [n for n in PHOTO_MODELS if n in {m.name for m in models}]
    if len(photo_models) == len(PHOTO_MODELS):  # the same network without and with real photos
        columns[2].button(
            _(PHOTO_PRESET),
            on_click=pick_preset,
            args=(picker, COMPARE_CHOICE, photo_models),
            key=PHOTO_PRESET_BUTTON,
            width="stretch",
            help=_("The same CNN trained on Fashion-MNIST only, and also on real phone photos."),
        )
    wanted = set(EQUAL_BUDGETS) - {m.architecture for m in models}
    if wanted:
        columns[3].caption(
            _("Equal budgets needs a model of {architectures}: run `make models`.").format(
                architectures=", ".join(sorted(wanted))
            )
        )


def render_budgets(entries) -> bool:
    """The sentence and the scatter, when a CNN and a dense model of the same size are chosen."""
    contenders = [Contender(e.name, e.architecture, e.params, e.test_accuracy) for e in entries if e.params]
    pairs = budget_pairs(contenders)
    if not pairs:
        return False
    st.markdown(f"#### {plain(budget_verdict(pairs))}")
    table = pd.DataFrame(
        [{"model": c.name, "parameters": c.params, "test accuracy": c.accuracy} for c in contenders]
    )
    talk = talk_mode()
    spec = {
        "title": _("parameters against test accuracy"),
        "height": 200 if talk else 240,
        "autosize": {"type": "fit-x", "contains": "padding"},
        "encoding": {
            "x": {
                "field": "parameters",
                "type": "quantitative",
                "scale": {"type": "log"},
                "title": _("parameters"),
            },
            "y": {
                "field": "test accuracy",
                "type": "quantitative",
                "title": _("test accuracy"),
                "scale": {"zero": False},
                "axis": {"format": "%"},
            },
        },
        "layer": [
            {
                "mark": {"type": "point", "filled": True, "size": 220 if talk else 120},
                "encoding": {
                    "color": colour_encoding([(e.name, e.architecture) for e in entries]),
                    "tooltip": [
                        {"field": "model", "title": _("model")},
                        {"field": "parameters", "format": ",", "title": _("parameters")},
                        {"field": "test accuracy", "format": ".2%", "title": _("test accuracy")},
                    ],
                },
            },
        ],
    }
    show_chart(table, spec, width="stretch")
    return True
