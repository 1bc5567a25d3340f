"""The Compare page's widget keys, once (components/state.py says where every session key is named)."""

from components.language import N_

MODELS, NORMALISED = "compare_models", "compare_normalised"
VIEW = "compare_view"  # the open tab, kept in the address (?compare_view=Race): bookmarkable
PRESET = "preset_{}"  # a preset's button, formatted with its English label (whichever is shown)
PHOTO_PRESET = N_("Real photos")  # the button that picks the CNN without and with real photos (shown: _())
PHOTO_PRESET_BUTTON = PRESET.format(PHOTO_PRESET)
PHOTO_GALLERY = "compare_photo_gallery"  # what the photo model learned from: open or closed
PROJECTIONS = "compare_projections"  # the projections' expander: closed, nothing is computed
RUNNERS = ("race_first", "race_second")  # the race's: one architecture each
RACE_EPOCHS, RACE_SUBSET, RACE_START, RACE_STOP = "race_epochs", "race_subset", "race_start", "race_stop"
