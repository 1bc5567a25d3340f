"""TrainingJob: learns on a small subset, publishes events, stops on request, reports failure."""

import gc
import time

import numpy as np
import pytest
from conftest import SUBSET, train_small

from fashion_lab.training.in_process import JobState, TrainingConfig, TrainingJob, select_subset
from fashion_lab.training.saving import default_model_name, run_metadata


def test_one_epoch_on_a_subset_is_well_above_chance(small_jobs):
    assert small_jobs["cnn"].result.test_accuracy >= 0.75
    assert small_jobs["dense"].result.test_accuracy >= 0.60  # chance is 0.10
    for job in small_jobs.values():
        assert job.state is JobState.FINISHED
        assert job.result.samples == SUBSET
        assert job.result.epochs_completed == 1
        assert np.sum(job.result.confusion) == 10_000


def test_events_tell_the_whole_story(small_jobs):
    events = small_jobs["cnn"].events()
    kinds = [e["kind"] for e in events]
    assert kinds[0] == "started" and kinds[-1] == "finished"
    epoch = next(e for e in events if e["kind"] == "epoch")
    assert set(epoch) >= {"loss", "accuracy", "val_loss", "val_accuracy", "seconds"}
    assert epoch["partial"] is False
    batches = [e for e in events if e["kind"] == "batch"]
    assert batches and batches[-1]["step"] == batches[-1]["steps"]  # the last batch is reported
    history = small_jobs["cnn"].result.history
    assert history["val_accuracy"] == [pytest.approx(epoch["val_accuracy"])]


def test_batch_events_are_throttled(dataset):
    job = train_small("dense", dataset, report_interval=60.0)
    batches = [e for e in job.events() if e["kind"] == "batch"]
    assert len(batches) == 2  # the first batch and the epoch's last, nothing between


def test_stop_mid_epoch_ends_the_job_and_keeps_weights(dataset):
    config = TrainingConfig("cnn", epochs=3, limit=20_000, batch_size=32)
    job = TrainingJob(config, dataset=dataset, report_interval=0.0).start()
    initial = None
    deadline = time.monotonic() + 120
    while not any(e["kind"] == "batch" and e["step"] >= 50 for e in job.events()):
        assert time.monotonic() < deadline, "no batch events within 2 minutes"
        if initial is None and job.model is not None:
            initial = [w.copy() for w in job.model.get_weights()]
        time.sleep(0.01)
    job.stop()
    assert job.join(timeout=60), "the job did not end within a minute of stop()"
    assert job.state is JobState.STOPPED
    assert job.result.stopped and job.result.epochs_completed == 1
    epoch = next(e for e in job.events() if e["kind"] == "epoch")
    assert epoch["partial"] is True
    batches = [e for e in job.events() if e["kind"] == "batch"]
    assert batches[-1]["step"] < batches[-1]["steps"]  # the epoch was cut short
    learned = job.model.get_weights()
    assert any(not np.array_equal(a, b) for a, b in zip(initial, learned, strict=True))
    assert job.result.test_accuracy > 0.5  # what was learned before the stop is kept
    assert run_metadata(job)["stopped"] is True
    assert default_model_name(job).startswith("cnn-1ep-stopped-")  # what it did, not the 3 planned


def test_a_finished_run_is_named_by_its_epochs(small_jobs):
    assert default_model_name(small_jobs["dense"]).startswith("dense-1ep-2")


def test_stop_before_start_trains_and_saves_nothing(dataset):
    saved = []
    job = TrainingJob(TrainingConfig("dense", epochs=2, limit=500), dataset=dataset, save=saved.append)
    job.stop()
    assert job.state is JobState.CANCELLED and job.join(timeout=0)
    job.start()  # a cancelled job never starts
    job.run()
    assert job.state is JobState.CANCELLED and job.result is None and not saved
    assert [e["kind"] for e in job.events()] == ["cancelled"]


