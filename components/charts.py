"""Vega-Lite charts of training curves (interactive: hover a point for its value).

Each chart is a fixed spec plus a data frame: while a run goes on only the data changes, so the
browser swaps the dataset inside the chart it has instead of building a new chart every second
(measured: rebuilding two charts a second kept a core of a 2-core machine busy in Chromium).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from fashion_lab.progress import TrainingProgress

CHART_HEIGHT = 240
COLUMNS = ["x", "value", "series"]
BATCH_SERIES = "batch loss (smoothed)"
LOSS_COLOURS = {BATCH_SERIES: "#9ecae9", "loss": "#1f77b4", "val_loss": "#ff7f0e"}
ACCURACY_COLOURS = {"accuracy": "#1f77b4", "val_accuracy": "#ff7f0e"}


def loss_chart(progress: TrainingProgress) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Smoothed training loss per reported batch, with loss and val_loss per epoch."""
    batches = [
        {"x": r["position"], "value": r["smoothed"], "series": BATCH_SERIES} for r in progress.batch_rows
    ]
    data = pd.DataFrame(batches + _epoch_points(progress, ("loss", "val_loss")), columns=COLUMNS)
    spec = _spec(progress.epochs, "Loss", "loss (cross-entropy)", LOSS_COLOURS, value_format=".4f")
    batch_layer, epoch_layer = spec["layer"][0], spec["layer"][1]
    batch_layer["transform"] = [{"filter": {"field": "series", "equal": BATCH_SERIES}}]
    epoch_layer["transform"] = [{"filter": {"not": {"field": "series", "equal": BATCH_SERIES}}}]
    batch_layer["mark"] = {"type": "line"}
    return data, spec


def accuracy_chart(progress: TrainingProgress) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Training accuracy and val_accuracy (the 10,000 test images) per epoch."""
    data = pd.DataFrame(_epoch_points(progress, ("accuracy", "val_accuracy")), columns=COLUMNS)
    spec = _spec(progress.epochs, "Accuracy", "accuracy", ACCURACY_COLOURS, value_format=".2%")
    spec["layer"] = spec["layer"][1:]
    spec["encoding"]["y"]["scale"] = {"zero": False}
    spec["encoding"]["y"]["axis"] = {"format": "%"}
    return data, spec


def _epoch_points(progress: TrainingProgress, metrics: tuple[str, ...]) -> list[dict[str, Any]]:
    return [
        {"x": row["epoch"], "value": row[m], "series": m}
        for row in progress.epoch_rows
        for m in metrics
        if row.get(m) is not None
    ]


def _spec(epochs: int, title: str, y_title: str, colours: dict[str, str], value_format: str) -> dict:
    return {
        "title": title,
        "height": CHART_HEIGHT,  # of the plot area; the legend below adds to it
        "autosize": {"type": "fit-x", "contains": "padding"},
        "encoding": {
            "x": {
                "field": "x",
                "type": "quantitative",
                "title": "epoch",
                "scale": {"domain": [0, max(1, epochs)]},
                "axis": {"tickMinStep": 1},
            },
            "y": {"field": "value", "type": "quantitative", "title": y_title},
            "color": {
                "field": "series",
                "type": "nominal",
                "title": None,
                "scale": {"domain": list(colours), "range": list(colours.values())},
                "legend": {"orient": "bottom"},
            },
            "tooltip": [
                {"field": "series", "type": "nominal"},
                {"field": "x", "type": "quantitative", "title": "epoch", "format": ".2f"},
                {"field": "value", "type": "quantitative", "title": y_title, "format": value_format},
            ],
        },
        "layer": [
            {"mark": {"type": "line"}},
            {"mark": {"type": "line", "point": {"size": 60}}},
        ],
    }
