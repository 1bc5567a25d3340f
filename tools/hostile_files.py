"""Small files that cost a lot once decoded: for the tests and the memory rows of `make bench`."""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

import numpy as np


def png_of_zeros(width: int, height: int, bit_depth: int, colour_type: int, channels: int = 1) -> bytes:
    """A PNG of one colour, written chunk by chunk: a few KB on disk, width x height once decoded."""
    row = b"\x00" * (1 + (width * channels * bit_depth + 7) // 8)  # filter byte, then the pixels
    packer = zlib.compressobj(9)
    idat = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, bit_depth, colour_type, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def icon_around(png: bytes) -> bytes:
    """An ICO whose directory says 256x256 and whose one image is ``png``, whatever its size."""
    entry = struct.pack("<BBBBHHII", 0, 0, 0, 0, 1, 32, len(png), 6 + 16)
    return struct.pack("<HHH", 0, 1, 1) + entry + png


def zip_bomb_weights(path: Path, shape: tuple[int, ...], others: list[np.ndarray]) -> None:
    """A weights.npz whose first array claims ``shape`` and holds that many zero floats, deflated
    (1 GB of them takes about 1 MB), followed by ``others`` as arr_1, arr_2, ..."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("arr_0.npy", "w", force_zip64=True) as member:
            header = {"descr": "<f4", "fortran_order": False, "shape": shape}
            np.lib.format.write_array_header_1_0(member, header)
            left = int(np.prod(shape)) * 4
            while left:
                member.write(bytes(min(left, 1 << 22)))
                left -= min(left, 1 << 22)
        for number, array in enumerate(others, start=1):
            with archive.open(f"arr_{number}.npy", "w") as member:
                np.lib.format.write_array(member, array)