class StopsAsItLeavesTheLine(TrainingJob):
    """Stop pressed in the instant between its start and its first batch."""

    def build_seeded_model(self, total_steps):
        model = super().build_seeded_model(total_steps)
        self.stop()
        return model


def test_a_run_stopped_before_its_first_batch_is_cancelled_not_saved(dataset):
    saved = []
    job = StopsAsItLeavesTheLine(
        TrainingConfig("dense", epochs=2, limit=500), dataset=dataset, save=saved.append
    )
    assert job.start().join(timeout=120)
    assert job.state is JobState.CANCELLED and not saved
    assert job.events()[-1] == {"kind": "cancelled", "reason": "stopped before it began to train"}


def test_failure_is_reported_not_raised(dataset):
    job = TrainingJob(TrainingConfig("dense", epochs=1, limit=100), dataset=dataset)
    job._dataset = object()  # a broken dataset makes fit fail inside the worker
    job.start().join(timeout=60)
    assert job.state is JobState.FAILED
    assert "AttributeError" in job.error
    assert job.events()[-1]["kind"] == "failed"


def test_same_seed_same_start(dataset):
    a = TrainingJob(TrainingConfig("cnn", epochs=1, limit=64, seed=3), dataset=dataset)
    b = TrainingJob(TrainingConfig("cnn", epochs=1, limit=64, seed=3), dataset=dataset)
    first, second = a.build_seeded_model(1), b.build_seeded_model(1)
    for wa, wb in zip(first.get_weights(), second.get_weights(), strict=True):
        np.testing.assert_array_equal(wa, wb)


def test_a_run_from_a_stored_models_weights_starts_from_them(small_jobs, dataset):
    """Fine-tuning: the weights of the model ``init_from`` names replace the seed's draw."""
    start = small_jobs["cnn"].model.get_weights()
    config = TrainingConfig("cnn", epochs=1, limit=64, seed=3, init_from="small-cnn")
    model = TrainingJob(config, dataset=dataset, start_weights=start).build_seeded_model(1)
    for built, stored in zip(model.get_weights(), start, strict=True):
        np.testing.assert_array_equal(built, stored)
    drawn = TrainingJob(TrainingConfig("cnn", epochs=1, limit=64, seed=3), dataset=dataset)
    assert not np.array_equal(drawn.build_seeded_model(1).get_weights()[0], start[0])


def test_weights_to_start_from_come_with_the_name_of_their_model(small_jobs, dataset):
    start = small_jobs["cnn"].model.get_weights()
    with pytest.raises(ValueError, match="exactly when its config names their model"):
        TrainingJob(TrainingConfig("cnn", epochs=1), dataset=dataset, start_weights=start)
    with pytest.raises(ValueError, match="exactly when its config names their model"):
        TrainingJob(TrainingConfig("cnn", epochs=1, init_from="small-cnn"), dataset=dataset)
    with pytest.raises(ValueError, match="the weights of 'small-cnn' do not fit a dense"):
        TrainingJob(TrainingConfig("dense", init_from="small-cnn"), dataset=dataset, start_weights=start)


def test_subset_is_seeded_and_without_repeats():
    first = select_subset(60_000, 3000, seed=1)
    assert len(np.unique(first)) == 3000
    np.testing.assert_array_equal(first, select_subset(60_000, 3000, seed=1))
    assert not np.array_equal(first, select_subset(60_000, 3000, seed=2))
    assert len(select_subset(100, None, seed=0)) == 100


@pytest.mark.parametrize(
    "settings, message",
    [
        ({"architecture": "lenet"}, "unknown architecture"),
        ({"epochs": 0}, "epochs"),
        ({"batch_size": 0}, "batch size"),
        ({"learning_rate": -1.0}, "learning rate"),
        ({"limit": 0}, "limit"),
        ({"init_from": "../etc"}, "init from must be a stored model's name"),
    ],
)
def test_bad_settings_are_refused_with_a_message(settings, message):
    with pytest.raises(ValueError, match=message):
        TrainingConfig(**settings).validate()


