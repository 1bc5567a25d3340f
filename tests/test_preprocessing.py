"""Every preprocessing step of an upload, and the bad-file corpus (made here): a clear ImageError
each. Drawings: tests/test_drawings.py."""

import io

import numpy as np
import pytest
from PIL import Image

from fashion_lab.images.decoding import ImageError, decode_image
from fashion_lab.images.preprocessing import preprocess_upload
from fashion_lab.images.segmentation import CLOSINGS


def encode(image: Image.Image, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=options.pop("format", "PNG"), **options)
    return buffer.getvalue()


def centre_of_mass(pixels: np.ndarray) -> tuple[float, float]:
    rows, cols = np.indices(pixels.shape)
    total = pixels.astype(float).sum()
    return (rows * pixels).sum() / total, (cols * pixels).sum() / total


def step_names(result) -> list[str]:
    return [name for name, _ in result.steps]


def test_fashion_mnist_image_passes_unchanged(dataset):
    result = preprocess_upload(decode_image(encode(Image.fromarray(dataset.test_images[0]))))
    np.testing.assert_array_equal(result.pixels, dataset.test_images[0])


def test_fashion_mnist_image_on_white_is_negated(dataset):
    inverted = Image.fromarray(255 - dataset.test_images[0])
    result = preprocess_upload(decode_image(encode(inverted)))
    np.testing.assert_array_equal(result.pixels, dataset.test_images[0])
    assert "negated" in step_names(result)


def test_dark_garment_on_light_background_ends_light_on_black():
    photo = np.full((200, 150, 3), 240, dtype=np.uint8)
    photo[40:160, 30:120] = (30, 40, 90)  # a dark blue garment on a white wall
    result = preprocess_upload(Image.fromarray(photo))
    assert "negated" in step_names(result) and "sharpened" in step_names(result)
    assert result.pixels[14, 14] > 200 and result.pixels[0, 0] < 20
    assert result.pixels.shape == (28, 28) and result.pixels.dtype == np.uint8


def test_garment_on_a_cluttered_background_is_found():
    rng = np.random.default_rng(0)
    photo = rng.integers(100, 140, (240, 240, 3)).astype(np.uint8)  # a textured floor
    photo[:, :60] = (200, 180, 150)  # a second background colour at the left edge
    photo[60:200, 90:170] = (20, 20, 20)  # the garment, tall
    result = preprocess_upload(Image.fromarray(photo))
    assert "garment found (mask)" in step_names(result)
    mask = dict(result.steps)["garment found (mask)"] > 0  # at the segmentation size
    h, w = mask.shape
    assert mask[int(0.3 * h) : int(0.75 * h), int(0.42 * w) : int(0.65 * w)].all()
    assert not mask[: int(0.15 * h)].any() and not mask[:, : int(0.3 * w)].any()
    lit_rows = (result.pixels > 30).any(axis=1).sum()
    lit_cols = (result.pixels > 30).any(axis=0).sum()
    assert lit_rows == 28 and lit_cols < 20  # tall garment: full height, narrower width


def test_a_photo_is_also_cut_out_with_its_masks_gaps_bridged_wider():
    """Stripes of the floor's colour 6 px wide (at the segmentation size) break the first mask
    into bands; the wider closings bridge them, and the model answers on every picture."""
    photo = np.full((160, 160, 3), 230, dtype=np.uint8)
    photo[20:140, 24:136] = (40, 30, 120)  # a garment on a pale floor
    for top in range(26, 140, 12):
        photo[top : top + 6, 24:136] = 230  # striped with the floor's own colour
    result = preprocess_upload(Image.fromarray(photo))
    first = dict(result.steps)["garment found (mask)"] > 0
    wider = [image > 0 for name, image in result.steps if name == "mask, gaps bridged wider"]
    assert len(wider) == len(result.extra_views) == len(CLOSINGS) - 1 == 2
    assert len(result.inputs) == len(CLOSINGS) and result.inputs[0] is result.pixels
    for mask, cutout in zip(wider, result.extra_views, strict=True):
        assert first.sum() < 0.5 * mask.sum()  # one band of the stripes, and the whole garment
        assert mask[30:130, 30:130].all()
        lit = np.flatnonzero((cutout > 30).any(axis=1))
        assert lit[-1] - lit[0] == 27  # the whole garment, its longest edge 28, not one band
    averaged = ["mask, gaps bridged wider", "its 28x28 (the answers are averaged)"]
    assert step_names(result)[-4:] == averaged * 2


