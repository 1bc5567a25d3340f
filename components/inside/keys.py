"""The Inside the CNN page's widget keys, once (components/state.py says where every session key
is named)."""

SOURCE, MODEL = "inside_source", "inside_model"
LAYER, DETAIL_CHANNEL = "inside_layer", "inside_channel"
SHIFT_RIGHT, SHIFT_DOWN, SHIFT_HEATMAP = "inside_shift_x", "inside_shift_y", "inside_shift_heatmap"
