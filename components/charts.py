"""Altair charts of training curves (interactive: hover a point for its value)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from fashion_lab.progress import TrainingProgress

CHART_HEIGHT = 280


def _epoch_axis(epochs: int) -> alt.X:
    return alt.X("x:Q", title="epoch", scale=alt.Scale(domain=[0, max(1, epochs)]),
                 axis=alt.Axis(tickMinStep=1))


def loss_chart(progress: TrainingProgress) -> alt.Chart:
    """Smoothed training loss per reported batch, with loss and val_loss per epoch."""
    batches = pd.DataFrame(
        [{"x": r["position"], "value": r["smoothed"], "series": "batch loss (smoothed)"}
         for r in progress.batch_rows]
    )
    epochs = _epoch_long(progress, ("loss", "val_loss"))
    color = alt.Color("series:N", title=None, scale=alt.Scale(
        domain=["batch loss (smoothed)", "loss", "val_loss"], range=["#9ecae9", "#1f77b4", "#ff7f0e"]))
    tooltip = [alt.Tooltip("series:N"), alt.Tooltip("x:Q", title="epoch", format=".2f"),
               alt.Tooltip("value:Q", title="loss", format=".4f")]
    y = alt.Y("value:Q", title="loss (cross-entropy)", scale=alt.Scale(zero=True))
    layers = []
    if not batches.empty:
        layers.append(
            alt.Chart(batches).mark_line().encode(_epoch_axis(progress.epochs), y, color, tooltip=tooltip)
        )
    if not epochs.empty:
        layers.append(alt.Chart(epochs).mark_line(point=alt.OverlayMarkDef(size=60)).encode(
            _epoch_axis(progress.epochs), y, color, tooltip=tooltip))
    return _layered(layers, progress, "Loss")


def accuracy_chart(progress: TrainingProgress) -> alt.Chart:
    """Training accuracy and val_accuracy (the 10,000 test images) per epoch."""
    epochs = _epoch_long(progress, ("accuracy", "val_accuracy"))
    color = alt.Color("series:N", title=None, scale=alt.Scale(
        domain=["accuracy", "val_accuracy"], range=["#1f77b4", "#ff7f0e"]))
    tooltip = [alt.Tooltip("series:N"), alt.Tooltip("x:Q", title="epoch"),
               alt.Tooltip("value:Q", title="accuracy", format=".2%")]
    y = alt.Y("value:Q", title="accuracy", scale=alt.Scale(zero=False), axis=alt.Axis(format="%"))
    layers = []
    if not epochs.empty:
        layers.append(alt.Chart(epochs).mark_line(point=alt.OverlayMarkDef(size=60)).encode(
            _epoch_axis(progress.epochs), y, color, tooltip=tooltip))
    return _layered(layers, progress, "Accuracy")


def _epoch_long(progress: TrainingProgress, metrics: tuple[str, ...]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"x": row["epoch"], "value": row[m], "series": m}
         for row in progress.epoch_rows for m in metrics if row.get(m) is not None]
    )


def _layered(layers: list[alt.Chart], progress: TrainingProgress, title: str) -> alt.Chart:
    if not layers:  # nothing yet: an empty frame with the final axes, so the page does not jump
        empty = pd.DataFrame({"x": [0.0], "value": [0.0]})
        layers = [alt.Chart(empty).mark_point(opacity=0).encode(
            _epoch_axis(progress.epochs), alt.Y("value:Q", title=title.lower()))]
    chart = alt.layer(*layers).properties(title=title, height=CHART_HEIGHT, width="container")
    return chart.configure_legend(orient="bottom")
