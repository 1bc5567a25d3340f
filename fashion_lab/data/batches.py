"""The training input pipeline: tf.data batches of uint8 images, scaled only by the model itself,
and on request augmented to look more like what users upload.

Photos are rarely centred, filling the frame, facing left, or lit like a studio shot; random
shifts, zoom, small rotations, horizontal flips and contrast changes teach the model to ignore
that. They are applied to the batches, so the model itself stays unchanged."""

from __future__ import annotations

import numpy as np
import tensorflow as tf
from keras import layers


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


def build_augmenter(seed: int) -> tf.keras.Sequential:
    """Random geometric and intensity changes of (n, 28, 28, 1) float images in 0-255."""
    return tf.keras.Sequential(
        [
            layers.RandomFlip("horizontal", seed=seed),
            layers.RandomTranslation(0.12, 0.12, fill_mode="constant", seed=seed + 1),
            layers.RandomZoom((-0.25, 0.15), fill_mode="constant", seed=seed + 2),
            layers.RandomRotation(0.04, fill_mode="constant", seed=seed + 3),
        ],
        name="augmenter",
    )


def augmented_dataset(images: np.ndarray, labels: np.ndarray, batch_size: int, seed: int) -> tf.data.Dataset:
    """Shuffled, augmented uint8 batches (n, 28, 28) for Model.fit."""
    augmenter = build_augmenter(seed)
    generator = tf.random.Generator.from_seed(seed)

    def augment(batch: tf.Tensor, batch_labels: tf.Tensor):
        x = tf.cast(batch, tf.float32)[..., None]
        x = augmenter(x, training=True)
        gain = generator.uniform([tf.shape(x)[0], 1, 1, 1], 0.55, 1.25)  # dim or bright garments
        x = tf.clip_by_value(tf.round(x * gain), 0, 255)
        return tf.cast(x[..., 0], tf.uint8), batch_labels

    batches = training_batches(images, labels, batch_size, seed)
    return batches.map(augment, num_parallel_calls=tf.data.AUTOTUNE).prefetch(tf.data.AUTOTUNE)