def test_a_garment_reaching_the_edge_is_not_taken_for_the_floor():
    """Trousers reaching the photo's bottom edge put their colour on 8% of the frame: it was one of
    the background colours, so the garment vanished with the floor (no mask at all)."""
    photo = np.full((160, 160, 3), 225, dtype=np.uint8)
    photo[30:, 55:105] = (40, 50, 90)  # down to the edge
    result = preprocess_upload(Image.fromarray(photo))
    mask = dict(result.steps)["garment found (mask)"] > 0
    assert mask[35:155, 60:100].all() and not mask[:, :45].any() and not mask[:20].any()


def test_a_border_colour_counts_as_background_on_enough_of_the_frame():
    from fashion_lab.images.segmentation import MIN_BACKGROUND_SHARE, background_colours

    floor, wall, sliver = (200, 190, 170), (90, 120, 150), (200, 20, 20)
    two_part = np.array([floor] * 600 + [wall] * 400, dtype=np.float64)
    np.testing.assert_allclose(sorted(background_colours(two_part).tolist()), sorted([floor, wall]))
    rare = int(1000 * MIN_BACKGROUND_SHARE) - 10  # just under the share
    with_sliver = np.array([floor] * (1000 - rare) + [sliver] * rare, dtype=np.float64)
    np.testing.assert_allclose(background_colours(with_sliver), [floor])
    lower = background_colours(with_sliver, min_share=MIN_BACKGROUND_SHARE / 2).tolist()
    np.testing.assert_allclose(sorted(lower), sorted([floor, sliver]))
    np.testing.assert_allclose(background_colours(two_part, min_share=0.9), [floor])  # the most common
    tied = np.array([floor] * 500 + [wall] * 500, dtype=np.float64)
    assert len(background_colours(tied, min_share=0.9)) == 2  # both the most common


def test_a_wider_mask_worn_away_at_the_edges_is_left_out():
    from fashion_lab.images.segmentation import large_enough

    first, worn = np.zeros((160, 160), bool), np.zeros((160, 160), bool)
    first[3:9] = True  # 3.75% of the photo, along its top edge
    worn[5:6, :10] = True  # what a wider closing left of it
    kept = large_enough([first, worn])
    assert len(kept) == 1 and kept[0] is first
    assert large_enough([worn, first]) == []  # the first too small: no garment


def test_transparent_background_counts_as_white():
    rgba = np.zeros((60, 40, 4), dtype=np.uint8)
    rgba[10:50, 10:30] = (20, 20, 20, 255)  # opaque dark garment, transparent elsewhere
    image = decode_image(encode(Image.fromarray(rgba, "RGBA")))
    assert image.getpixel((0, 0)) == (255, 255, 255) and image.getpixel((20, 30)) == (20, 20, 20)


def test_sixteen_bit_grayscale_is_scaled_not_clipped():
    gray = decode_image(encode(Image.fromarray(np.full((30, 30), 32768, dtype=np.uint16))))
    assert gray.mode == "L" and 120 <= gray.getpixel((0, 0)) <= 135


def test_cmyk_jpeg_becomes_rgb():
    cmyk = Image.new("CMYK", (40, 40), (0, 0, 0, 0))
    assert decode_image(encode(cmyk, format="JPEG")).mode == "RGB"


