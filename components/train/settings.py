"""The Train page's settings: each widget's key (components/train/keys.py) with the
TrainingConfig field it sets and how the widget's value becomes that field's value."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace

from components.train.keys import (
    ARCHITECTURE,
    AUGMENT,
    BATCH_SIZE,
    COSINE,
    EPOCHS,
    LEARNING_RATE,
    SEED,
    SUBSET,
)
from components.training_subsets import SUBSETS
from fashion_lab.training.config import TrainingConfig

SETTINGS: dict[str, tuple[str, Callable, Callable]] = {  # widget key -> (config field,
    # widget value -> field value, field value -> widget value)
    ARCHITECTURE: ("architecture", str, str),
    EPOCHS: ("epochs", int, int),
    SUBSET: ("limit", SUBSETS.__getitem__, {limit: name for name, limit in SUBSETS.items()}.__getitem__),
    BATCH_SIZE: ("batch_size", int, int),
    LEARNING_RATE: ("learning_rate", float, float),
    COSINE: ("schedule", lambda on: "cosine" if on else "constant", lambda schedule: schedule == "cosine"),
    AUGMENT: ("augment", bool, bool),
    SEED: ("seed", int, int),
}
SHOWN_IN_TALK_MODE = (ARCHITECTURE, EPOCHS, SUBSET)  # talk mode hides the others


def config_from(values: Mapping[str, object], talk: bool) -> TrainingConfig:
    """The run that the widgets' ``values`` describe; in talk mode the settings out of sight keep
    their defaults."""
    shown = [key for key in SETTINGS if not talk or key in SHOWN_IN_TALK_MODE]
    return replace(TrainingConfig(), **{SETTINGS[key][0]: SETTINGS[key][1](values[key]) for key in shown})


def widget_values(config: TrainingConfig) -> dict[str, object]:
    """What each widget shows for ``config``: the inverse of config_from."""
    return {key: to_widget(getattr(config, field)) for key, (field, _, to_widget) in SETTINGS.items()}
