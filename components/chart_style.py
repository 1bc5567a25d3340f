"""Every chart's look in one place: Vega config close to Streamlit's own chart theme, with text
that grows in talk mode; the live panel and st.vega_lite_chart use the same."""

from __future__ import annotations

from typing import Any

import streamlit as st

from components.state import talk_mode

# (labels and axis titles, chart titles) in px: in talk mode, text the back row reads (>= 24 px)
TALK_SIZES, LAPTOP_SIZES = (24, 28), (12, 16)
TALK_LINE, LAPTOP_LINE = 4, 2  # px of a line mark's stroke


def chart_config(talk: bool) -> dict[str, Any]:
    """Vega config: fonts, greys, legends whose labels are never cut; in talk mode, large text
    and thick lines."""
    size, grey, line = TALK_SIZES if talk else LAPTOP_SIZES, "#808495", "#e6eaf1"
    return {
        "font": '"Source Sans Pro", "Source Sans 3", "Noto Sans KR", sans-serif',  # Hangul: the app's font
        "axis": {
            "labelFontSize": size[0],
            "titleFontSize": size[0],
            "labelColor": grey,
            "titleColor": grey,
            "titleFontWeight": "normal",
            "gridColor": line,
            "domainColor": line,
            "tickColor": line,
            "labelLimit": 0,
        },
        "legend": {"labelFontSize": size[0], "labelColor": grey, "labelLimit": 0, "titleFontSize": size[0]},
        "header": {"labelFontSize": size[0], "titleFontSize": size[0]},
        "text": {"fontSize": size[0]},
        "title": {
            "fontSize": size[1],
            "anchor": "start",
            "color": "#31333f",
            "fontWeight": 600,
            "subtitleFontSize": size[0],
            "subtitleColor": grey,
        },
        "view": {"stroke": None},
        "line": {"strokeWidth": TALK_LINE if talk else LAPTOP_LINE},
        "rule": {"strokeWidth": TALK_LINE / 2 if talk else 1},
        "point": {"size": 120 if talk else 40},
    }


def show_chart(data, spec: dict[str, Any], where=st, **options) -> None:
    """``where.vega_lite_chart`` with the app's chart config (talk mode's when it is on)."""
    where.vega_lite_chart(data, {**spec, "config": chart_config(talk_mode())}, **options)
