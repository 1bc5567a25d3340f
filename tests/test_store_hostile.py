"""Entries a hostile or careless hand left in the store: each listed as broken with its reason,
never offered as a model that then fails to load (issue 14, items 5 to 8)."""

from __future__ import annotations

import hashlib
import io
import json
import os
import threading
import zipfile

import numpy as np
import pytest
from helpers.store import rewrite_meta, rewrite_weights, save_dense

from fashion_lab.models.stored import open_store
from model_store import BrokenEntry, ModelStore, StoreError
from model_store import weights as weights_module
from model_store.store import META_FILE, WEIGHTS_FILE
from tools.hostile_files import zip_bomb_weights


def broken_reasons(store: ModelStore) -> dict[str, str]:
    return {e.name: e.reason for e in store.entries() if isinstance(e, BrokenEntry)}


def test_weights_that_cannot_load_are_listed_as_broken(store, small_jobs):
    """Each of these was listed as a valid model, and opening a page that picked it raised."""
    good = [np.asarray(w) for w in small_jobs["dense"].model.get_weights()]
    cases = {
        "old-layout": ([w.T for w in good], "has shape (128, 28); the model needs (28, 128)"),
        "objects": ([np.empty(good[0].shape, dtype=object), *good[1:]], "holds object values"),
        "integers": ([w.astype(np.int32) for w in good], "holds int32 values"),
        "doubles": ([w.astype(np.float64) for w in good], "holds float64 values"),
        "not-a-number": ([np.full_like(good[0], np.nan), *good[1:]], "NaN or infinite"),
        "too-few": (good[:-1], "hold 5 arrays; the model has 6"),
    }
    for name, (arrays, _) in cases.items():
        save_dense(store, small_jobs, name)
        rewrite_weights(store, name, arrays)
    save_dense(store, small_jobs, "linked")
    (store.root / "linked" / WEIGHTS_FILE).unlink()
    (store.root / "linked" / WEIGHTS_FILE).symlink_to(store.root / "integers" / WEIGHTS_FILE)

    reasons = broken_reasons(store)
    for name, (_, reason) in cases.items():
        assert reason in reasons[name], (name, reasons[name])
    assert "symbolic link" in reasons["linked"]
    assert store.models() == []
    for name in reasons:
        with pytest.raises(StoreError, match="broken"):
            store.load(name)


def test_metadata_a_page_reads_is_checked_when_the_entry_is_read(store, small_jobs):
    wrong = {
        "string-epochs": {"epochs_completed": "5"},
        "nine-rows": {"confusion": [[0] * 10] * 9},
        "negative-counts": {"confusion": [[-1] * 10] * 10},
        "text-history": {"history": {"accuracy": ["high"]}},
        "no-date": {"created": "yesterday"},
        "accuracy-text": {"test_accuracy": "0.9"},
        "unknown-architecture": {"architecture": "resnet"},
    }
    for name, change in wrong.items():
        save_dense(store, small_jobs, name)
        rewrite_meta(store, name, **change)
    save_dense(store, small_jobs, "just-a-string")
    (store.root / "just-a-string" / META_FILE).write_text('"metadata names another model"')
    save_dense(store, small_jobs, "sparse")
    rewrite_meta(store, "sparse", confusion=None, history={"accuracy": []}, params=None)

    reasons = broken_reasons(store)
    assert set(reasons) == {*wrong, "just-a-string"}
    assert reasons["just-a-string"] == f"{META_FILE}: it does not hold a JSON object"
    assert "'epochs_completed' is not a whole number" in reasons["string-epochs"]
    assert "'confusion' is not 10x10 counts" in reasons["nine-rows"]
    assert "unknown architecture 'resnet'" in reasons["unknown-architecture"]
    sparse = store.get("sparse")  # optional fields may be absent: the pages then do without
    assert sparse.confusion is None and sparse.history("accuracy") == [] and sparse.history("loss") == []


@pytest.mark.parametrize("folder", ["bundled-dense copy", "модель-ü", "-dash", "a..b"])
def test_folders_with_names_the_store_refuses_say_how_to_fix_them(store, small_jobs, folder):
    entry = save_dense(store, small_jobs, "model")
    os.rename(entry.path, store.root / folder)
    rewrite_meta(store, folder, name=folder)
    (listed,) = store.entries()
    assert isinstance(listed, BrokenEntry) and listed.name == folder
    assert "not a valid model name: rename it" in listed.reason


def test_a_huge_weights_file_is_refused_by_its_size_without_reading_it(store, small_jobs):
    entry = save_dense(store, small_jobs, "huge")
    os.truncate(entry.path / WEIGHTS_FILE, 2 * 10**9)  # sparse: no disk is used
    assert "takes 2,000.0 MB; there is room for 0.6 MB" in broken_reasons(store)["huge"]


def test_a_zip_bomb_is_refused_by_its_headers_before_any_data_is_inflated(store, small_jobs):
    """256 MB of zeros behind the header of a huge array, deflated to about 250 KB."""
    entry = save_dense(store, small_jobs, "bomb")
    weights = entry.path / WEIGHTS_FILE
    others = [np.asarray(w) for w in small_jobs["dense"].model.get_weights()][1:]
    zip_bomb_weights(weights, (2**13, 2**13), others)
    assert weights.stat().st_size < 500_000
    rewrite_meta(store, "bomb", weights_sha256=hashlib.sha256(weights.read_bytes()).hexdigest())
    assert "has shape (8192, 8192); the model needs (28, 128)" in broken_reasons(store)["bomb"]


