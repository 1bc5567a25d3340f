"""Events folded into progress: position, ETA, curves, outcome."""

import pytest

from fashion_lab.training.progress import format_duration, job_progress, summarize_events


def batch(epoch, step, loss, steps=10):
    return {"kind": "batch", "epoch": epoch, "step": step, "steps": steps, "loss": loss, "accuracy": 0.5}


def epoch_event(epoch, **metrics):
    values = {"loss": 0.5, "accuracy": 0.8, "val_loss": 0.6, "val_accuracy": 0.7} | metrics
    return {"kind": "epoch", "epoch": epoch, "seconds": 2.0, "partial": False, **values}


def test_halfway_through_gives_fraction_and_eta():
    started = {"kind": "started", "epochs": 2, "steps": 10}
    events = [started, batch(1, 10, 1.0), epoch_event(1), batch(2, 5, 0.5)]
    progress = summarize_events(events, epochs=2, elapsed=30.0)
    assert (progress.epoch, progress.step, progress.steps) == (2, 5, 10)
    assert progress.fraction == pytest.approx(0.75)
    assert progress.eta == pytest.approx(10.0)  # 30 s for 3/4: 10 s left
    assert not progress.done


def test_batch_losses_are_smoothed_and_placed_on_the_epoch_axis():
    events = [batch(1, 5, 2.0), batch(1, 10, 1.0)]
    rows = summarize_events(events, epochs=3, elapsed=1.0).batch_rows
    assert [r["position"] for r in rows] == [0.5, 1.0]
    assert rows[0]["smoothed"] == 2.0
    assert rows[1]["smoothed"] == pytest.approx(0.8 * 2.0 + 0.2 * 1.0)


def test_epoch_rows_and_outcome():
    events = [
        epoch_event(1, val_accuracy=0.81),
        epoch_event(2, val_accuracy=0.85),
        {"kind": "finished", "test_accuracy": 0.85, "epochs_completed": 2},
    ]
    progress = summarize_events(events, epochs=2, elapsed=9.0)
    assert [r["val_accuracy"] for r in progress.epoch_rows] == [0.81, 0.85]
    assert progress.outcome == "finished" and progress.done and progress.fraction == 1.0
    assert progress.eta is None and progress.final["test_accuracy"] == 0.85


def test_nothing_yet():
    progress = summarize_events([], epochs=5, elapsed=0.0)
    assert progress.fraction == 0.0 and progress.eta is None and not progress.epoch_rows


@pytest.mark.parametrize("seconds, text", [(0, "0:00"), (61.4, "1:01"), (3725, "1:02:05")])
def test_format_duration(seconds, text):
    assert format_duration(seconds) == text


def test_a_jobs_progress_is_the_summary_of_its_events(small_jobs):
    job = small_jobs["dense"]
    progress = job_progress(job)
    assert progress == summarize_events(job.events(), job.config.epochs, job.elapsed())
    assert progress.done and progress.outcome == "finished" and len(progress.epoch_rows) == 1
