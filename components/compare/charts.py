"""Vega-Lite specs of the Compare page: curves with reference lines, confusion, per-class bars."""

from __future__ import annotations

import numpy as np
import pandas as pd

from fashion_lab.comparison import BEST_KNOWN_ACCURACY, HUMAN_ACCURACY
from fashion_lab.data import CLASS_NAMES

REFERENCES = pd.DataFrame(
    {
        "value": [HUMAN_ACCURACY, BEST_KNOWN_ACCURACY],
        "label": [f"human {HUMAN_ACCURACY:.1%}", f"best known {BEST_KNOWN_ACCURACY:.1%}"],
    }
)


MODEL_COLOURS = {  # distinct hues (Streamlit's theme would otherwise pick shades of one blue)
    "field": "model",
    "type": "nominal",
    "legend": {"orient": "bottom"},
    "scale": {"range": ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"]},
}


def curves_chart(entries, metric: str) -> tuple[pd.DataFrame, dict]:
    """``metric`` per epoch for every model, one colour each; accuracy gets reference lines."""
    rows = [
        {"model": e.name, "epoch": i + 1, "value": v}
        for e in entries
        for i, v in enumerate(e.history(metric))
    ]
    line = {
        "mark": {"type": "line", "point": True},
        "encoding": {
            "x": {"field": "epoch", "type": "quantitative", "axis": {"tickMinStep": 1}},
            "y": {"field": "value", "type": "quantitative", "title": metric, "scale": {"zero": False}},
            "color": {"field": "model", "type": "nominal", "legend": {"orient": "bottom"}},
            "tooltip": [{"field": "model"}, {"field": "epoch"}, {"field": "value", "format": ".4f"}],
        },
    }
    spec = {
        "title": metric,
        "height": 260,
        "autosize": {"type": "fit-x", "contains": "padding"},
        "layer": [line],
    }
    if metric == "val_accuracy":
        line["encoding"]["y"]["axis"] = {"format": "%"}
        refs = {"data": {"values": REFERENCES.to_dict("records")}}
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


def confusion_chart(matrix: np.ndarray, title: str, normalised: bool) -> tuple[pd.DataFrame, dict]:
    """A 10x10 heatmap, true class down, predicted class across, the value in each cell."""
    rows = [
        {"true": CLASS_NAMES[t], "predicted": CLASS_NAMES[p], "value": float(matrix[t, p])}
        for t in range(len(CLASS_NAMES))
        for p in range(len(CLASS_NAMES))
    ]
    fmt = ".0%" if normalised else ".0f"
    axis = {"sort": list(CLASS_NAMES), "type": "nominal", "axis": {"labelOverlap": False}}
    spec = {
        "title": title,
        "width": 340,
        "height": 340,
        "encoding": {"x": {"field": "predicted", **axis}, "y": {"field": "true", **axis}},
        "layer": [
            {
                "mark": "rect",
                "encoding": {
                    "color": {
                        "field": "value",
                        "type": "quantitative",
                        "scale": {"scheme": "blues"},
                        "legend": None,
                    },
                    "tooltip": [{"field": "true"}, {"field": "predicted"}, {"field": "value", "format": fmt}],
                },
            },
            {
                "mark": {"type": "text", "fontSize": 9},
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


def per_class_chart(accuracies: dict[str, np.ndarray]) -> tuple[pd.DataFrame, dict]:
    """Per-class accuracy, models side by side within each class."""
    rows = [
        {"model": name, "class": CLASS_NAMES[c], "accuracy": float(values[c])}
        for name, values in accuracies.items()
        for c in range(len(CLASS_NAMES))
    ]
    spec = {
        "height": 260,
        "mark": "bar",
        "encoding": {
            "x": {"field": "class", "type": "nominal", "sort": list(CLASS_NAMES), "title": None},
            "xOffset": {"field": "model"},
            "y": {"field": "accuracy", "type": "quantitative", "axis": {"format": "%"}},
            "color": MODEL_COLOURS,
            "tooltip": [{"field": "model"}, {"field": "class"}, {"field": "accuracy", "format": ".1%"}],
        },
    }
    return pd.DataFrame(rows), spec
