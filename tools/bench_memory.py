"""Memory of hostile inputs (issue 14): what one upload, and a listing of a store holding a zip
bomb, add to a process's peak resident memory.

Each case runs in a fresh interpreter that reads its input, imports what it needs, resets its
peak (``/proc/self/clear_refs``) and only then decodes or lists: the number is what the work
itself added. The inputs are written by the parent, so no child reuses memory freed by making them.
"""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from fashion_lab.models.stored import open_store
from tools.app_server import ROOT
from tools.bench_rows import Row

UPLOAD_TARGET_MB = 100
LISTING_TARGET_MB = 50


def _peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def _reset_peak() -> float:
    Path("/proc/self/clear_refs").write_text("5")
    return _peak_mb()


def measure_upload(path: str) -> dict:
    """Peak MB added by decoding and preprocessing one uploaded file, and what the user is told."""
    from fashion_lab.images.decoding import ImageError, decode_image
    from fashion_lab.images.preprocessing import preprocess_upload

    data = Path(path).read_bytes()
    before = _reset_peak()
    try:
        preprocess_upload(decode_image(data))
        outcome = "preprocessed"
    except ImageError as error:
        outcome = f"refused: {error}"
    return {"added_mb": _peak_mb() - before, "outcome": outcome}


def measure_listing(root: str) -> dict:
    """Peak MB added by listing the store at ``root``, and the reasons of its broken entries."""
    from model_store import BrokenEntry

    store = open_store(root, bundled=Path(root) / "no-bundled")
    before = _reset_peak()
    reasons = [e.reason for e in store.entries() if isinstance(e, BrokenEntry)]
    return {"added_mb": _peak_mb() - before, "outcome": "; ".join(reasons)}


def measure_np_load(path: str) -> dict:
    """What ``np.load`` of every array (the listing's old way) adds, for scale."""
    import numpy as np

    before = _reset_peak()
    with np.load(path) as archive:
        sizes = [archive[name].nbytes for name in archive.files]
    return {"added_mb": _peak_mb() - before, "outcome": f"{sum(sizes) / 1e6:,.0f} MB of arrays"}


def _in_fresh_process(function: str, argument: str) -> dict:
    code = f"import json, tools.bench_memory as m; print(json.dumps(m.{function}({argument!r})))"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _uploads(folder: Path) -> dict[str, Path]:
    """The worst uploads of issue 14 and the largest ones accepted, written to ``folder``."""
    from PIL import Image, ImageDraw

    from tools.hostile_files import icon_around, png_of_zeros

    files = {
        "58 KB 16-bit 5470x5470 PNG": png_of_zeros(5470, 5470, 16, 0),
        "ICO naming 256x256, wrapping a 9400x9400 PNG": icon_around(png_of_zeros(9400, 9400, 1, 0)),
    }
    for name, size, mode, format in (
        ("16 MP RGBA PNG (the largest accepted)", (4000, 4000), "RGBA", "PNG"),
        ("80 MP baseline JPEG (decoded at 1/4)", (10000, 8000), "RGB", "JPEG"),
    ):
        picture, (width, height) = Image.new(mode, size, "white"), size
        ImageDraw.Draw(picture).rectangle([width // 4, height // 8, width * 3 // 4, height * 7 // 8], "navy")
        encoded = io.BytesIO()
        picture.save(encoded, format, **({"compress_level": 1} if format == "PNG" else {"quality": 80}))
        files[name] = encoded.getvalue()
    paths = {}
    for number, (name, data) in enumerate(files.items()):
        paths[name] = folder / f"upload-{number}"
        paths[name].write_bytes(data)
    return paths


def _bombed_store(folder: Path) -> Path:
    """A store holding one CNN whose first array is a 1.6 GB zip bomb of about 1.6 MB (under the
    3.7 MB a CNN's weights may take, so it is the array headers that refuse it)."""
    import numpy as np

    from fashion_lab.models.registry import weight_shapes
    from tools.hostile_files import zip_bomb_weights

    entry = folder / "store" / "bomb"
    entry.mkdir(parents=True)
    others = [np.zeros(shape, dtype=np.float32) for shape in weight_shapes("cnn")[1:]]
    zip_bomb_weights(entry / "weights.npz", (20_000, 20_000), others)
    meta = {
        "format": 1,
        "name": "bomb",
        "architecture": "cnn",
        "test_accuracy": 0.9,
        "history": {},
        "created": "2026-11-29T10:00:00+00:00",
        "weights_sha256": hashlib.sha256((entry / "weights.npz").read_bytes()).hexdigest(),
    }
    (entry / "meta.json").write_text(json.dumps(meta))
    return entry


def bench_memory() -> list[Row]:
    """The worst upload, and the listing of a store with a zip bomb, each in a fresh process."""
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        uploads = {name: _in_fresh_process("measure_upload", str(p)) for name, p in _uploads(folder).items()}
        bomb = _bombed_store(folder)
        listing = _in_fresh_process("measure_listing", str(bomb.parent))
        old_way = _in_fresh_process("measure_np_load", str(bomb / "weights.npz"))
        bomb_size = (bomb / "weights.npz").stat().st_size
    worst = max(uploads, key=lambda name: uploads[name]["added_mb"])
    each = "; ".join(f"{name}: +{r['added_mb']:.0f} MB, {r['outcome']}" for name, r in uploads.items())
    return [
        Row(
            "peak memory added by one upload, the worst of 4 hostile or huge files",
            ours=uploads[worst]["added_mb"],
            baseline=None,
            unit="MB",
            target=f"<= {UPLOAD_TARGET_MB} MB",
            passed=uploads[worst]["added_mb"] <= UPLOAD_TARGET_MB,
            note=f"worst: {worst}; {each}",
        ),
        Row(
            f"peak memory added by listing a store holding a {bomb_size / 1e6:.1f} MB zip-bomb npz",
            ours=listing["added_mb"],
            baseline=old_way["added_mb"],
            unit="MB",
            target=f"<= {LISTING_TARGET_MB} MB",
            passed=listing["added_mb"] <= LISTING_TARGET_MB,
            note=f"listed as broken: {listing['outcome']}; baseline: np.load of it ({old_way['outcome']})",
        ),
    ]


if __name__ == "__main__":
    for row in bench_memory():
        print(row)
