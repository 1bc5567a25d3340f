"""The training input pipeline: tf.data batches of uint8 images, scaled only by the model itself."""

from __future__ import annotations

import numpy as np
import tensorflow as tf


def training_batches(images: np.ndarray, labels: np.ndarray, batch_size: int, seed: int) -> tf.data.Dataset:
    """Batches of (n, 28, 28) uint8 images and their labels, in a new seeded order every epoch.

    Shuffles indices and gathers whole batches: one gather per batch instead of Keras's numpy
    adapter (a copy per batch in Python) or a per-image ``shuffle`` of the images themselves.
    """
    all_images, all_labels = tf.constant(images), tf.constant(labels)
    order = tf.data.Dataset.range(len(images)).shuffle(len(images), seed=seed, reshuffle_each_iteration=True)
    return order.batch(batch_size).map(
        lambda index: (tf.gather(all_images, index), tf.gather(all_labels, index)),
        num_parallel_calls=tf.data.AUTOTUNE,
    )
