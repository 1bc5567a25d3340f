"""Images in, 28x28 model input out; bad files get one clear ImageError."""

import io

import numpy as np
import pytest
from PIL import Image

from fashion_lab.preprocessing import ImageError, decode_image, preprocess


def png_bytes(image: Image.Image, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=options.pop("format", "PNG"), **options)
    return buffer.getvalue()


def centre_of_mass(pixels: np.ndarray) -> tuple[float, float]:
    rows, cols = np.indices(pixels.shape)
    total = pixels.sum()
    return (rows * pixels).sum() / total, (cols * pixels).sum() / total


def test_fashion_mnist_sized_image_passes_unchanged(dataset):
    image = Image.fromarray(dataset.test_images[0])
    result = preprocess(decode_image(png_bytes(image)))
    np.testing.assert_array_equal(result.pixels, dataset.test_images[0])


def test_off_centre_drawing_ends_centred_and_fills_the_frame():
    drawing = np.zeros((280, 280), dtype=np.uint8)
    drawing[10:110, 150:200] = 255  # a tall block in the top right corner
    result = preprocess(Image.fromarray(drawing))
    assert result.pixels.shape == (28, 28)
    row, col = centre_of_mass(result.pixels.astype(float))
    assert abs(row - 13.5) < 0.6 and abs(col - 13.5) < 0.6
    assert (result.pixels > 128).any(axis=1).sum() == 28  # the longest edge spans 28 pixels
    assert [name for name, _ in result.steps] == ["input", "trimmed", "resized", "centred 28x28"]


def test_dark_garment_on_light_background_ends_light_on_black():
    photo = np.full((200, 150), 240, dtype=np.uint8)
    photo[40:160, 30:120] = 30
    result = preprocess(Image.fromarray(photo))
    assert "negated" in [name for name, _ in result.steps]
    assert result.pixels[14, 14] > 200 and result.pixels[0, 0] < 20


def test_transparent_background_counts_as_white():
    rgba = np.zeros((60, 40, 4), dtype=np.uint8)
    rgba[10:50, 10:30] = (20, 20, 20, 255)  # opaque dark garment, transparent elsewhere
    gray = decode_image(png_bytes(Image.fromarray(rgba, "RGBA")))
    assert np.asarray(gray)[0, 0] == 255 and np.asarray(gray)[30, 20] == 20


def test_sixteen_bit_grayscale_is_scaled_not_clipped():
    values = np.full((30, 30), 32768, dtype=np.uint16)
    gray = decode_image(png_bytes(Image.fromarray(values)))
    assert 120 <= np.asarray(gray)[0, 0] <= 135


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "empty"),
        (b"hello, I am text", "not an image"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "not an image"),
        (png_bytes(Image.new("L", (30, 30)), format="JPEG")[:200], "could not be decoded"),
        (png_bytes(Image.new("L", (10000, 3))), "too thin"),
        (png_bytes(Image.new("1", (10000, 10000))), "too large"),
    ],
)
def test_bad_files_get_a_clear_message(data, message):
    with pytest.raises(ImageError, match=message):
        decode_image(data)


def test_blank_image_is_refused():
    with pytest.raises(ImageError, match="blank"):
        preprocess(Image.new("L", (50, 50), 255))