def test_exif_rotation_is_applied():
    tall = Image.new("RGB", (20, 60), "white")
    exif = tall.getexif()
    exif[0x0112] = 6  # "rotate 90 degrees clockwise to display"
    assert decode_image(encode(tall, format="JPEG", exif=exif)).size == (60, 20)


def test_animated_gif_uses_its_first_frame():
    frames = [Image.new("L", (30, 30), 0), Image.new("L", (30, 30), 255)]
    data = encode(frames[0], format="GIF", save_all=True, append_images=frames[1:])
    assert decode_image(data).getpixel((5, 5)) in (0, (0, 0, 0))


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "empty"),
        (b"hello, I am text", "not an image"),
        (b"<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'/>", "not an image"),
        (encode(Image.new("L", (300, 300)), format="JPEG")[:300], "could not be decoded"),
        (encode(Image.new("L", (10000, 30))), "too thin"),
        (encode(Image.new("L", (1, 1))), "too small"),
        (encode(Image.new("1", (10000, 10000))), "too large"),
    ],
)
def test_bad_files_get_a_clear_message(data, message):
    with pytest.raises(ImageError, match=message):
        decode_image(data)


def test_the_masks_shared_work_finds_what_scipys_filling_finds():
    """fill_holes (one labelling) and largest_object (the objects labelled once for the count
    and the choice) against ndimage's own on random blobs, rings and noise."""
    from scipy import ndimage

    from fashion_lab.images.segmentation import count_objects, fill_holes, largest_object, objects

    rng = np.random.default_rng(0)
    for trial in range(200):
        noise = rng.random((40 + trial % 7, 30 + trial % 11))
        mask = ndimage.gaussian_filter(noise, 1 + trial % 3) > np.quantile(noise, 0.2 + 0.6 * rng.random())
        mask |= rng.random(mask.shape) < 0.02 * (trial % 4)  # specks
        if trial % 5 == 0:
            mask[5:25, 5:25], mask[8:22, 8:22] = True, False  # a ring around a hole
        assert np.array_equal(fill_holes(mask), ndimage.binary_fill_holes(mask)), trial
        labels, count = ndimage.label(mask, structure=np.ones((3, 3)))
        found = objects(mask)
        if count:
            sizes = ndimage.sum(mask, labels, index=np.arange(1, count + 1))
            expected = ndimage.binary_fill_holes(labels == np.argmax(sizes) + 1)
            assert np.array_equal(largest_object(found), expected), trial
            assert count_objects(found) == int((sizes >= 0.4 * sizes.max()).sum())
    empty = np.zeros((10, 10), dtype=bool)
    assert not largest_object(objects(empty)).any() and count_objects(objects(empty)) == 0


def test_the_colour_distances_and_settled_k_means_are_the_full_computations_exactly():
    from fashion_lab.images.segmentation import _nearest, background_colours, colour_distances

    rng = np.random.default_rng(1)
    for trial in range(20):
        pixels = rng.integers(0, 256, (60, 40, 3)).astype(np.float64)
        centres = rng.integers(0, 256, (1 + trial % 3, 3)).astype(np.float64)
        everything = ((pixels[:, :, None, :] - centres[None, None]) ** 2).sum(-1).min(axis=2)
        assert np.array_equal(colour_distances(pixels, centres), everything)
        border = rng.normal(rng.integers(0, 256, 3), 5 + 20 * (trial % 4), (400, 3))
        centres = border[np.random.default_rng(0).choice(400, size=3, replace=False)]
        for _ in range(8):  # all eight rounds, no early stop
            nearest = _nearest(border, centres)
            centres = np.array(
                [border[nearest == k].mean(0) if (nearest == k).any() else centres[k] for k in range(3)]
            )
        shares = np.bincount(_nearest(border, centres), minlength=3) / 400
        assert np.array_equal(background_colours(border), centres[(shares >= 0.2) | (shares == shares.max())])