def test_augmented_training_learns_and_keeps_pixels_in_range(dataset):
    from fashion_lab.data.batches import augmented_dataset

    images, labels = dataset.train_images[:256], dataset.train_labels[:256]
    batch, batch_labels = next(iter(augmented_dataset(images, labels, batch_size=256, seed=0)))
    assert batch.dtype == "uint8" and tuple(batch.shape) == (256, 28, 28)
    assert sorted(batch_labels.numpy()) == sorted(labels)  # shuffled, none lost
    assert not np.array_equal(np.sort(batch.numpy().ravel()), np.sort(images.ravel()))  # changed
    job = train_small("cnn", dataset, augment=True)
    assert job.result.test_accuracy > 0.5


def test_auto_precision_is_mixed_bfloat16_only_for_cnns_on_a_bf16_cpu(tmp_path):
    from fashion_lab.models.number_format import has_native_bfloat16, resolve_precision

    with_bf16, without = tmp_path / "bf16", tmp_path / "plain"
    with_bf16.write_text("processor\t: 0\nflags\t\t: fpu sse2 avx512f avx512_bf16 avx512_vnni\n")
    without.write_text("processor\t: 0\nflags\t\t: fpu sse2 avx2 fma\n")
    assert has_native_bfloat16(with_bf16) and not has_native_bfloat16(without)
    assert not has_native_bfloat16(tmp_path / "missing")  # no /proc/cpuinfo (macOS): float32
    expected = "mixed_bfloat16" if has_native_bfloat16() else "float32"
    assert resolve_precision("auto", convolutional=True) == expected
    assert resolve_precision("auto", convolutional=False) == "float32"
    assert resolve_precision("float32", convolutional=True) == "float32"


def test_auto_precision_is_float32_where_onednn_is_limited_below_bf16(monkeypatch):
    """ONEDNN_MAX_CPU_ISA=AVX2 (an ordinary laptop's instructions on this machine): a bf16
    convolution has no kernel there, and training one failed."""
    from fashion_lab.models.number_format import onednn_allows_bfloat16, resolve_precision

    monkeypatch.setenv("ONEDNN_MAX_CPU_ISA", "avx2")
    assert not onednn_allows_bfloat16() and resolve_precision("auto", convolutional=True) == "float32"
    monkeypatch.setenv("ONEDNN_MAX_CPU_ISA", "AVX512_CORE_AMX")
    assert onednn_allows_bfloat16()
    monkeypatch.delenv("ONEDNN_MAX_CPU_ISA")
    assert onednn_allows_bfloat16()


def test_a_cnn_trained_in_mixed_bfloat16_is_kept_and_scored_in_float32(dataset):
    import keras

    config = TrainingConfig("cnn", epochs=1, limit=2000, precision="mixed_bfloat16")
    job = TrainingJob(config, dataset=dataset)
    job.run()
    assert job.state is JobState.FINISHED, job.error
    assert job.precision == "mixed_bfloat16"
    assert job.model.dtype_policy.name == "float32"
    assert all(w.dtype == np.float32 for w in job.model.get_weights())
    assert job.result.test_accuracy >= 0.70  # chance is 0.10
    assert run_metadata(job)["precision"] == "mixed_bfloat16"
    assert keras.config.dtype_policy().name == "float32"  # the caller's thread is left as it was


def test_a_finished_job_leaves_no_garbage_cycles_behind(dataset):
    """The training model, optimizer and input pipeline sit in reference cycles; a server that
    seldom runs a full collection kept them (tens of MB a run) unless the job collects them."""
    job = TrainingJob(TrainingConfig(architecture="cnn", epochs=1, limit=2_000), dataset=dataset)
    gc.collect()
    gc.disable()
    try:
        job.run()
        left = gc.collect()
    finally:
        gc.enable()
    assert job.state is JobState.FINISHED
    assert left < 100, f"{left} unreachable objects were left for the next full collection"
