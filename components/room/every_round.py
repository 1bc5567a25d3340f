"""The room's drawings as evidence: each network's share right on every round's drawings so far,
per class asked for, with the counts (the CLI's ``room --every-round --set`` exports them)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.language import _
from components.room.keys import EVERY_ROUND
from components.tables import show_table
from fashion_lab.room.drawings import scoreboard, shares_right


def render_every_round(room) -> None:
    """A switch under the board: on, every round's score (counted only then: the board
    refreshes every 2 s, and every round is the whole table)."""
    if st.toggle(_("Every round so far: how each network did on all the room's drawings"), key=EVERY_ROUND):
        score = scoreboard(room, every_round=True)
        if not score.count:
            st.markdown(_("No drawing yet."))
            return
        dense, cnn = shares_right(score)
        st.markdown(
            _("**Dense {dense} · CNN {cnn}** right on {drawings} drawing(s) over {rounds} round(s)").format(
                dense=f"{dense:.0%}",
                cnn=f"{cnn:.0%}",
                drawings=score.count,
                rounds=room.rounds_with_drawings(),
            )
        )
        asked, drawn, dense_right, cnn_right = _("asked"), _("drawn"), _("dense right"), _("CNN right")
        rows = [  # by the English name: the order stays in any language
            {asked: _(name), drawn: n, dense_right: d / n, cnn_right: c / n}
            for name, (n, d, c) in sorted(score.per_class.items())
        ]
        show_table(pd.DataFrame(rows), {dense_right: "percent", cnn_right: "percent"}, asked)
