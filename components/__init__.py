"""Streamlit UI panels: one module per page, render_*() functions, no TensorFlow maths."""
