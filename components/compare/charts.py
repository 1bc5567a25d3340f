"""Vega-Lite specs of the Compare page: curves with reference lines, confusion, per-class bars."""

from __future__ import annotations

import numpy as np
import pandas as pd

from components.language import N_, _, class_name
from components.palette import CONFUSION_SCHEMES, colour_encoding
from fashion_lab.analysis.comparison import BEST_KNOWN_ACCURACY, HUMAN_ACCURACY, per_class_accuracy
from fashion_lab.data.fashion_mnist import CLASS_NAMES
from fashion_lab.models.registry import is_convolutional

METRICS = {"val_accuracy": N_("val_accuracy"), "val_loss": N_("val_loss")}  # a curve chart's title
CLASSES = range(len(CLASS_NAMES))


def references() -> list[dict]:
    """The reference lines of the accuracy chart, labelled in the shown language."""
    return [
        {
            "value": HUMAN_ACCURACY,
            "label": _("crowd-sourced human {accuracy}").format(accuracy=f"{HUMAN_ACCURACY:.1%}"),
        },
        {
            "value": BEST_KNOWN_ACCURACY,
            "label": _("best known {accuracy}").format(accuracy=f"{BEST_KNOWN_ACCURACY:.1%}"),
        },
    ]


CONFUSION_SIDE = {False: 340, True: 440}  # px: cells of 34 and 44 px
CONFUSION_TEXT = {False: 10, True: 15}


def curves_chart(entries, metric: str, talk: bool = False) -> tuple[pd.DataFrame, dict]:
    """``metric`` per epoch for every model, one colour each; accuracy gets reference lines."""
    title = _(METRICS[metric]) if metric in METRICS else metric
    rows = [
        {"model": e.name, "epoch": i + 1, "value": v}
        for e in entries
        for i, v in enumerate(e.history(metric))
    ]
    line = {
        "mark": {"type": "line", "point": True},
        "encoding": {
            "x": {"field": "epoch", "type": "quantitative", "axis": {"tickMinStep": 1}, "title": _("epoch")},
            "y": {"field": "value", "type": "quantitative", "title": title, "scale": {"zero": False}},
            "color": colour_encoding([(e.name, e.architecture) for e in entries]),
            "tooltip": [
                {"field": "model", "title": _("model")},
                {"field": "epoch", "title": _("epoch")},
                {"field": "value", "format": ".4f", "title": title},
            ],
        },
    }
    spec = {
        "title": title,
        "height": 150 if talk else 260,  # talk: the headline, curves and 24 px legend on one 720 px screen
        "autosize": {"type": "fit-x", "contains": "padding"},
        "layer": [line],
    }
    if metric == "val_accuracy":
        line["encoding"]["y"]["axis"] = {"format": "%"}
        refs = {"data": {"values": references()}}
        spec["layer"] += [
            {
                **refs,
                "mark": {"type": "rule", "strokeDash": [4, 4], "color": "gray"},
                "encoding": {"y": {"field": "value", "type": "quantitative"}},
            },
            {
                **refs,
                "mark": {"type": "text", "align": "left", "dx": 4, "dy": -6, "color": "gray"},
                "encoding": {
                    "y": {"field": "value", "type": "quantitative"},
                    "x": {"value": 0},
                    "text": {"field": "label"},
                },
            },
        ]
    return pd.DataFrame(rows, columns=["model", "epoch", "value"]), spec


def confusion_chart(matrix: np.ndarray, entry, normalised: bool, talk: bool) -> tuple[pd.DataFrame, dict]:
    """A 10x10 heatmap, true class down, predicted class across, the value in each cell that is
    not 0 (cells large enough for "100%" at the size of the text: bigger in talk mode)."""
    rows = [
        {"true": class_name(t), "predicted": class_name(p), "value": float(matrix[t, p])}
        for t in CLASSES
        for p in CLASSES
    ]
    fmt = ".0%" if normalised else ".0f"
    axis = {"sort": [class_name(c) for c in CLASSES], "type": "nominal", "axis": {"labelOverlap": False}}
    predicted, true = _("predicted"), _("true")
    spec = {
        "title": entry.name,
        "width": CONFUSION_SIDE[talk],
        "height": CONFUSION_SIDE[talk],
        "encoding": {
            "x": {"field": "predicted", **axis, "title": predicted},
            "y": {"field": "true", **axis, "title": true},
        },
        "layer": [
            {
                "mark": "rect",
                "encoding": {
                    "color": {
                        "field": "value",
                        "type": "quantitative",
                        "scale": {"scheme": CONFUSION_SCHEMES[is_convolutional(entry.architecture)]},
                        "legend": None,
                    },
                    "tooltip": [
                        {"field": "true", "title": true},
                        {"field": "predicted", "title": predicted},
                        {"field": "value", "format": fmt, "title": _("value")},
                    ],
                },
            },
            {
                "mark": {"type": "text", "fontSize": CONFUSION_TEXT[talk]},
                "transform": [{"filter": f"datum.value >= {0.005 if normalised else 1}"}],
                "encoding": {
                    "text": {"field": "value", "format": fmt},
                    "color": {
                        "condition": {
                            "test": f"datum.value > {0.5 if normalised else 500}",
                            "value": "white",
                        },
                        "value": "black",
                    },
                },
            },
        ],
    }
    return pd.DataFrame(rows), spec


def per_class_chart(entries) -> tuple[pd.DataFrame, dict]:
    """Per-class accuracy (from each entry's confusion matrix), models side by side in each class."""
    rows = [
        {"model": e.name, "class": class_name(c), "accuracy": float(accuracy)}
        for e in entries
        for c, accuracy in enumerate(per_class_accuracy(e.confusion))
    ]
    spec = {
        "height": 260,  # of the bars: the labels and legend come on top (they took it all in talk mode)
        "autosize": {"type": "fit-x", "contains": "padding"},
        "mark": "bar",
        "encoding": {
            "x": {
                "field": "class",
                "type": "nominal",
                "sort": [class_name(c) for c in CLASSES],
                "title": None,
            },
            "xOffset": {"field": "model"},
            "y": {
                "field": "accuracy",
                "type": "quantitative",
                "axis": {"format": "%"},
                "title": _("accuracy"),
            },
            "color": colour_encoding([(e.name, e.architecture) for e in entries]),
            "tooltip": [
                {"field": "model", "title": _("model")},
                {"field": "class", "title": _("class")},
                {"field": "accuracy", "format": ".1%", "title": _("accuracy")},
            ],
        },
    }
    return pd.DataFrame(rows), spec
