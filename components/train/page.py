"""The Train page: choose a model and its settings, start a job, watch it learn."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.language import N_, _, ngettext
from components.state import TRAIN_JOB, TRAIN_REFUSAL, kept_settings, session_id, set_live_feed, talk_mode
from components.tables import show_table
from components.train.keys import (
    ARCHITECTURE,
    AUGMENT,
    BATCH_SIZE,
    COSINE,
    EPOCHS,
    LEARNING_RATE,
    SEED,
    START,
    SUBSET,
)
from components.train.live_feed import start_live_feed
from components.train.run_panel import render_training_panel
from components.train.settings import config_from, widget_values
from components.train.welcome import render_welcome
from components.training_jobs import get_job_registry, is_session_alive, new_training_job
from components.training_subsets import SUBSETS
from fashion_lab.models.registry import ARCHITECTURES, layer_table
from fashion_lab.training.config import TrainingConfig

BATCH_SIZES = [32, 64, 128, 256, 512]
LEARNING_RATES = [0.0003, 0.001, 0.002, 0.003, 0.005, 0.01]
# The layer table's columns (fashion_lab/models/registry.py's layer_table), as shown.
LAYER_COLUMNS = {
    "layer": N_("layer"),
    "type": N_("type"),
    "output shape": N_("output shape"),
    "parameters": N_("parameters"),
}


def render_train() -> None:
    """Controls and layer table, the Train button, then the live progress of this tab's job."""
    st.title(_("Train"))
    render_welcome()
    st.caption(
        _(
            "Pick a network, press Train, and watch it learn: the loss falls and the accuracy on the "
            "10,000 test images (val_accuracy) rises, epoch by epoch. You can keep using the app meanwhile."
        )
    )
    job = TRAIN_JOB.get()
    locked = job is not None and not job.state.done
    # Each setting shows what this tab chose last (the run's own settings once Train is pressed),
    # across page switches and talk mode, until it is changed.
    shown, drawn = kept_settings(widget_values(TrainingConfig()), disabled=locked)
    talk = talk_mode()
    settings, layers = st.columns([1, 1] if talk else [2, 3], gap="large")  # talk: whole labels
    with settings:
        names, subsets = list(ARCHITECTURES), list(SUBSETS)
        architecture = st.selectbox(
            _("Model"), names, names.index(shown[ARCHITECTURE]), **drawn(ARCHITECTURE)
        )
        st.caption(_(ARCHITECTURES[architecture].description))  # translated where the catalogue has it
        epochs = st.slider(_("Epochs"), 1, 50, shown[EPOCHS], **drawn(EPOCHS))
        st.selectbox(
            _("Training images"), subsets, subsets.index(shown[SUBSET]), format_func=_, **drawn(SUBSET)
        )
        if not talk:
            _more_settings(shown, drawn)
        # A callback runs before the page is drawn again: this one run draws the settings locked
        # and the live panel (starting the job and then rerunning drew the page twice, work that
        # the browser and the server did while the model began to train).
        st.button(
            _("Train"),
            type="primary",
            key=START,
            disabled=locked,
            icon=":material/play_arrow:",
            on_click=_start,
        )
        if refusal := TRAIN_REFUSAL.take():
            st.error(refusal)
    with layers:
        table = pd.DataFrame(layer_table(architecture))
        count = int(table["parameters"].sum())
        heading = ngettext(
            "**Layers of `{architecture}`**: {count} parameter",
            "**Layers of `{architecture}`**: {count} parameters",
            count,
        )
        st.markdown(heading.format(architecture=architecture, count=f"{count:,}"))
        table = table.rename(columns={key: _(name) for key, name in LAYER_COLUMNS.items()})
        show_table(table, {_(LAYER_COLUMNS["parameters"]): "int"}, _(LAYER_COLUMNS["layer"]), plain=True)
    render_training_panel(epochs, architecture)


def _more_settings(shown: dict, drawn) -> None:
    """Batch size, learning rate, schedule, augmentation, seed: out of sight in talk mode."""
    with st.expander(_("More settings")):
        st.select_slider(_("Batch size"), BATCH_SIZES, shown[BATCH_SIZE], **drawn(BATCH_SIZE))
        st.select_slider(
            _("Learning rate (peak)"), LEARNING_RATES, shown[LEARNING_RATE], **drawn(LEARNING_RATE)
        )
        st.toggle(
            _("Cosine learning-rate decay"),
            shown[COSINE],
            help=_("Lower the learning rate smoothly to 0 by the last batch."),
            **drawn(COSINE),
        )
        st.toggle(
            _("Augment the training images"),
            shown[AUGMENT],
            help=_("Random shifts, zoom, flips and contrast: slower to learn, better on real photos."),
            **drawn(AUGMENT),
        )
        st.number_input(_("Seed"), 0, 2**31 - 1, shown[SEED], **drawn(SEED))


def _start() -> None:
    """The Train button's callback: this tab's job, started or in line, with its live feed; or why not."""
    from fashion_lab.training.line import JobRefused

    try:
        registry = get_job_registry()
        job = new_training_job(config_from(st.session_state, talk_mode()))
        registry.submit([job], session_id())
    except (JobRefused, ValueError) as refusal:  # a full line, or a bad server setting
        TRAIN_REFUSAL.set(str(refusal))
        return
    TRAIN_JOB.set(job)
    tab = session_id()
    set_live_feed(start_live_feed(job, registry.place, watched=lambda: is_session_alive(tab)))
