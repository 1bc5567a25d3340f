"""The Models page: the model store, broken entries included."""
