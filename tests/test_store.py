"""Model store: round trip, atomic writes, broken entries, name validation."""

import hashlib
import json
import os
import time

import numpy as np
import pytest

from fashion_lab.analysis.evaluation import predict_images
from fashion_lab.models.stored import open_store
from fashion_lab.training.saving import run_metadata
from model_store import BrokenEntry, ModelStore, StoredModel, StoreError, validate_name
from model_store.store import META_FILE, WEIGHTS_FILE


def save_job(store: ModelStore, job, name: str) -> StoredModel:
    return store.save(name, job.model, run_metadata(job))


def test_round_trip_gives_identical_predictions(store, small_jobs, dataset):
    for architecture, job in small_jobs.items():
        save_job(store, job, f"{architecture}-test")
        loaded = store.load(f"{architecture}-test")
        images = dataset.test_images[:200]
        np.testing.assert_array_equal(predict_images(loaded, images), predict_images(job.model, images))


def test_metadata_carries_what_rebuilds_and_describes_the_run(store, small_jobs, dataset):
    entry = save_job(store, small_jobs["cnn"], "cnn-meta")
    meta = json.loads((entry.path / META_FILE).read_text())
    assert meta["architecture"] == "cnn" and meta["params"] == 804_554
    assert meta["config"]["epochs"] == 1 and meta["config"]["limit"] == 3000
    assert meta["test_accuracy"] == small_jobs["cnn"].result.test_accuracy
    assert len(meta["history"]["val_accuracy"]) == 1
    assert np.array(meta["confusion"]).shape == (10, 10)
    assert meta["dataset_checksum"] == dataset.checksum
    assert {"tensorflow", "keras", "numpy", "python"} <= set(meta["versions"])
    assert meta["created"] and meta["train_seconds"] > 0


def test_corrupt_entries_are_listed_as_broken_while_others_load(store, small_jobs):
    for name in ("good", "bad-json", "bad-weights", "no-weights", "other-name"):
        save_job(store, small_jobs["dense"], name)
    (store.root / "bad-json" / META_FILE).write_text("{not json")
    weights = store.root / "bad-weights" / WEIGHTS_FILE
    weights.write_bytes(weights.read_bytes()[:-100])
    (store.root / "no-weights" / WEIGHTS_FILE).unlink()
    meta_path = store.root / "other-name" / META_FILE
    meta_path.write_text(json.dumps({**json.loads(meta_path.read_text()), "name": "../x"}))
    (store.root / "half-written").mkdir()  # a folder with nothing in it

    entries = {e.name: e for e in store.entries()}
    assert isinstance(entries["good"], StoredModel)
    reasons = {n: e.reason for n, e in entries.items() if isinstance(e, BrokenEntry)}
    assert set(reasons) == {"bad-json", "bad-weights", "no-weights", "other-name", "half-written"}
    assert "unreadable" in reasons["bad-json"]
    assert "checksum" in reasons["bad-weights"]
    assert "missing" in reasons["no-weights"] and "missing" in reasons["half-written"]
    assert [m.name for m in store.models()] == ["good"]
    store.load("good")
    with pytest.raises(StoreError, match="broken"):
        store.load("bad-weights")


def test_weights_of_another_shape_are_refused(store, small_jobs):
    entry = save_job(store, small_jobs["dense"], "liar")
    meta = json.loads((entry.path / META_FILE).read_text())
    meta["architecture"] = "cnn"  # claims to be a CNN, holds dense weights
    (entry.path / META_FILE).write_text(json.dumps(meta))
    assert "has shape (28, 128); the model needs (3, 3, 1, 32)" in store.entries()[0].reason
    with pytest.raises(StoreError, match="broken"):
        store.load("liar")


def test_pickled_weights_are_never_unpickled(store, small_jobs):
    entry = save_job(store, small_jobs["dense"], "pickle")
    weights = entry.path / WEIGHTS_FILE
    with open(weights, "wb") as handle:
        np.savez(handle, np.array([object()], dtype=object))
    meta = json.loads((entry.path / META_FILE).read_text())

    meta["weights_sha256"] = hashlib.sha256(weights.read_bytes()).hexdigest()
    (entry.path / META_FILE).write_text(json.dumps(meta))
    with pytest.raises(StoreError, match="broken"):
        store.load("pickle")


def test_save_is_atomic_and_leaves_no_temp_folders(store, small_jobs):
    save_job(store, small_jobs["dense"], "a")
    with pytest.raises(StoreError, match="already exists"):
        save_job(store, small_jobs["dense"], "a")
    store.save("a", small_jobs["cnn"].model, run_metadata(small_jobs["cnn"]), overwrite=True)
    assert store.get("a").architecture == "cnn"
    assert sorted(p.name for p in store.root.iterdir()) == ["a"]


def test_failed_save_keeps_what_was_saved(store, small_jobs):
    save_job(store, small_jobs["dense"], "keep")

    class Unsavable:
        def get_weights(self):
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        store.save("keep", Unsavable(), {}, overwrite=True)
    assert store.get("keep").architecture == "dense"
    assert sorted(p.name for p in store.root.iterdir()) == ["keep"]


