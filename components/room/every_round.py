"""The room's drawings as evidence: each network's share right on every round's drawings so far,
per class asked for, with the counts (the CLI's ``room --every-round --set`` exports them)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.room.keys import EVERY_ROUND
from components.tables import show_table
from fashion_lab.room.drawings import scoreboard, shares_right


def render_every_round(room) -> None:
    """A switch under the board: on, every round's score (counted only then: the board
    refreshes every 2 s, and every round is the whole table)."""
    if st.toggle("Every round so far: how each network did on all the room's drawings", key=EVERY_ROUND):
        score = scoreboard(room, every_round=True)
        if not score.count:
            st.markdown("No drawing yet.")
            return
        dense, cnn = shares_right(score)
        st.markdown(
            f"**Dense {dense:.0%} · CNN {cnn:.0%}** right on {score.count} drawing(s) "
            f"over {room.rounds_with_drawings()} round(s)"
        )
        rows = [
            {"asked": name, "drawn": n, "dense right": d / n, "CNN right": c / n}
            for name, (n, d, c) in sorted(score.per_class.items())
        ]
        show_table(pd.DataFrame(rows), {"dense right": "percent", "CNN right": "percent"}, "asked")
