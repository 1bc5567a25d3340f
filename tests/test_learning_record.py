"""The snapshots every run records to replay how it learned (issue 42): the promised points,
the weights they hold, and the store keeping them bounded and safe."""

from __future__ import annotations

import numpy as np
import pytest

from fashion_lab.models.first_layer import (
    first_layer_maps,
    keras_layers,
    kernel_pictures,
    probe_indices,
    unit_pictures,
)
from fashion_lab.models.registry import ARCHITECTURES, build_model
from fashion_lab.training.in_process import STEPS_PER_EXECUTION
from fashion_lab.training.saving import store_saver
from fashion_lab.training.snapshots import MAX_EPOCH_POINTS, MAX_UNITS, recorded_epochs
from model_store import StoreError
from model_store.learning import LEARNING_FILE, MAX_POINTS, encode_learning, learning_problem
from tests.conftest import SUBSET, train_small

STEPS = -(-SUBSET // 128)  # batches an epoch of the small runs


def test_a_run_records_the_start_the_first_call_and_each_epoch(small_jobs):
    for architecture, job in small_jobs.items():
        record = job.result.learning
        # 24 batches an epoch: batch 1 and 10 fall in the first call (16 batches), 100 in none
        assert record["batches"].tolist() == [0, STEPS_PER_EXECUTION, STEPS], architecture
        assert record["positions"].tolist() == pytest.approx([0, STEPS_PER_EXECUTION / STEPS, 1])
        assert record["probe_answers"].shape == (3, 10, 10)
        assert np.allclose(record["probe_answers"].sum(axis=2), 1, atol=1e-4)
        assert learning_problem(record) is None
    assert small_jobs["dense"].result.learning["units"].shape == (3, 10, 28, 28)  # a picture a class
    assert small_jobs["cnn"].result.learning["kernels"].shape == (3, 32, 3, 3)


def test_a_longer_run_records_batch_100_and_every_epoch(dataset):
    job = train_small("dense", dataset, epochs=2, limit=16_000)  # 125 batches an epoch
    assert job.result.learning["batches"].tolist() == [0, 16, 112, 125, 250]


def test_a_stopped_run_records_where_it_stopped(dataset):
    from fashion_lab.training.in_process import TrainingConfig, TrainingJob

    job = TrainingJob(TrainingConfig(architecture="dense", epochs=3, limit=SUBSET), dataset=dataset)
    original = job._log.add

    def stop_after_the_first_epoch(kind, **values):
        original(kind, **values)
        if kind == "epoch":
            job.stop()

    job._log.add = stop_after_the_first_epoch
    job.run()
    assert job.result.stopped
    last = [e for e in job.events() if e["kind"] == "batch"][-1]
    assert job.result.learning["batches"].tolist()[-2:] == [STEPS, (last["epoch"] - 1) * STEPS + last["step"]]


def test_a_long_run_keeps_at_most_twenty_epoch_ends_and_its_last():
    for epochs in (1, 5, 20, 21, 50, 1000):
        kept = recorded_epochs(epochs)
        assert len(kept) <= MAX_EPOCH_POINTS and {1, epochs} <= kept <= set(range(1, epochs + 1))
    assert recorded_epochs(20) == set(range(1, 21)) and len(recorded_epochs(21)) == 20


def test_the_epoch_snapshot_holds_the_saved_weights(small_jobs, store):
    for architecture, job in small_jobs.items():
        name = store_saver(store, f"learned-{architecture}")(job)
        layer = keras_layers(store.load(name))
        record = store.learning(name)
        assert record["batches"][-1] == STEPS
        if architecture == "cnn":
            saved = kernel_pictures(layer)
            for key in ("kernels", "map_scale", "map_shift"):
                assert np.array_equal(record[key][-1], saved[key]), key
            assert not np.array_equal(record["kernels"][0], saved["kernels"])  # it did learn
        else:
            saved = unit_pictures(layer)
            assert np.allclose(record["units"][-1], saved, rtol=1e-3, atol=1e-3 * np.abs(saved).max())


def test_the_maps_drawn_from_the_kernels_are_the_models_own(dataset):
    image = dataset.test_images[probe_indices(dataset.test_labels)[9]]
    for architecture, output in (("cnn", "conv1"), ("cnn_deep", "relu1")):
        import keras

        model = build_model(architecture)
        rng = np.random.default_rng(0)
        model.set_weights([w + rng.normal(0, 0.1, w.shape).astype(np.float32) for w in model.get_weights()])
        if architecture == "cnn_deep":  # a variance must stay positive
            norm = model.get_layer("norm1")
            gamma, beta, mean, _ = norm.get_weights()
            norm.set_weights([gamma, beta, mean, np.full_like(mean, 0.5)])
        inner = keras.Model(model.inputs, model.get_layer(output).output)
        expected = np.asarray(inner(image[None]))[0].transpose(2, 0, 1)
        pictures = kernel_pictures(keras_layers(model))
        drawn = first_layer_maps(image, pictures["kernels"], pictures["map_scale"], pictures["map_shift"])
        assert np.allclose(drawn, expected, atol=1e-4), architecture


def test_the_largest_record_of_each_architecture_fits_two_megabytes():
    for architecture in ARCHITECTURES:
        model = build_model(architecture)
        layer = keras_layers(model)
        convolutional = ARCHITECTURES[architecture].convolutional
        pictures = kernel_pictures(layer) if convolutional else {"units": unit_pictures(layer)[:MAX_UNITS]}
        points = 1 + 3 + MAX_EPOCH_POINTS
        assert points <= MAX_POINTS
        record = {key: np.repeat(value[None], points, axis=0) for key, value in pictures.items()}
        if "units" in record:
            record["units"] = record["units"].astype(np.float16)
            record["unit_indices"] = np.arange(record["units"].shape[1], dtype=np.float32)
        record |= {
            "positions": np.arange(points, dtype=np.float32),
            "batches": np.arange(points, dtype=np.float32),
            "probe_answers": np.full((points, 10, 10), 0.1, dtype=np.float32),
        }
        assert len(encode_learning(record)) <= 2_000_000, architecture


def test_a_broken_record_is_refused_and_the_model_still_loads(small_jobs, store, tmp_path):
    name = store_saver(store, "learned")(small_jobs["cnn"])
    path = store.get(name).path / LEARNING_FILE
    record = store.learning(name)
    for hostile in (
        record | {"positions": record["positions"][::-1].copy()},  # not growing
        record | {"kernels": np.full_like(record["kernels"], np.nan)},
        record | {"map_scale": record["map_scale"][:, :5]},  # inconsistent
        record | {"script": record["positions"]},  # an unknown name
        {k: v for k, v in record.items() if k != "probe_answers"},
    ):
        assert learning_problem(hostile), sorted(hostile)
        with pytest.raises(ValueError):
            encode_learning(hostile)
    path.write_bytes(path.read_bytes()[:-10])  # corrupt: the checksum no longer matches
    with pytest.raises(StoreError, match="learning record.*corrupt"):
        store.learning(name)
    store.load(name)  # the weights are untouched
    path.unlink()
    path.symlink_to(tmp_path)
    with pytest.raises(StoreError, match="symbolic link"):
        store.learning(name)


def test_a_model_saved_without_a_record_has_none(small_jobs, store):
    job = small_jobs["dense"]
    from fashion_lab.training.saving import run_metadata

    store.save("plain", job.model, run_metadata(job))
    assert store.learning("plain") is None


def test_a_hostile_record_with_a_valid_checksum_is_refused(small_jobs, store):
    """What a folder's own meta.json vouches for is still checked: the kind of network, the
    counts of pictures, the points' arithmetic."""
    import hashlib
    import json

    name = store_saver(store, "hostile")(small_jobs["dense"])
    path = store.get(name).path
    record = store.learning(name)
    kernels = {"kernels": np.zeros((3, 4, 3, 3), np.float32), "map_scale": np.ones((3, 4), np.float32)}
    kernels["map_shift"] = np.zeros((3, 4), np.float32)
    base = {k: record[k] for k in ("positions", "batches", "probe_answers")}
    too_many = {"units": np.zeros((3, 60, 28, 28), np.float16), "unit_indices": np.zeros(60, np.float32)}
    for hostile, why in (
        (base | kernels, "a CNN's kernels, not a dense network's units"),  # the wrong kind
        (record | too_many, "60 pictures a point"),
        (record | {"batches": np.array([0, 16, 30], np.float32)}, "length of an epoch"),
        (record | {"batches": np.array([0, 16.5, 24], np.float32)}, "whole numbers"),
        (record | {"positions": np.array([0.5, 0.7, 1], np.float32)}, "grow from 0"),
    ):
        data = encode_learning(hostile) if "kernels" in hostile else None
        if data is None:
            with pytest.raises(ValueError):
                encode_learning(hostile)
            import io

            buffer = io.BytesIO()
            np.savez(buffer, **hostile)
            data = buffer.getvalue()
        (path / LEARNING_FILE).write_bytes(data)
        meta = json.loads((path / "meta.json").read_text())
        meta["learning_sha256"] = hashlib.sha256(data).hexdigest()
        (path / "meta.json").write_text(json.dumps(meta))
        with pytest.raises(StoreError, match=why):
            store.learning(name)
    store.load(name)  # the model itself still loads


def test_a_record_that_is_not_finite_is_not_kept():
    """A run that diverged has NaN weights: its record is dropped (the store would refuse it)."""
    from fashion_lab.training.snapshots import LearningRecorder

    recorder = LearningRecorder("cnn", 10, 1, np.zeros((10, 28, 28), np.uint8))
    good = {
        "kernels": np.zeros((32, 3, 3), np.float32),
        "map_scale": np.ones(32, np.float32),
        "map_shift": np.zeros(32, np.float32),
        "probe_answers": np.full((10, 10), 0.1, np.float32),
    }
    recorder.snapshots, recorder.positions, recorder.batches = [good, good], [0, 1], [0, 10]
    assert learning_problem(recorder.arrays()) is None
    recorder.snapshots[1] = good | {"kernels": np.full((32, 3, 3), np.nan, np.float32)}
    assert recorder.arrays() is None
