"""Vega-Lite charts of training curves (interactive: hover a point for its value).

Each chart is a fixed spec plus its rows: Streamlit draws a finished run's curves with them, and
the live panel (components/train/live_feed.py) embeds the same specs once and inserts new rows as a run
goes on (measured: rebuilding two charts a second kept a core of a 2-core machine busy).
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from components.language import N_, _
from components.palette import family_colour
from fashion_lab.training.progress import TrainingProgress

CHART_HEIGHT = 240
COLUMNS = ["x", "value", "series"]
BATCH_SERIES = N_("batch loss (smoothed)")  # a series' key in the rows: shown translated (_shown_series)
BATCH_COLOUR = "#c7c7c7"


def _colours(architecture: str, metric: str) -> dict[str, str]:
    """The run's family colour (components/palette.py): the test images' curve (val_) in its main
    shade, the training curve in its light one, the noisy batch losses grey."""
    train, test = family_colour(architecture, 1), family_colour(architecture, 0)
    batches = {BATCH_SERIES: BATCH_COLOUR} if metric == "loss" else {}
    return batches | {metric: train, f"val_{metric}": test}


def _dashes(series: list[str]) -> list[list[int]]:
    """Each series' dash, so that training and test curves differ by more than shade (a projector
    washes shades out): the training curves dashed, the test images' (val_) and the grey batch
    losses solid."""
    return [[8, 6] if name in ("loss", "accuracy") else [1, 0] for name in series]


def chart_rows(progress: TrainingProgress) -> dict[str, list[list[dict[str, Any]]]]:
    """Each chart's rows in parts that only grow as a run goes on: loss (batch points, epoch
    points) and accuracy (epoch points). The live panel inserts only what is new in each."""
    batches = [
        {"x": r["position"], "value": r["smoothed"], "series": BATCH_SERIES} for r in progress.batch_rows
    ]
    return {
        "loss": [batches, _epoch_points(progress, ("loss", "val_loss"))],
        "accuracy": [_epoch_points(progress, ("accuracy", "val_accuracy"))],
    }


def chart_specs(epochs: int, architecture: str) -> dict[str, dict[str, Any]]:
    """Both charts' Vega-Lite specs for a run of ``epochs`` of ``architecture``: fixed while it runs."""
    return {"loss": _loss_spec(epochs, architecture), "accuracy": _accuracy_spec(epochs, architecture)}


def loss_chart(progress: TrainingProgress, architecture: str) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Smoothed training loss per reported batch, with loss and val_loss per epoch."""
    batches, epochs = chart_rows(progress)["loss"]
    return pd.DataFrame(batches + epochs, columns=COLUMNS), _loss_spec(progress.epochs, architecture)


def accuracy_chart(progress: TrainingProgress, architecture: str) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Training accuracy and val_accuracy (the 10,000 test images) per epoch."""
    (epochs,) = chart_rows(progress)["accuracy"]
    return pd.DataFrame(epochs, columns=COLUMNS), _accuracy_spec(progress.epochs, architecture)


def _loss_spec(epochs: int, architecture: str) -> dict[str, Any]:
    colours = _colours(architecture, "loss")
    spec = _spec(epochs, _("Loss"), _("loss (cross-entropy)"), colours, value_format=".4f")
    batch_layer, epoch_layer = spec["layer"][0], spec["layer"][1]
    batch_layer["transform"] = [{"filter": {"field": "series", "equal": BATCH_SERIES}}]
    epoch_layer["transform"] = [{"filter": {"not": {"field": "series", "equal": BATCH_SERIES}}}]
    batch_layer["mark"] = {"type": "line"}
    return spec


def _accuracy_spec(epochs: int, architecture: str) -> dict[str, Any]:
    colours = _colours(architecture, "accuracy")
    spec = _spec(epochs, _("Accuracy"), _("accuracy"), colours, value_format=".2%")
    spec["layer"] = spec["layer"][1:]
    spec["encoding"]["y"]["scale"] = {"zero": False}
    spec["encoding"]["y"]["axis"] = {"format": "%"}
    return spec


def _epoch_points(progress: TrainingProgress, metrics: tuple[str, ...]) -> list[dict[str, Any]]:
    return [
        {"x": row["epoch"], "value": row[m], "series": m}
        for row in progress.epoch_rows
        for m in metrics
        if row.get(m) is not None
    ]


def _shown_series(value: str) -> str:
    """A Vega expression: the series ``value`` (an expression) as shown, the batch losses' in the
    page's language (the rows keep their keys, which the live feed writes in no language)."""
    shown = json.dumps(_(BATCH_SERIES), ensure_ascii=False)
    return f"{value} === {json.dumps(BATCH_SERIES)} ? {shown} : {value}"


def _spec(epochs: int, title: str, y_title: str, colours: dict[str, str], value_format: str) -> dict:
    legend = {"orient": "bottom", "columns": 2, "title": None, "labelExpr": _shown_series("datum.value")}
    return {
        "title": title,
        "height": CHART_HEIGHT,  # of the plot area; the legend below adds to it
        "autosize": {"type": "fit-x", "contains": "padding"},
        "transform": [{"calculate": _shown_series("datum.series"), "as": "shown"}],
        "encoding": {
            "x": {
                "field": "x",
                "type": "quantitative",
                "title": _("epoch"),
                "scale": {"domain": [0, max(1, epochs)]},
                "axis": {"tickMinStep": 1},
            },
            "y": {"field": "value", "type": "quantitative", "title": y_title},
            "color": {
                "field": "series",
                "type": "nominal",
                "title": None,
                "scale": {"domain": list(colours), "range": list(colours.values())},
                "legend": legend,  # 2 a row: whole names
            },
            "strokeDash": {  # the same field as the colour: one legend shows both
                "field": "series",
                "type": "nominal",
                "title": None,
                "scale": {"domain": list(colours), "range": _dashes(list(colours))},
                "legend": legend,
            },
            "tooltip": [
                {"field": "shown", "type": "nominal", "title": _("series")},
                {"field": "x", "type": "quantitative", "title": _("epoch"), "format": ".2f"},
                {"field": "value", "type": "quantitative", "title": y_title, "format": value_format},
            ],
        },
        "layer": [
            {"mark": {"type": "line"}},
            {"mark": {"type": "line", "point": {"size": 60}}},
        ],
    }