def test_delete_and_unique_names(store, small_jobs):
    save_job(store, small_jobs["dense"], "m")
    assert store.unique_name("m") == "m-2"
    store.delete("m")
    assert store.entries() == [] and store.unique_name("m") == "m"
    with pytest.raises(StoreError, match="no model named"):
        store.delete("m")


@pytest.mark.parametrize("name", ["", "../evil", "a/b", "..", ".hidden", "a\nb", "x" * 81, "a..b"])
def test_unsafe_names_are_refused(name):
    with pytest.raises(StoreError, match="invalid model name"):
        validate_name(name)


def test_missing_store_folder_lists_nothing(tmp_path):
    assert open_store(tmp_path / "nowhere").entries() == []


def test_bundled_models_are_listed_loaded_and_read_only(tmp_path, small_jobs):
    bundled = open_store(tmp_path / "bundled", bundled=tmp_path / "nothing")
    bundled.save("shipped", small_jobs["dense"].model, run_metadata(small_jobs["dense"]))
    store = open_store(tmp_path / "mine", bundled=tmp_path / "bundled")
    store.save("mine", small_jobs["cnn"].model, run_metadata(small_jobs["cnn"]))
    entries = {e.name: e for e in store.entries()}
    assert entries["shipped"].bundled and not entries["mine"].bundled
    store.load("shipped")
    with pytest.raises(StoreError, match="bundled model"):
        store.delete("shipped")
    with pytest.raises(StoreError, match="bundled model"):
        store.save("shipped", small_jobs["cnn"].model, run_metadata(small_jobs["cnn"]))
    assert store.unique_name("shipped") == "shipped-2"
    assert store.get("shipped").bundled


def test_save_unique_takes_the_next_free_name_and_does_not_mask_real_failures(store, small_jobs):
    job = small_jobs["dense"]
    assert [store.save_unique("run", job.model, run_metadata(job)).name for _ in range(2)] == ["run", "run-2"]

    class FullDisk:
        def get_weights(self):
            raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space left"):
        store.save_unique("run", FullDisk(), {})


def test_a_save_that_finds_its_name_taken_meanwhile_keeps_the_other_and_takes_the_next(
    store, small_jobs, monkeypatch
):
    """Two runs ending in the same second save under the same name at once (a class of six on
    two slots lost a model this way): the one that renames second must not remove the first."""
    import model_store.store as store_module

    job, write = small_jobs["dense"], store_module._write_synced
    other = {**run_metadata(job), "seed_of_the_other": 1}

    def another_run_saves_meanwhile(path, data):
        monkeypatch.setattr(store_module, "_write_synced", write)
        store.save("run", job.model, other)  # in the instant after this save checked the name
        write(path, data)

    monkeypatch.setattr(store_module, "_write_synced", another_run_saves_meanwhile)
    mine = store.save_unique("run", job.model, run_metadata(job))
    assert mine.name == "run-2"
    assert store.get("run").meta["seed_of_the_other"] == 1  # the other run's model is still there


def test_leftovers_of_killed_saves_are_removed_once_stale_and_only_ours(store, small_jobs):
    save_job(store, small_jobs["dense"], "kept")
    stale = [store.root / ".tmp-kept-0123abcd", store.root / ".trash-old-89abcdef"]
    fresh = store.root / ".tmp-now-11112222"  # another process may be saving right now
    foreign = [store.root / ".git-0123abcd", store.root / ".tmp-x-NOTHEX12"]
    for folder in (*stale, fresh, *foreign):
        folder.mkdir()
        (folder / WEIGHTS_FILE).write_bytes(b"half")
    an_hour_ago = time.time() - 3600
    for folder in (*stale, *foreign):
        for path in (folder / WEIGHTS_FILE, folder):
            os.utime(path, (an_hour_ago, an_hour_ago))
    assert sorted(store.remove_leftovers()) == sorted(stale)
    assert fresh.exists() and all(f.exists() for f in foreign)
    assert [m.name for m in store.models()] == ["kept"]


def test_a_stored_model_offers_what_the_pages_read_as_typed_fields(store, small_jobs):
    entry = save_job(store, small_jobs["cnn"], "typed")
    assert (entry.params, entry.epochs) == (804_554, 1)
    assert entry.train_seconds > 0 and entry.created.startswith("20")
    assert entry.weights_sha256 == hashlib.sha256((entry.path / WEIGHTS_FILE).read_bytes()).hexdigest()
    assert entry.confusion.shape == (10, 10) and len(entry.history("val_accuracy")) == 1


def test_a_full_store_refuses_a_new_model_and_keeps_every_saved_one(tmp_path, small_jobs, monkeypatch):
    """Issue 38, item 10: anonymous Train presses added 6 CNNs (18 MB) a minute, without bound."""
    from helpers.store import save_dense

    from fashion_lab.models.stored import open_store

    monkeypatch.setenv("FASHION_LAB_MAX_MODELS", "2")
    store = open_store(tmp_path / "models")
    for name in ("first", "second"):
        save_dense(store, small_jobs, name)
    with pytest.raises(StoreError, match="holds 2 models, the most it keeps: delete some on the Models page"):
        save_dense(store, small_jobs, "third")
    assert sorted(model.name for model in store.models()) == ["first", "second"] and store.count() == 2
    store.delete("first")
    save_dense(store, small_jobs, "third")  # room again
