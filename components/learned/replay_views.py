"""The replay's three views at one point of training: the dense network's weight pictures, the
CNN's kernels and one probe image's maps, and both validation curves with the point marked and
the numbers that say what the pictures show."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.chart_style import show_chart
from components.language import _, class_name, ngettext
from components.learned.pictures import map_grid, replay_scale, weight_grid
from components.palette import colour_encoding
from components.plain_text import plain
from components.resources import load_stored_model
from components.state import talk_mode
from fashion_lab.analysis.learning_measures import describe_learning, finished_numbers, kernel_kinds
from fashion_lab.analysis.replay import point_label, probes_right, snapshot_index, steps_per_epoch
from fashion_lab.data.fashion_mnist import CLASS_NAMES
from fashion_lab.models.first_layer import (
    first_layer_maps,
    keras_layers,
    kernel_pictures,
    largest_units,
    probe_indices,
    unit_pictures,
)
from fashion_lab.models.registry import is_convolutional
from model_store import StoreError

SHOWN_UNITS = 16  # a wide layer's units shown at first: those with the largest weights at the end


def _heading(entry, index: int, record, position: float) -> None:
    """The model's name, how many of the probe images (one a class) it answered right then, and
    its own point when it has none at the scrubbed one (a shorter run, or one recorded sparser)."""
    right, probes = probes_right(record, index), len(record["probe_answers"][index])
    colour = "blue" if is_convolutional(entry.architecture) else "orange"  # the chart's colours
    shown = record["positions"][index]
    name = f":{colour}[**{plain(entry.name)}**]"
    if abs(shown - position) < 1e-3:
        heading = _("{name} · {right}/{probes} probes right").format(name=name, right=right, probes=probes)
    else:
        point = point_label(int(record["batches"][index]), steps_per_epoch(record))
        heading = _("{name} (its {point}) · {right}/{probes} probes right").format(
            name=name, point=point, right=right, probes=probes
        )
    st.markdown(heading)


def render_dense(entry, record, position: float, show_all: bool) -> None:
    index = snapshot_index(record, position)
    _heading(entry, index, record, position)
    units = record["units"][index]
    classes = units.shape[0] == len(CLASS_NAMES) and entry.architecture == "dense"
    if not show_all:
        units = units[:SHOWN_UNITS] if classes else units[largest_units(record["units"][-1], SHOWN_UNITS)]
    columns = 5 if classes else 8 if show_all else 4
    limit = replay_scale(record["units"])
    st.image(weight_grid(units, columns, side=64 if talk_mode() else 56, limit=limit))
    names = [class_name(index) for index in range(len(CLASS_NAMES))]
    order = _("{top} above; {bottom} below").format(top=", ".join(names[:5]), bottom=", ".join(names[5:]))
    if talk_mode():
        st.caption(order if classes else _("Red adds, blue subtracts"))
    elif classes:
        st.caption(
            _(
                "What each class weighs at each pixel (its weights multiplied through the layers): {order}. "
                "Red adds, blue subtracts (one scale for the whole run: ±{limit}). Its first layers see "
                "one row at a time, the same weights on every row: the pictures come in stripes."
            ).format(order=order, limit=f"{limit:.2f}")
        )
    elif show_all:
        st.caption(
            _(
                "First-layer units, 28x28 weights each: all the replay keeps with the largest weights at the "
                "end. Red adds, blue subtracts (one scale for the whole run: ±{limit})."
            ).format(limit=f"{limit:.2f}")
        )
    else:
        st.caption(
            _(
                "First-layer units, 28x28 weights each: the {count} with the largest weights at the end. "
                "Red adds, blue subtracts (one scale for the whole run: ±{limit})."
            ).format(count=SHOWN_UNITS, limit=f"{limit:.2f}")
        )


def render_cnn(entry, record, position: float, images, probe: int) -> None:
    index = snapshot_index(record, position)
    _heading(entry, index, record, position)
    side = 34 if talk_mode() else 30
    kernels = record["kernels"][index]
    limit = replay_scale(record["kernels"])
    st.image(weight_grid(kernels, 8, side=side, limit=limit))
    if not talk_mode():
        st.caption(
            ngettext(
                "The {count} kernel of the first convolution, 3x3 (one scale for the whole run: ±{limit}).",
                "The {count} kernels of the first convolution, 3x3 each "
                "(one scale for the whole run: ±{limit}).",
                len(kernels),
            ).format(count=len(kernels), limit=f"{limit:.2f}")
        )
    test_images, labels = images
    image = test_images[probe_indices(labels)[probe]]
    maps = first_layer_maps(image, kernels, record["map_scale"][index], record["map_shift"][index])
    picture, high = map_grid(maps, 8, side=side)
    st.image(picture)
    garment = class_name(probe).lower()
    if talk_mode():
        st.caption(_("The {garment}'s maps").format(garment=garment))
    else:
        st.caption(
            _("What each kernel makes of the {garment} (0 to {high}).").format(
                garment=garment, high=f"{high:.2f}"
            )
        )


def _curve_rows(entries) -> pd.DataFrame:
    rows = [
        {"model": entry.name, "epoch": epoch, "accuracy": value}
        for entry in entries
        for epoch, value in enumerate(entry.meta["history"].get("val_accuracy", []), start=1)
    ]
    return pd.DataFrame(rows, columns=["model", "epoch", "accuracy"])


def render_accuracy(entries, position: float, cnn_record, images) -> None:
    """Both validation curves, the point marked; the numbers and their sentence."""
    models = [(e.name, e.architecture) for e in entries]
    epochs = max(len(e.meta["history"].get("val_accuracy", [])) for e in entries)
    spec = {
        "title": _("Test accuracy"),
        "height": 130 if talk_mode() else 200,
        "autosize": {"type": "fit-x", "contains": "padding"},
        "layer": [
            {
                "mark": {"type": "line", "point": True},
                "encoding": {
                    "x": {
                        "field": "epoch",
                        "type": "quantitative",
                        "scale": {"domain": [0, max(1, epochs)]},
                        "title": _("epoch"),
                    },
                    "y": {
                        "field": "accuracy",
                        "type": "quantitative",
                        "scale": {"zero": False},
                        "axis": {"format": "%"},
                        "title": _("accuracy"),
                    },
                    "color": colour_encoding(models) | {"legend": None},  # the names above, in colour
                },
            },
            {
                "data": {"values": [{"epoch": position}]},
                "mark": {"type": "rule", "color": "#31333f", "strokeDash": [4, 4]},
                "encoding": {"x": {"field": "epoch", "type": "quantitative"}},
            },
        ],
    }
    show_chart(_curve_rows(entries), spec)
    st.markdown(_sentence(entries[0], entries[1], cnn_record, images))


@st.cache_data(max_entries=16, show_spinner=False)
def _finished(dense_key: tuple, cnn_key: tuple, _dense, _cnn, _images) -> tuple:
    """The finished networks' numbers, measured on their whole first layers (the record keeps
    only a wide dense layer's largest units); once per pair of weights. StoreError when a model
    was deleted or changed since the page listed it."""
    units = unit_pictures(keras_layers(load_stored_model(_dense)))
    kernels = kernel_pictures(keras_layers(load_stored_model(_cnn)))["kernels"]
    return finished_numbers(units, kernels, _images[0])


def _sentence(dense, cnn, cnn_record, images) -> str:
    keys = [(e.name, e.weights_sha256) for e in (dense, cnn)]
    try:
        dense_dependence, cnn_dependence, end = _finished(keys[0], keys[1], dense, cnn, images)
    except StoreError as error:
        return _("The numbers cannot be measured: {error}").format(error=plain(error))
    start = kernel_kinds(cnn_record["kernels"][0])
    return describe_learning(dense_dependence, cnn_dependence, start, end, talk_mode())
