"""Tables: a data grid on a laptop (sort, search, scroll); in talk mode a plain table, whose text
grows with the page as a grid's does not."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.language import _
from components.state import talk_mode

GRID_FORMATS = {"int": "localized", "percent": "%.2f %%", "seconds": "%.1f"}  # the grid's formats
TEXT_FORMATS = {"int": "{:,}".format, "percent": "{:.2f}%".format, "seconds": "{:.1f}".format}
TEXT_FORMATS["yes/no"] = lambda value: _("yes") if value else _("no")  # the grid shows a tick


def show_table(
    table: pd.DataFrame, kinds: dict[str, str], index: str, talk_hides: tuple = (), plain: bool = False
) -> None:
    """``table`` with its ``kinds`` of values ({column: "int" | "percent" | "seconds" | "yes/no"})
    formatted (yes/no: a tick in the grid, the words in a table), ``index`` its first column; in
    talk mode without the columns ``talk_hides``. ``plain``: a plain table on a laptop too, for a
    few rows with nothing to sort or search (the grid's code, loaded by the browser at its first
    grid, held up the first page drawn by 0.2-0.6 s)."""
    talk = talk_mode()
    if talk or plain:
        shown = table.drop(columns=list(talk_hides)) if talk else table
        texts = {
            c: shown[c].map(lambda v, f=TEXT_FORMATS[kind]: "" if pd.isna(v) else f(v))
            for c, kind in kinds.items()
            if c in shown
        }
        st.table(shown.assign(**texts).set_index(index), border="horizontal")
        return
    config = {
        c: st.column_config.CheckboxColumn()
        if kind == "yes/no"
        else st.column_config.NumberColumn(format=GRID_FORMATS[kind])
        for c, kind in kinds.items()
    }
    st.dataframe(table, hide_index=True, width="stretch", column_config=config)
