"""The Train page: choose a model and its settings, start a job, watch it learn."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.state import (
    TRAIN_REFUSAL,
    get_job_registry,
    get_store,
    get_train_job,
    session_id,
    set_live_feed,
    set_train_job,
    talk_mode,
)
from components.train.live_feed import start_live_feed
from components.train.run_panel import render_training_panel
from components.train.settings import (
    ARCHITECTURE,
    AUGMENT,
    BATCH_SIZE,
    COSINE,
    EPOCHS,
    LEARNING_RATE,
    SEED,
    START,
    SUBSET,
    config_from,
)
from components.training_subsets import SUBSETS
from fashion_lab.architectures import ARCHITECTURES, layer_table
from fashion_lab.config import TrainingConfig

BATCH_SIZES = [32, 64, 128, 256, 512]
LEARNING_RATES = [0.0003, 0.001, 0.002, 0.003, 0.005, 0.01]


def render_train() -> None:
    """Controls and layer table, the Train button, then the live progress of this tab's job."""
    st.title("Train")
    st.caption(
        "Pick a network, press Train, and watch it learn: the loss falls and the accuracy on the "
        "10,000 test images (val_accuracy) rises, epoch by epoch. You can keep using the app meanwhile."
    )
    job = get_train_job()
    locked = job is not None and not job.state.done
    defaults = TrainingConfig()
    settings, layers = st.columns([2, 3], gap="large")
    with settings:
        architecture = st.selectbox("Model", list(ARCHITECTURES), key=ARCHITECTURE, disabled=locked)
        st.caption(ARCHITECTURES[architecture].description)
        epochs = st.slider("Epochs", 1, 50, defaults.epochs, key=EPOCHS, disabled=locked)
        st.selectbox("Training images", list(SUBSETS), key=SUBSET, disabled=locked)
        if not talk_mode():
            _more_settings(locked, defaults)
        # A callback runs before the page is drawn again: this one run draws the settings locked
        # and the live panel (starting the job and then rerunning drew the page twice, work that
        # the browser and the server did while the model began to train).
        st.button(
            "Train",
            type="primary",
            key=START,
            disabled=locked,
            icon=":material/play_arrow:",
            on_click=_start,
        )
        if refusal := st.session_state.pop(TRAIN_REFUSAL, None):
            st.error(refusal)
    with layers:
        table = pd.DataFrame(layer_table(architecture))
        st.markdown(f"**Layers of `{architecture}`**: {table['parameters'].sum():,} parameters")
        st.dataframe(
            table,
            hide_index=True,
            width="stretch",
            column_config={"parameters": st.column_config.NumberColumn(format="localized")},
        )
    render_training_panel(epochs)


def _more_settings(locked: bool, defaults: TrainingConfig) -> None:
    """Batch size, learning rate, schedule, augmentation, seed: out of sight in talk mode."""
    with st.expander("More settings"):
        st.select_slider("Batch size", BATCH_SIZES, defaults.batch_size, key=BATCH_SIZE, disabled=locked)
        st.select_slider(
            "Learning rate (peak)",
            LEARNING_RATES,
            defaults.learning_rate,
            key=LEARNING_RATE,
            disabled=locked,
        )
        st.toggle(
            "Cosine learning-rate decay",
            defaults.schedule == "cosine",
            key=COSINE,
            disabled=locked,
            help="Lower the learning rate smoothly to 0 by the last batch.",
        )
        st.toggle(
            "Augment the training images",
            defaults.augment,
            key=AUGMENT,
            disabled=locked,
            help="Random shifts, zoom, flips and contrast: slower to learn, better on real photos.",
        )
        st.number_input("Seed", 0, 2**31 - 1, defaults.seed, key=SEED, disabled=locked)


def _start() -> None:
    """The Train button's callback: start this tab's job and its live feed, or say why not."""
    from fashion_lab.metadata import store_saver
    from fashion_lab.training import TrainingJob

    registry = get_job_registry()
    job = TrainingJob(config_from(st.session_state, talk_mode()), save=store_saver(get_store()))
    if not registry.try_start(job, session_id()):
        st.session_state[TRAIN_REFUSAL] = (
            f"The server is already training {registry.limit} models, its limit. "
            "Press Train again when one of them has finished."
        )
        return
    set_train_job(job)
    set_live_feed(start_live_feed(job))
