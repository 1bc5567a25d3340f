"""Decoding untrusted uploads: only the promised formats, one clear message, small working copies."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import run_python
from helpers.bad_files import POSTSCRIPT, encode, garment, hostile_files
from PIL import Image

from fashion_lab.images.decoding import WORKING_SIDE, ImageError, decode_image, decodes_as_it_streams
from fashion_lab.images.preprocessing import preprocess_upload

HOSTILE = hostile_files()


@pytest.mark.parametrize("name, data, message", HOSTILE, ids=[name for name, _, _ in HOSTILE])
def test_hostile_files_get_one_clear_message(name, data, message):
    with pytest.raises(ImageError, match=message):
        decode_image(data)


def test_postscript_never_reaches_ghostscript(tmp_path):
    """An EPS named .png made Pillow run `gs` on the upload; a `gs` on PATH that logs its calls
    shows whether it still does."""
    calls = tmp_path / "gs-calls.log"
    fake = tmp_path / "bin" / "gs"
    fake.parent.mkdir()
    fake.write_text(f'#!/bin/sh\necho "$@" >> {calls}\n[ "$1" = --version ] && echo 10.0 && exit 0\nexit 1\n')
    fake.chmod(0o755)
    code = (
        "import os, sys; sys.path.insert(0, 'tests')\n"
        "from helpers.bad_files import POSTSCRIPT\n"
        "from fashion_lab.images.decoding import ImageError, decode_image\n"
        "try:\n    decode_image(POSTSCRIPT + b'showpage\\n')\nexcept ImageError as error:\n    print(error)\n"
    )
    printed = run_python(code, env={"PATH": f"{fake.parent}:/usr/bin:/bin"})
    assert "not an image format we can read" in printed
    assert not calls.exists(), calls.read_text()
    assert POSTSCRIPT.startswith(b"%!PS-Adobe")


@pytest.mark.parametrize("mode", ["RGBA", "I;16", "P", "RGB"])
def test_large_images_are_shrunk_as_they_are_decoded(mode):
    big = garment(size=(3000, 4000))
    big = Image.fromarray(np.asarray(big.convert("L"), dtype=np.uint16) * 257) if mode == "I;16" else big
    decoded = decode_image(encode(big.convert(mode) if mode != "I;16" else big))
    assert max(decoded.size) <= WORKING_SIDE and decoded.size == (750, 1000)
    assert decoded.mode in ("RGB", "L")
    trousers = preprocess_upload(decoded).pixels
    assert trousers.shape == (28, 28) and trousers.max() > 200  # the garment survived the shrink


def test_a_large_jpeg_is_decoded_at_a_fraction_of_its_size():
    photo = encode(garment(size=(3000, 4000)), "JPEG")
    assert max(decode_image(photo).size) <= WORKING_SIDE


def test_a_progressive_jpeg_is_bounded_by_its_header():
    """libjpeg keeps a progressive file's coefficients for the whole image while decoding."""
    big = Image.new("RGB", (5000, 4000), (200, 200, 200))
    with pytest.raises(ImageError, match="too large"):
        decode_image(encode(big, "JPEG", progressive=True, quality=30))


def test_the_band_by_band_shrink_is_the_box_average_of_the_whole():
    noise = np.random.default_rng(0).integers(0, 256, (2100, 1500), dtype=np.uint8)
    decoded = np.asarray(decode_image(encode(Image.fromarray(noise))), dtype=int)
    whole = np.asarray(Image.fromarray(noise).reduce(3), dtype=int)  # 3x3 blocks, all at once
    assert decoded.shape == whole.shape == (700, 500)
    assert np.abs(decoded - whole).max() <= 1


def jpeg_header(width: int, height: int, first_scan_components: int) -> bytes:
    """A small baseline JPEG whose frame now claims ``width`` x ``height`` and whose first scan
    holds ``first_scan_components`` of its 3 colour components (what its data then says is moot:
    the bound is decided on the header)."""
    data = bytearray(encode(garment(size=(64, 64)), "JPEG"))
    frame = data.index(b"\xff\xc0")
    data[frame + 5 : frame + 9] = height.to_bytes(2, "big") + width.to_bytes(2, "big")
    scan = data.index(b"\xff\xda")
    length = int.from_bytes(data[scan + 2 : scan + 4], "big")
    components = data[scan + 5 : scan + 5 + 2 * first_scan_components]
    body = bytes([first_scan_components]) + components + data[scan + 5 + 6 : scan + 2 + length]
    rest = bytes(data[scan + 2 + length :])
    return bytes(data[:scan]) + b"\xff\xda" + (len(body) + 2).to_bytes(2, "big") + body + rest


def test_a_jpeg_whose_colours_come_in_separate_scans_is_bounded_like_a_progressive_one():
    """libjpeg buffers every coefficient of such a file (found in review: +581 MB for 1 MB)."""
    with pytest.raises(ImageError, match="too large"):
        decode_image(jpeg_header(10_000, 10_000, first_scan_components=1))
    interleaved = jpeg_header(10_000, 10_000, first_scan_components=3)  # streams: decoded at 1/8
    assert decodes_as_it_streams(interleaved) and max(decode_image(interleaved).size) <= WORKING_SIDE
