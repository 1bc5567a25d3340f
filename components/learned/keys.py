"""The How they learned page's widget keys, once (components/state.py says where every session
key is named)."""

DENSE_MODEL, CNN_MODEL = "learned_dense", "learned_cnn"
SCRUB, PROBE, ALL_UNITS = "learned_point", "learned_probe", "learned_all_units"
PLAY = "learned_play"
