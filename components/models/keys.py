"""The Models page's widget keys, once (components/state.py says where every session key is named)."""

DELETE_NAME, DELETE_BUTTON = "models_delete_name", "models_delete_button"
RELIABILITY, RELIABILITY_MODEL = "models_calibration", "models_calibration_model"  # its expander, its model
