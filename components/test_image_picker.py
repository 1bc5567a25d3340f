"""A Fashion-MNIST test image picked by class, for Classify and Inside the CNN."""

from __future__ import annotations

import numpy as np
import streamlit as st

from components.language import _, class_name
from components.resources import available_test_images
from components.state import TEST_CLASS, TEST_NUMBER
from fashion_lab.data.fashion_mnist import CLASS_NAMES
from fashion_lab.images.preprocessing import Preprocessed


def test_image_input(key_prefix: str = "classify") -> tuple[Preprocessed, str] | None:
    """A Fashion-MNIST test image picked by class, with its true label (in the shown language);
    None without the dataset."""
    if (test_set := available_test_images()) is None:
        return None
    images, labels = test_set
    pick_class, pick_index = st.columns(2)
    label = pick_class.selectbox(
        _("Class"),
        range(len(CLASS_NAMES)),
        format_func=class_name,
        key=TEST_CLASS.format(key_prefix),
    )
    indices = np.flatnonzero(labels == label)
    number = pick_index.number_input(
        _("Image of that class"), 1, len(indices), 1, key=TEST_NUMBER.format(key_prefix)
    )
    index = int(indices[int(number) - 1])
    result = Preprocessed(images[index])
    result.add(_("test image #{index}").format(index=index), images[index])
    return result, class_name(label)