def test_the_listing_rereads_weights_only_when_they_change(store, small_jobs, monkeypatch):
    save_dense(store, small_jobs, "steady")
    reads = []
    real = weights_module.read_weights
    monkeypatch.setattr(weights_module, "read_weights", lambda *args: reads.append(args) or real(*args))
    for _ in range(3):
        assert [m.name for m in store.models()] == ["steady"]
    assert len(reads) == 1
    weights = store.root / "steady" / WEIGHTS_FILE
    data = bytearray(weights.read_bytes())
    data[-10] ^= 0xFF
    weights.write_bytes(bytes(data))
    assert "checksum" in broken_reasons(store)["steady"]


def write_number(store: ModelStore, folder: str, key: str, digits: str) -> None:
    """Set ``key`` of the entry's metadata to the JSON number ``digits``, however long."""
    path = store.root / folder / META_FILE
    meta = {**json.loads(path.read_text()), key: "NUMBER"}
    path.write_text(json.dumps(meta).replace('"NUMBER"', digits))


def listed_within(store: ModelStore, seconds: float = 20) -> dict[str, str]:
    """The broken entries' reasons, failing (not hanging) if the listing does not return."""
    found = {}
    listing = threading.Thread(target=lambda: found.update(broken_reasons(store)), daemon=True)
    listing.start()
    listing.join(seconds)
    assert not listing.is_alive(), "the listing blocked"
    return found


def test_what_made_the_listing_raise_or_hang_makes_an_entry_broken(store, small_jobs):
    """Found in review: numbers too large for a float, a number of 5,000 digits, zip codecs that
    raise their own errors, and named pipes (open() waited for a writer for ever)."""
    for name in ("huge-number", "many-digits", "codec", "method", "pipe-meta", "pipe-weights", "big-count"):
        save_dense(store, small_jobs, name)
    write_number(store, "huge-number", "test_accuracy", "1" + "0" * 400)  # OverflowError in isfinite
    write_number(store, "many-digits", "epochs_completed", "9" * 5000)  # ValueError in json.loads
    rewrite_meta(store, "big-count", params=10**100)
    for name, change in (("codec", _corrupt_deflate), ("method", _unknown_compression)):
        weights = store.root / name / WEIGHTS_FILE
        weights.write_bytes(change(weights.read_bytes()))
        rewrite_meta(store, name, weights_sha256=hashlib.sha256(weights.read_bytes()).hexdigest())
    for name, file in (("pipe-meta", META_FILE), ("pipe-weights", WEIGHTS_FILE)):
        (store.root / name / file).unlink()
        os.mkfifo(store.root / name / file)

    reasons = listed_within(store)
    assert "'test_accuracy' is not a number from 0 to 1" in reasons["huge-number"]
    assert "unreadable" in reasons["many-digits"]
    assert "'params' is not a whole number" in reasons["big-count"]
    assert "unreadable" in reasons["codec"] and "unreadable" in reasons["method"]
    assert "not a regular file" in reasons["pipe-meta"] and "not a regular file" in reasons["pipe-weights"]


def _deflated(data: bytes) -> bytes:
    """The same arrays in a zip whose members are deflated."""
    arrays = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in arrays.namelist():
            archive.writestr(name, arrays.read(name))
    return out.getvalue()


def _corrupt_deflate(data: bytes) -> bytes:
    """Deflated members with their compressed bytes scrambled (zlib.error, not BadZipFile)."""
    deflated = bytearray(_deflated(data))
    first = zipfile.ZipFile(io.BytesIO(bytes(deflated))).infolist()[0]
    start = first.header_offset + 30 + len(first.filename)
    deflated[start + 200 : start + 260] = bytes(range(60))
    return bytes(deflated)


def _unknown_compression(data: bytes) -> bytes:
    """A member compressed by method 99 (NotImplementedError), in both of the zip's headers."""
    raw = bytearray(data)
    info = zipfile.ZipFile(io.BytesIO(data)).infolist()[0]
    raw[info.header_offset + 8 : info.header_offset + 10] = (99).to_bytes(2, "little")
    central = raw.find(b"PK\x01\x02")
    raw[central + 10 : central + 12] = (99).to_bytes(2, "little")
    return bytes(raw)


def test_deleting_a_symlinked_entry_removes_the_link_and_leaves_no_trash(store, small_jobs, tmp_path):
    """Issue 38, item 8: the link was renamed to a hidden .trash-* that rmtree refused to remove
    (silently) and the start-up sweep skipped: it stayed for good."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    outside = save_dense(open_store(elsewhere), small_jobs, "outside")
    store.root.mkdir(parents=True, exist_ok=True)
    (store.root / "linked").symlink_to(outside.path, target_is_directory=True)
    store.delete("linked")
    assert sorted(path.name for path in store.root.iterdir()) == []
    assert (outside.path / "weights.npz").is_file()  # what the link pointed to is not the store's
