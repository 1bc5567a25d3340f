"""The "not sure" rule on constructed inputs: a blank image, two garments side by side in a
photo, a clear test image; and a low confidence naming the two likeliest classes."""

import numpy as np
import pytest
from helpers.scenes import trousers_photo
from PIL import Image

from fashion_lab.analysis.evaluation import predict_images
from fashion_lab.analysis.uncertainty import judge
from fashion_lab.data.fashion_mnist import CLASS_NAMES
from fashion_lab.images.decoding import ImageError
from fashion_lab.images.preprocessing import preprocess_upload


def test_a_blank_image_is_not_classified(small_jobs):
    blank = np.zeros((28, 28), dtype=np.uint8)
    verdict = judge(blank, predict_images(small_jobs["cnn"].model, [blank])[0])
    assert not verdict.sure and verdict.reason == "the picture is (almost) empty"
    assert verdict.describe().startswith("not sure: ")
    with pytest.raises(ImageError, match="blank"):  # a blank photo never reaches a model
        preprocess_upload(Image.new("RGB", (400, 300), (200, 200, 200)))


def test_two_garments_side_by_side_in_a_photo_are_not_classified_and_one_is(small_jobs):
    model = small_jobs["cnn"].model
    two, one = preprocess_upload(trousers_photo(2)), preprocess_upload(trousers_photo(1))
    assert (two.objects, one.objects) == (2, 1)
    verdict = judge(two.pixels, predict_images(model, [two.pixels])[0], objects=two.objects)
    assert not verdict.sure and verdict.reason == "there is more than one object in the photo"
    verdict = judge(one.pixels, predict_images(model, [one.pixels])[0], objects=one.objects)
    assert verdict.reason != "there is more than one object in the photo"


def test_a_clear_test_image_gets_its_answer(small_jobs, dataset):
    model = small_jobs["cnn"].model
    probabilities = predict_images(model, dataset.test_images[:200])
    index = int(np.argmax(probabilities.max(axis=1)))  # the one the model is surest of
    verdict = judge(dataset.test_images[index], probabilities[index])
    assert verdict.sure and verdict.reason == ""
    assert verdict.describe() == CLASS_NAMES[dataset.test_labels[index]]


def test_a_low_confidence_says_the_two_likeliest_classes():
    probabilities = np.array([0.45, 0, 0, 0, 0, 0, 0.4, 0, 0.15, 0])
    pixels = np.zeros((28, 28), dtype=np.uint8)
    pixels[4:24, 6:22] = 200
    verdict = judge(pixels, probabilities)
    assert verdict.describe() == "not sure: T-shirt/top or Shirt?" and "45.0% sure" in verdict.reason
    assert judge(pixels, probabilities, temperature=0.1).sure  # a sharper calibration is surer
