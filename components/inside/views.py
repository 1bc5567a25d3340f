"""The views of the Inside the CNN page: maps beside pooled maps, one channel in numbers,
the kernels, and the dense network for contrast."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from components.image_views import tile
from components.inside.keys import DETAIL_CHANNEL, LAYER
from components.language import _, ngettext
from components.map_images import (
    KERNEL_COLOURS,
    colour_bar,
    coloured,
    kernel_scale,
    mark_cell,
    pair_tile,
)


def render_maps(model, pixels: np.ndarray, described: str, layer_picker=st):
    """The input, and beside it all channels of the convolution picked in ``layer_picker`` (a
    container up with the page's other picks), each feature map beside its pooled map; returns
    those maps (fashion_lab.analysis.inspection.FeatureMaps) for the views that look closer."""
    from fashion_lab.analysis.inspection import conv_stages, feature_maps

    stages = {s.conv: s for s in conv_stages(model)}
    conv = layer_picker.selectbox(_("Convolution layer"), list(stages), key=LAYER, persist_state="session")
    maps = feature_maps(model, pixels, stages[conv])
    high = float(maps.maps.max()) or 1.0
    filters = maps.maps.shape[-1]
    st.subheader(
        ngettext(
            "Feature maps of {layer}: {count} filter, {input}",
            "Feature maps of {layer}: {count} filters, {input}",
            filters,
        ).format(layer=conv, count=filters, input=described)
    )
    st.caption(
        _(
            "Each tile is one filter (numbered): its map (bright: strong response) and, right of it, "
            "the map after 2x2 max pooling: half the size, the strong responses kept. One colour "
            "scale for all."
        )
    )
    given, shown = st.columns([1, 4])  # the input beside its maps, on the first screen
    given.image(tile(pixels, side=128), caption=_("the input"), width=128)
    given.image(
        colour_bar(0.0, high),
        caption=_("colour scale: 0 (dark) to {high} (bright)").format(high=f"{high:.2f}"),
    )
    tiles = [
        pair_tile(maps.maps[..., c], None if maps.pooled is None else maps.pooled[..., c], high)
        for c in range(maps.maps.shape[-1])
    ]
    shown.image(tiles, caption=[str(c) for c in range(len(tiles))])
    return maps


def render_channel_detail(model, pixels: np.ndarray, maps, numbers: bool = True) -> None:
    """One channel of ``maps`` (render_maps's) large, with its kernel and, with ``numbers``, one
    output value computed by hand (talk mode shows the pictures alone)."""
    from fashion_lab.analysis.inspection import explain_conv_step, kernels, pooling_window

    channels = maps.maps.shape[-1]
    st.subheader(_("One filter, step by step"))
    channel = st.number_input(_("Filter"), 0, channels - 1, 0, key=DETAIL_CHANNEL, persist_state="session")
    values = maps.maps[..., channel]
    row, col = np.unravel_index(int(np.argmax(values)), values.shape)
    high = float(maps.maps.max()) or 1.0
    large, pooled, kernel_view = st.columns(3)
    where = _("map {channel}: the red square, row {row}, column {column}, is its strongest point").format(
        channel=channel, row=row, column=col
    )
    large.image(mark_cell(coloured(values, 0, high, side=252), row, col, values.shape[0]), caption=where)
    if maps.pooled is not None:
        cell = coloured(maps.pooled[..., channel], 0, high, side=252)
        marked = mark_cell(cell, row // 2, col // 2, maps.pooled.shape[0])
        side = maps.pooled.shape[0]
        pooled.image(
            marked,
            caption=_("pooled {channel} ({side}x{side}): the square's 2x2 window").format(
                channel=channel, side=side
            ),
        )
    kernel, _bias = kernels(model, maps.stage.conv)
    if kernel.shape[2] != 1:
        st.caption(
            _("The numbers of one step are shown for the first convolution, whose input is the image.")
        )
        return
    k = kernel[:, :, 0, channel]
    direct = maps.stage.activation == maps.stage.conv  # relu inside the convolution, nothing between
    kernel_view.image(
        coloured(k, -kernel_scale(kernel), kernel_scale(kernel), KERNEL_COLOURS, side=252),
        caption=_("kernel {channel} (3x3): red adds, blue subtracts").format(channel=channel),
    )
    if not numbers:
        return
    if not direct:
        st.caption(
            _(
                "This network normalises (batch norm) between the convolution and relu, so the map is "
                "not simply patch x kernel + bias: the step-by-step numbers are shown for the classic CNN."
            )
        )
        return
    step = explain_conv_step(model, pixels, maps.stage.conv, channel, int(row), int(col))
    st.markdown(
        _(
            "At its strongest point, row {row}, column {column}: **input patch x kernel**, summed, "
            "plus bias {bias} = {total}; relu keeps it: **{value}**."
        ).format(
            row=row,
            column=col,
            bias=f"{step.bias:+.3f}",
            total=f"{step.total:.3f}",
            value=f"{step.value:.3f}",
        )
    )
    patch_col, kernel_col, window_col = st.columns(3)
    patch_col.dataframe(pd.DataFrame(step.patch).style.format("{:.2f}"), hide_index=True)
    patch_col.caption(_("input patch (pixels / 255)"))
    kernel_col.dataframe(pd.DataFrame(step.kernel).style.format("{:+.3f}"), hide_index=True)
    kernel_col.caption(_("kernel weights"))
    if maps.pooled is not None:
        window = pooling_window(maps.maps, channel, int(row) // 2, int(col) // 2)
        window_col.dataframe(pd.DataFrame(window).style.format("{:.3f}"), hide_index=True)
        window_col.caption(
            _("the 2x2 window -> max pooling keeps {value}").format(value=f"{window.max():.3f}")
        )


def render_kernels(model) -> None:
    """The first convolution's kernels as 3x3 pictures on one colour scale."""
    from fashion_lab.analysis.inspection import conv_stages, kernels

    kernel, _bias = kernels(model, conv_stages(model)[0].conv)
    limit = kernel_scale(kernel)
    st.subheader(_("The kernels of the first convolution"))
    st.caption(
        _(
            "Each 3x3 filter the network learned. Red weights add the pixel, blue ones subtract it: "
            "a red row above a blue row finds horizontal edges."
        )
    )
    scale = _("colour scale: -{limit} to +{limit}").format(limit=f"{limit:.2f}")
    st.image(colour_bar(-limit, limit, KERNEL_COLOURS), caption=scale)
    st.image(
        [
            coloured(kernel[:, :, 0, c], -limit, limit, KERNEL_COLOURS, side=54)
            for c in range(kernel.shape[-1])
        ],
        caption=[f"{c}" for c in range(kernel.shape[-1])],
        width=54,
    )


def render_dense_view(dense_model, pixels: np.ndarray) -> None:
    """What the dense network does with the same image, for contrast."""
    from fashion_lab.analysis.inspection import dense_activations

    st.subheader(_("The dense network, for contrast"))
    if dense_model is None:
        st.info(_("No dense model in the store: train one to compare."))
        return
    activations = dense_activations(dense_model, pixels)
    columns = st.columns(len(activations))
    for column, (name, values) in zip(columns, activations.items(), strict=True):
        order = np.argsort(-values.sum(axis=0))  # the busiest units left: the rows' pattern shows
        column.image(
            coloured(values[:, order], 0, float(values.max()) or 1.0, side=256),
            caption=_("{layer}: {rows} image rows (down) x {units} units (across)").format(
                layer=name, rows=values.shape[0], units=values.shape[1]
            ),
        )
    st.caption(
        _(
            "Each dense layer looks at one whole row of pixels at a time (one row of the picture is one "
            "row here; units sorted, busiest left): rows the garment covers light up, empty rows stay "
            "dark. Then Flatten lines all the numbers up: a sleeve two pixels lower lands on other "
            "weights entirely, so the network has to learn every position separately."
        )
    )
