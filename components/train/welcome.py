"""The first page's welcome: what Fashion-MNIST is and what to do first (dismissable, not in
talk mode, where the presenter says it)."""

from __future__ import annotations

import streamlit as st

from components.language import N_, _
from components.state import WELCOME_DISMISSED, talk_mode
from components.train.keys import GOT_IT

WELCOME = N_(
    "#### Welcome to Fashion-MNIST Lab\n"
    "Fashion-MNIST is 70,000 small grayscale pictures (28x28 pixels) of garments in 10 classes: "
    "T-shirts, trousers, pullovers, dresses, coats, sandals, shirts, sneakers, bags and ankle "
    "boots. This lab shows why a convolutional network (CNN) reads them better than a plain dense "
    "network. **Start here**: pick a model and press **Train** to watch it learn; then look "
    "**Inside the CNN**, draw a garment on **Classify**, and see both networks side by side on "
    "**Compare**. Trained models are ready on every page, so you can start anywhere."
)


def render_welcome() -> None:
    if talk_mode() or WELCOME_DISMISSED.get():
        return
    with st.container(border=True):
        st.markdown(_(WELCOME))
        st.button(
            _("Got it"),
            key=GOT_IT,
            on_click=WELCOME_DISMISSED.set,
            args=(True,),
        )
