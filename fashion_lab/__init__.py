"""Fashion-MNIST Lab's ML core: data, architectures, training, preprocessing. No Streamlit here."""

import os

# TensorFlow's C++ start-up chatter (CPU feature notes, oneDNN banner) is noise for our users.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
