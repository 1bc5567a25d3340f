"""Uploads, drawings and photos to the 28x28 a model sees: decoding, segmentation, photo simulation."""
