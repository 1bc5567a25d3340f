"""Vega-Lite specs of the quiz board: the three accuracies against the published human line,
and a 10x10 matrix of answers per true class."""

from __future__ import annotations

import pandas as pd

from components.language import _, class_name
from fashion_lab.data.fashion_mnist import CLASS_NAMES


def accuracy_chart(summary) -> tuple[pd.DataFrame, dict]:
    """The room's, the dense network's and the CNN's accuracy as bars, the room's with its 95%
    interval, and a dashed line at the published human figure."""
    low, high = summary.interval
    rows = [
        {"who": _("the room"), "accuracy": summary.accuracy or 0.0, "low": low, "high": high},
        {"who": _("dense"), "accuracy": summary.dense_accuracy, "low": None, "high": None},
        {"who": "CNN", "accuracy": summary.cnn_accuracy, "low": None, "high": None},
    ]
    who = {"field": "who", "type": "nominal", "sort": None, "title": None}
    share = {"type": "quantitative", "scale": {"domain": [0, 1]}, "axis": {"format": "%"}, "title": None}
    human = {"human": summary.human}  # the dashed line; the board says what it is beneath
    spec = {
        "height": 150,
        "autosize": {"type": "fit-x", "contains": "padding"},
        "layer": [
            {"mark": "bar", "encoding": {"y": who, "x": {"field": "accuracy", **share}}},
            {
                "mark": {"type": "errorbar", "ticks": True, "color": "#31333f"},
                "encoding": {"y": who, "x": {"field": "low", **share}, "x2": {"field": "high"}},
            },
            {
                "data": {"values": [human]},
                "mark": {"type": "rule", "strokeDash": [4, 4], "color": "gray"},
                "encoding": {"x": {"field": "human", **share}},
            },
        ],
    }
    return pd.DataFrame(rows), spec


def answers_chart(matrix, title: str, talk: bool) -> tuple[pd.DataFrame, dict]:
    """``matrix[true][answered]``, a share 0-1, as a 10x10 grid of blues."""
    names = [class_name(index) for index in range(len(CLASS_NAMES))]  # in the language shown
    cells = [
        {"true": names[t], "answered": names[a], "share": float(matrix[t][a])}
        for t in range(len(names))
        for a in range(len(names))
    ]
    classes = {"type": "nominal", "sort": names, "axis": {"labelOverlap": False}}
    true, answered = _("true"), _("answered")  # the axes' and the tooltip's titles
    spec = {
        "title": title,
        "height": 380 if talk else 260,
        "autosize": {"type": "fit-x", "contains": "padding"},
        "mark": "rect",
        "encoding": {
            "y": {"field": "true", "title": true, **classes},
            "x": {"field": "answered", "title": answered, **classes},
            "color": {
                "field": "share",
                "type": "quantitative",
                "scale": {"scheme": "blues", "domain": [0, 1]},
                "legend": None,
            },
            "tooltip": [
                {"field": "true", "title": true},
                {"field": "answered", "title": answered},
                {"field": "share", "title": _("share"), "format": ".0%"},
            ],
        },
    }
    return pd.DataFrame(cells), spec
